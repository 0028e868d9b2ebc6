package dev.gatehouse.auth.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * {@link CredentialCarrier}: the raw secret is kept for authenticators but never shown by
 * {@code toString()}, so a carrier can be logged safely.
 */
class CredentialCarrierTests {

	private static final String SECRET = "sk_live_7Qz-UNIQUE-SECRET-4f91c2";

	@Test
	void keepsEveryField() {
		CredentialCarrier carrier = new CredentialCarrier(CredentialCarrierKind.API_KEY,
				CredentialCarrierLocation.HEADER, SECRET, "X-Api-Key", null);

		assertThat(carrier.kind()).isEqualTo(CredentialCarrierKind.API_KEY);
		assertThat(carrier.location()).isEqualTo(CredentialCarrierLocation.HEADER);
		assertThat(carrier.material()).isEqualTo(SECRET);
		assertThat(carrier.name()).isEqualTo("X-Api-Key");
		assertThat(carrier.scheme()).isNull();
	}

	@ParameterizedTest
	@EnumSource(CredentialCarrierKind.class)
	void toStringNeverContainsMaterial(CredentialCarrierKind kind) {
		CredentialCarrier carrier = new CredentialCarrier(kind, CredentialCarrierLocation.AUTHORIZATION_HEADER, SECRET,
				"Authorization", "Bearer");

		assertThat(carrier.toString()).doesNotContain(SECRET)
			.doesNotContain("UNIQUE-SECRET")
			.contains("[REDACTED]")
			.contains(kind.name())
			.contains("AUTHORIZATION_HEADER")
			.contains("Authorization")
			.contains("Bearer");
	}

	@Test
	void toStringDoesNotContainEvenAShortMaterial() {
		CredentialCarrier carrier = new CredentialCarrier(CredentialCarrierKind.BASIC,
				CredentialCarrierLocation.AUTHORIZATION_HEADER, "zq9", null, "Basic");

		assertThat(carrier.toString()).doesNotContain("zq9");
	}

	@Test
	void equalityStillUsesMaterial() {
		CredentialCarrier first = new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN,
				CredentialCarrierLocation.AUTHORIZATION_HEADER, "a", null, "Bearer");
		CredentialCarrier second = new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN,
				CredentialCarrierLocation.AUTHORIZATION_HEADER, "b", null, "Bearer");

		assertThat(first).isNotEqualTo(second);
		assertThat(first.toString()).isEqualTo(second.toString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t\n" })
	void rejectsBlankMaterial(String material) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CredentialCarrier(CredentialCarrierKind.API_KEY, CredentialCarrierLocation.HEADER,
					material, "X-Api-Key", null))
			.withMessageContaining("material");
	}

	@Test
	void rejectsNullRequiredFields() {
		assertThatNullPointerException()
			.isThrownBy(() -> new CredentialCarrier(CredentialCarrierKind.API_KEY, CredentialCarrierLocation.HEADER,
					null, null, null))
			.withMessageContaining("material");
		assertThatNullPointerException()
			.isThrownBy(() -> new CredentialCarrier(null, CredentialCarrierLocation.HEADER, SECRET, null, null))
			.withMessageContaining("kind");
		assertThatNullPointerException()
			.isThrownBy(() -> new CredentialCarrier(CredentialCarrierKind.API_KEY, null, SECRET, null, null))
			.withMessageContaining("location");
	}

	@Test
	void rejectionMessagesNeverContainMaterial() {
		assertThatNullPointerException()
			.isThrownBy(() -> new CredentialCarrier(null, CredentialCarrierLocation.HEADER, SECRET, null, null))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET));
	}

	@Test
	void kindsAreThoseOfTheContract() {
		assertThat(CredentialCarrierKind.values()).extracting(Enum::name)
			.containsExactly("BEARER_TOKEN", "API_KEY", "BASIC", "CLIENT_CERTIFICATE", "AUTH_CONTEXT_SNAPSHOT");
	}

	@Test
	void locationsAreThoseOfTheContract() {
		assertThat(CredentialCarrierLocation.values()).extracting(Enum::name)
			.containsExactly("AUTHORIZATION_HEADER", "HEADER", "QUERY_PARAMETER", "METADATA", "COOKIE", "CLI_OPTION",
					"APPLICATION_CONTEXT");
	}

}
