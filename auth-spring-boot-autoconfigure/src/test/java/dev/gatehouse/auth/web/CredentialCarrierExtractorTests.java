package dev.gatehouse.auth.web;

import java.util.EnumSet;

import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.MissingAuthContextSnapshotException;
import dev.gatehouse.auth.spi.CredentialCarrierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CredentialCarrierExtractorTests {

	private static final String SECRET = "s3cr3t-token-Zq81";

	private final CredentialCarrierExtractor extractor = new CredentialCarrierExtractor("X-API-Key");

	@Test
	void findsNoCredentialOnPlainRequest() {
		assertThat(this.extractor.extract(new MockHttpServletRequest())).isNull();
	}

	@Test
	void extractsBearerToken() {
		CredentialCarrier carrier = this.extractor.extract(request("Authorization", "Bearer abc.DEF-123_~+/=="));
		assertThat(carrier).isNotNull();
		assertThat(carrier.kind()).isEqualTo(CredentialCarrierKind.BEARER_TOKEN);
		assertThat(carrier.location()).isEqualTo(CredentialCarrierLocation.AUTHORIZATION_HEADER);
		assertThat(carrier.material()).isEqualTo("abc.DEF-123_~+/==");
		assertThat(carrier.name()).isEqualTo("Authorization");
		assertThat(carrier.scheme()).isEqualTo("Bearer");
	}

	@Test
	void readsSchemeCaseInsensitively() {
		CredentialCarrier carrier = this.extractor.extract(request("Authorization", "bEaReR abc"));
		assertThat(carrier.kind()).isEqualTo(CredentialCarrierKind.BEARER_TOKEN);
		assertThat(carrier.scheme()).isEqualTo("Bearer");
	}

	@Test
	void extractsBasicCredentialsEncoded() {
		CredentialCarrier carrier = this.extractor.extract(request("Authorization", "Basic dXNlcjpwYXNz"));
		assertThat(carrier.kind()).isEqualTo(CredentialCarrierKind.BASIC);
		assertThat(carrier.material()).isEqualTo("dXNlcjpwYXNz");
		assertThat(carrier.scheme()).isEqualTo("Basic");
	}

	@Test
	void extractsApiKeyFromConfiguredHeader() {
		CredentialCarrierExtractor custom = new CredentialCarrierExtractor("X-Service-Key");
		CredentialCarrier carrier = custom.extract(request("x-service-key", "key-123"));
		assertThat(carrier.kind()).isEqualTo(CredentialCarrierKind.API_KEY);
		assertThat(carrier.location()).isEqualTo(CredentialCarrierLocation.HEADER);
		assertThat(carrier.material()).isEqualTo("key-123");
		assertThat(carrier.name()).isEqualTo("X-Service-Key");
		assertThat(custom.extract(request("X-API-Key", "key-123"))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer", "Bearer ", "Bearer  x", "Bearer x y", "Bearer x,y", "Bearer x=y", "Bearer =",
			"Bearer x ", "Token abc", "", "Negotiate abc", "Bearer\tabc", "Basic", "Basic !!", "Basic dXNlcg==",
			"Basic a b" })
	void refusesMalformedAuthorizationHeader(String value) {
		assertThatExceptionOfType(CredentialCarrierException.class)
			.isThrownBy(() -> this.extractor.extract(request("Authorization", value)));
	}

	@Test
	void refusesNonAsciiAndControlCharacters() {
		assertThatExceptionOfType(CredentialCarrierException.class)
			.isThrownBy(() -> this.extractor.extract(request("Authorization", "Bearer caf\u00e9")));
		assertThatExceptionOfType(CredentialCarrierException.class)
			.isThrownBy(() -> this.extractor.extract(request("Authorization", "Bearer a\u007fb")));
		assertThatExceptionOfType(CredentialCarrierException.class)
			.isThrownBy(() -> this.extractor.extract(request("X-API-Key", "key\u0000")));
	}

	@Test
	void refusesApiKeyWithSpacesOrEmpty() {
		assertThatExceptionOfType(CredentialCarrierException.class)
			.isThrownBy(() -> this.extractor.extract(request("X-API-Key", "two words")));
		assertThatExceptionOfType(CredentialCarrierException.class)
			.isThrownBy(() -> this.extractor.extract(request("X-API-Key", "")));
	}

	@Test
	void refusesHeaderOverSizeLimit() {
		String atLimit = "Bearer " + "a".repeat(CredentialCarrierExtractor.MAX_HEADER_LENGTH - 7);
		assertThat(this.extractor.extract(request("Authorization", atLimit))).isNotNull();
		assertThatExceptionOfType(CredentialCarrierException.class)
			.isThrownBy(() -> this.extractor.extract(request("Authorization", atLimit + "a")))
			.withMessageContaining("longer than 8192");
	}

	@Test
	void refusesRepeatedHeaders() {
		MockHttpServletRequest authorization = new MockHttpServletRequest();
		authorization.addHeader("Authorization", "Bearer a");
		authorization.addHeader("Authorization", "Bearer a");
		assertThatExceptionOfType(CredentialCarrierException.class)
			.isThrownBy(() -> this.extractor.extract(authorization))
			.withMessageContaining("repeated");
		MockHttpServletRequest apiKey = new MockHttpServletRequest();
		apiKey.addHeader("X-API-Key", "a");
		apiKey.addHeader("X-API-Key", "b");
		assertThatExceptionOfType(CredentialCarrierException.class).isThrownBy(() -> this.extractor.extract(apiKey));
	}

	@Test
	void refusesTwoCredentialsOnOneRequest() {
		MockHttpServletRequest request = request("Authorization", "Bearer abc");
		request.addHeader("X-API-Key", "key");
		assertThatExceptionOfType(CredentialCarrierException.class).isThrownBy(() -> this.extractor.extract(request))
			.withMessageContaining("exactly one credential");
	}

	@Test
	void ignoresKindsNobodyVerifies() {
		MockHttpServletRequest request = request("Authorization", "Negotiate " + SECRET);
		request.addHeader("X-API-Key", "key");
		CredentialCarrier carrier = this.extractor.extract(request,
				EnumSet.of(CredentialCarrierKind.API_KEY)::contains);
		assertThat(carrier.kind()).isEqualTo(CredentialCarrierKind.API_KEY);
		assertThat(this.extractor.extract(request("Authorization", "Basic dXNlcjpwYXNz"),
				EnumSet.of(CredentialCarrierKind.BEARER_TOKEN)::contains))
			.isNull();
		assertThat(this.extractor.extract(request("X-API-Key", "a b"),
				EnumSet.of(CredentialCarrierKind.BEARER_TOKEN)::contains))
			.isNull();
	}

	@Test
	void stillRefusesUnknownSchemeWhenAnAuthorizationKindIsVerified() {
		assertThatExceptionOfType(CredentialCarrierException.class).isThrownBy(() -> this.extractor
			.extract(request("Authorization", "Digest abc"), EnumSet.of(CredentialCarrierKind.BASIC)::contains));
	}

	@Test
	void neverPutsSubmittedMaterialIntoMessages() {
		String[] values = { "Bearer " + SECRET + " x", "Token " + SECRET, "Bearer " + SECRET + "\u00e9",
				"Basic " + SECRET + "!", "Bearer " + SECRET.repeat(1000) };
		for (String value : values) {
			assertThatExceptionOfType(CredentialCarrierException.class)
				.isThrownBy(() -> this.extractor.extract(request("Authorization", value)))
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET))
				.satisfies((ex) -> assertThat(ex.getCause()).isNull());
		}
	}

	@Test
	void rejectsBlankHeaderName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CredentialCarrierExtractor(" "));
	}

	@Test
	void extractsSnapshotAheadOfOtherCredentials() {
		CredentialCarrierExtractor extractor = new CredentialCarrierExtractor("X-API-Key", "X-Auth-Context-Snapshot");
		MockHttpServletRequest request = request("X-Auth-Context-Snapshot", "eyJzbmFwc2hvdCI6MX0");
		request.addHeader("Authorization", "Bearer abc");
		request.addHeader("X-API-Key", "key");
		CredentialCarrier credential = extractor.extract(request);
		assertThat(credential).isNotNull();
		assertThat(credential.kind()).isEqualTo(CredentialCarrierKind.AUTH_CONTEXT_SNAPSHOT);
		assertThat(credential.location()).isEqualTo(CredentialCarrierLocation.HEADER);
		assertThat(credential.name()).isEqualTo("X-Auth-Context-Snapshot");
		assertThat(credential.material()).isEqualTo("eyJzbmFwc2hvdCI6MX0");
		assertThat(extractor.snapshotHeader()).isEqualTo("X-Auth-Context-Snapshot");
	}

	@Test
	void leavesTheSnapshotToItsVerifierBeyondRepeatsAndBlanks() {
		CredentialCarrierExtractor extractor = new CredentialCarrierExtractor("X-API-Key", "X-Auth-Context-Snapshot");
		// Longer than the generic credential limit and not token68: the verifier's own
		// rules decide.
		String unusual = "not base64 at all " + "x".repeat(CredentialCarrierExtractor.MAX_HEADER_LENGTH);
		assertThat(extractor.extract(request("X-Auth-Context-Snapshot", unusual)).material()).isEqualTo(unusual);
		MockHttpServletRequest repeated = request("X-Auth-Context-Snapshot", "a");
		repeated.addHeader("X-Auth-Context-Snapshot", "b");
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> extractor.extract(repeated))
			.satisfies(
					(ex) -> assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.SNAPSHOT_INVALID));
		assertThatExceptionOfType(MissingAuthContextSnapshotException.class)
			.isThrownBy(() -> extractor.extract(request("X-Auth-Context-Snapshot", " ")));
	}

	@Test
	void readsOtherCredentialsWhenTheSnapshotIsNotVerifiedOrAbsent() {
		CredentialCarrierExtractor extractor = new CredentialCarrierExtractor("X-API-Key", "X-Auth-Context-Snapshot");
		MockHttpServletRequest request = request("X-Auth-Context-Snapshot", "envelope");
		request.addHeader("X-API-Key", "key");
		CredentialCarrier credential = extractor.extract(request,
				(kind) -> kind != CredentialCarrierKind.AUTH_CONTEXT_SNAPSHOT);
		assertThat(credential.kind()).isEqualTo(CredentialCarrierKind.API_KEY);
		assertThat(extractor.extract(request("X-API-Key", "key")).kind()).isEqualTo(CredentialCarrierKind.API_KEY);
		assertThat(new CredentialCarrierExtractor("X-API-Key").extract(request("X-Auth-Context-Snapshot", "e")))
			.isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> new CredentialCarrierExtractor("X-API-Key", " "));
	}

	private static MockHttpServletRequest request(String header, String value) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader(header, value);
		return request;
	}

}
