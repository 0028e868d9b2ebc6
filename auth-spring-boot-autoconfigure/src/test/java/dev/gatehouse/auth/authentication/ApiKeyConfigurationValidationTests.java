package dev.gatehouse.auth.authentication;

import java.util.Arrays;
import java.util.List;

import dev.gatehouse.auth.startup.InvalidGatehouseConfigurationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Misconfigured API keys fail when the authenticator is created, naming the entry and
 * never its hash.
 */
class ApiKeyConfigurationValidationTests {

	private static final String VALID = ApiKeyAuthenticatorTests.sha256("first-key");

	@Test
	void refusesHashThatIsTooShort() {
		String truncated = VALID.substring(0, 40);
		assertThatExceptionOfType(InvalidGatehouseConfigurationException.class)
			.isThrownBy(() -> create(key(VALID, "a"), key(truncated, "b")))
			.withMessageContaining("gatehouse.api-keys[1].sha256")
			.withMessageContaining("64 hexadecimal characters, got 40")
			.isInstanceOf(InvalidGatehouseConfigurationException.class)
			.satisfies((ex) -> assertThat(((InvalidGatehouseConfigurationException) ex).action()).contains("sha256sum"))
			.withMessageNotContaining(truncated);
	}

	@Test
	void refusesHashWithNonHexCharacters() {
		String notHex = "z" + VALID.substring(1);
		assertThatExceptionOfType(InvalidGatehouseConfigurationException.class)
			.isThrownBy(() -> create(key(notHex, "a")))
			.withMessageContaining("gatehouse.api-keys[0].sha256")
			.withMessageContaining("non-hexadecimal")
			.withMessageNotContaining(notHex)
			.withMessageNotContaining(VALID.substring(1));
	}

	@Test
	void refusesPlainKeyConfiguredInsteadOfHash() {
		assertThatExceptionOfType(InvalidGatehouseConfigurationException.class)
			.isThrownBy(() -> create(key("my-plain-api-key", "a")))
			.withMessageContaining("is not a SHA-256 hex digest")
			.withMessageNotContaining("my-plain-api-key");
	}

	@Test
	void refusesMissingHash() {
		assertThatExceptionOfType(InvalidGatehouseConfigurationException.class)
			.isThrownBy(() -> create(key(VALID, "a"), key(null, "b")))
			.withMessageContaining("gatehouse.api-keys[1].sha256 is missing");
		assertThatExceptionOfType(InvalidGatehouseConfigurationException.class).isThrownBy(() -> create(key(" ", "a")))
			.withMessageContaining("gatehouse.api-keys[0].sha256 is missing");
	}

	@Test
	void refusesDuplicateHashesWhateverTheirCase() {
		String other = ApiKeyAuthenticatorTests.sha256("second-key");
		assertThatExceptionOfType(InvalidGatehouseConfigurationException.class)
			.isThrownBy(() -> create(key(VALID, "a"), key(other, "b"), key(VALID.toUpperCase(), "c")))
			.withMessageContaining("gatehouse.api-keys[2].sha256 is the same hash as gatehouse.api-keys[0].sha256")
			.withMessageNotContaining(VALID)
			.withMessageNotContaining(VALID.toUpperCase());
	}

	@Test
	void refusesMissingSubject() {
		assertThatExceptionOfType(InvalidGatehouseConfigurationException.class)
			.isThrownBy(() -> create(key(VALID, null)))
			.withMessageContaining("gatehouse.api-keys[0].subject is missing");
		assertThatExceptionOfType(InvalidGatehouseConfigurationException.class)
			.isThrownBy(() -> create(key(VALID, "  ")))
			.withMessageContaining("gatehouse.api-keys[0].subject is missing");
	}

	@Test
	void refusesBlankRolesAndScopes() {
		assertThatExceptionOfType(InvalidGatehouseConfigurationException.class).isThrownBy(
				() -> create(new ApiKeyAuthenticator.ApiKey(VALID, "a", null, List.of("ADMIN", " "), List.of(), null)))
			.withMessageContaining("gatehouse.api-keys[0].roles must not contain blank values");
		assertThatExceptionOfType(InvalidGatehouseConfigurationException.class)
			.isThrownBy(() -> create(
					new ApiKeyAuthenticator.ApiKey(VALID, "a", null, List.of(), Arrays.asList("read", null), null)))
			.withMessageContaining("gatehouse.api-keys[0].scopes must not contain blank values");
	}

	private static ApiKeyAuthenticator create(ApiKeyAuthenticator.ApiKey... keys) {
		return new ApiKeyAuthenticator(List.of(keys));
	}

	private static ApiKeyAuthenticator.ApiKey key(String sha256, String subject) {
		return new ApiKeyAuthenticator.ApiKey(sha256, subject, null, List.of(), List.of(), null);
	}

}
