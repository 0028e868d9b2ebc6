package dev.gatehouse.auth.authentication;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.context.CredentialCarrierLocation;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ApiKeyAuthenticatorTests {

	private static final AuthInvocation CALL = AuthInvocation.of("HTTP", "GET /documents/{id}");

	private final ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(List.of(
			new ApiKeyAuthenticator.ApiKey(sha256("admin-key"), "grace", "Grace Hopper", List.of("ADMIN", "USER"),
					List.of("reports:read"), "acme"),
			new ApiKeyAuthenticator.ApiKey(sha256("reader-key").toUpperCase(), "ada", null, List.of("USER"), List.of(),
					null)));

	@Test
	void verifiesApiKeys() {
		assertThat(this.authenticator.kind()).isEqualTo(CredentialCarrierKind.API_KEY);
		assertThat(this.authenticator.size()).isEqualTo(2);
	}

	@Test
	void describesCallerConfiguredForKey() {
		CredentialCarrier credential = apiKey("admin-key");
		AuthContext context = this.authenticator.authenticate(credential, CALL);
		assertThat(context.subject().id()).isEqualTo("grace");
		assertThat(context.subject().displayName()).isEqualTo("Grace Hopper");
		assertThat(context.roles()).containsExactly("ADMIN", "USER");
		assertThat(context.hasRole("ADMIN")).isTrue();
		assertThat(context.hasScope("reports:read")).isTrue();
		assertThat(context.tenant()).isEqualTo("acme");
		assertThat(context.issuer()).isEqualTo("gatehouse:api-key");
		assertThat(context.credentialCarrier()).isSameAs(credential);
		assertThat(context.toString()).doesNotContain("admin-key");
	}

	@Test
	void acceptsHashInUpperCase() {
		AuthContext context = this.authenticator.authenticate(apiKey("reader-key"), CALL);
		assertThat(context.subject().id()).isEqualTo("ada");
		assertThat(context.subject().displayName()).isNull();
		assertThat(context.tenant()).isNull();
		assertThat(context.scopes()).isEmpty();
	}

	@Test
	void challengesUnknownKey() {
		assertInvalid(apiKey("unknown-key"));
		assertInvalid(apiKey("admin-key "));
		assertInvalid(apiKey("ADMIN-KEY"));
	}

	@Test
	void challengesImplausibleKeysWithoutHashingThem() {
		assertInvalid(apiKey("x".repeat(ApiKeyAuthenticator.MAX_KEY_LENGTH + 1)));
		assertInvalid(apiKey("admin\u0000key"));
		assertInvalid(apiKey("admin-key\n"));
	}

	@Test
	void acceptsKeyAtLengthLimit() {
		String longKey = "k".repeat(ApiKeyAuthenticator.MAX_KEY_LENGTH);
		ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(
				List.of(new ApiKeyAuthenticator.ApiKey(sha256(longKey), "svc", null, List.of(), List.of(), null)));
		assertThat(authenticator.authenticate(apiKey(longKey), CALL).subject().id()).isEqualTo("svc");
	}

	@Test
	void challengesCredentialOfAnotherKind() {
		assertInvalid(new CredentialCarrier(CredentialCarrierKind.BEARER_TOKEN,
				CredentialCarrierLocation.AUTHORIZATION_HEADER, "admin-key", "Authorization", "Bearer"));
	}

	@Test
	void worksWithNoKeysConfigured() {
		ApiKeyAuthenticator empty = new ApiKeyAuthenticator(List.of());
		assertThat(empty.size()).isZero();
		assertInvalid(empty, apiKey("admin-key"));
	}

	@Test
	void keepsHashOutOfEntryToString() {
		ApiKeyAuthenticator.ApiKey key = new ApiKeyAuthenticator.ApiKey(sha256("admin-key"), "grace", null,
				List.of("ADMIN"), List.of(), null);
		assertThat(key.toString()).contains("grace").doesNotContain(sha256("admin-key"));
	}

	private void assertInvalid(CredentialCarrier credential) {
		assertInvalid(this.authenticator, credential);
	}

	private static void assertInvalid(ApiKeyAuthenticator authenticator, CredentialCarrier credential) {
		assertThatExceptionOfType(AuthenticationFailedException.class)
			.isThrownBy(() -> authenticator.authenticate(credential, CALL))
			.satisfies((ex) -> {
				assertThat(ex.decision().state()).isEqualTo(AuthorizationDecisionState.CHALLENGE);
				assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INVALID_CREDENTIAL);
				assertThat(ex.getMessage()).doesNotContain(credential.material().strip());
			});
	}

	private static CredentialCarrier apiKey(String key) {
		return new CredentialCarrier(CredentialCarrierKind.API_KEY, CredentialCarrierLocation.HEADER, key, "X-API-Key",
				null);
	}

	static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
