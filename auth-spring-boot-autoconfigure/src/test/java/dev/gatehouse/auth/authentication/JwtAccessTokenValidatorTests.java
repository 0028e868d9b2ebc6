package dev.gatehouse.auth.authentication;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.jwt.Jwt;

import static dev.gatehouse.auth.authentication.TestJwts.INVOCATION;
import static dev.gatehouse.auth.authentication.TestJwts.assertRejectedFor;
import static dev.gatehouse.auth.authentication.TestJwts.bearer;
import static dev.gatehouse.auth.authentication.TestJwts.validClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Only access tokens are bearer credentials: what the built-in
 * {@link JwtAccessTokenValidator} accepts and refuses, through the authenticator with
 * HS256 tokens, an OpenID Connect ID token (shaped as Keycloak issues one) first among
 * them. Every refusal is the generic INVALID_CREDENTIAL answer; the DEBUG line says why.
 */
@ExtendWith({ OutputCaptureExtension.class, JwtDebugLogging.class })
class JwtAccessTokenValidatorTests {

	private final byte[] secret = TestJwts.randomSecret(32);

	private final String encodedSecret = Base64.getEncoder().encodeToString(this.secret);

	private final JwtBearerAuthenticator authenticator = JwtBearerAuthenticator.withSecret(this.encodedSecret)
		.audiences(List.of("reports-api"))
		.build();

	@Test
	void refusesKeycloakIdTokenForTheSameAudience(CapturedOutput output) {
		// What Keycloak 26 issues to client reports-api next to the access token: aud is
		// the client id.
		String idToken = sign("JWT",
				keycloakClaims().claim("typ", "ID")
					.claim("azp", "reports-api")
					.claim("at_hash", "Xo8IWcNJvYDOu4Mx2pC3zw")
					.claim("sid", "0b9a3f5e")
					.build());
		String accessToken = sign("JWT",
				keycloakClaims().claim("typ", "Bearer").claim("azp", "reports-api").claim("scope", "openid").build());

		assertRejectedFor(this.authenticator, idToken, "an ID token", output);
		assertThat(output).contains("the typ claim is not Bearer");
		assertThat(this.authenticator.authenticate(bearer(accessToken), INVOCATION).subject().id()).isEqualTo("alice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ID", "id", "Refresh", "Logout", "Offline", "" })
	void refusesPayloadTypeOtherThanBearer(String type, CapturedOutput output) {
		assertRejectedFor(this.authenticator, sign("JWT", claims().claim("typ", type).build()),
				"the typ claim is not Bearer", output);
	}

	@Test
	void refusesPayloadTypeThatIsNotAString(CapturedOutput output) {
		assertRejectedFor(this.authenticator, sign(null, claims().claim("typ", List.of("Bearer")).build()),
				"the typ claim is not Bearer", output);
		assertRejectedFor(this.authenticator, sign(null, claims().claim("typ", 1).build()),
				"the typ claim is not Bearer", output);
	}

	@Test
	void refusesIdTokenEvenWithAnAccessTokenHeader(CapturedOutput output) {
		assertRejectedFor(this.authenticator, sign("at+jwt", claims().claim("typ", "ID").build()),
				"the typ claim is not Bearer", output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "nonce", "at_hash", "c_hash" })
	void refusesIdTokenClaimWithoutAccessTokenMarker(String claim, CapturedOutput output) {
		String withJwtType = sign("JWT", claims().claim(claim, "n-0S6_WzA2Mj").build());
		String withoutType = sign(null, claims().claim(claim, "n-0S6_WzA2Mj").build());

		assertRejectedFor(this.authenticator, withJwtType, "an ID token (nonce, at_hash or c_hash", output);
		assertRejectedFor(this.authenticator, withoutType, "an ID token (nonce, at_hash or c_hash", output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "nonce", "at_hash", "c_hash" })
	void acceptsIdTokenClaimNextToAnAccessTokenMarker(String claim) {
		// Older Keycloak releases copied the nonce into access tokens, which say typ
		// Bearer.
		assertAccepted(sign("JWT", claims().claim(claim, "n-0S6_WzA2Mj").claim("typ", "Bearer").build()));
		assertAccepted(sign("at+jwt", claims().claim(claim, "n-0S6_WzA2Mj").build()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer", "bearer", "BEARER" })
	void acceptsKeycloakAccessTokenType(String type) {
		assertAccepted(sign("JWT", claims().claim("typ", type).build()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "at+jwt", "AT+JWT", "At+Jwt", "application/at+jwt", "Application/AT+JWT", "JWT", "jwt",
			"application/jwt" })
	void acceptsAccessTokenAndJwtHeaderTypesCaseInsensitively(String type) {
		assertAccepted(sign(type, claims().build()));
	}

	@Test
	void acceptsTokenWithoutHeaderType() {
		assertAccepted(sign(null, claims().build()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "dpop+jwt", "logout+jwt", "secevent+jwt", "JOSE", "application/jose", "at+jwt+x",
			"text/at+jwt", "application/at+jwtx", "applicationXat+jwt" })
	void refusesOtherHeaderTypes(String type, CapturedOutput output) {
		assertRejectedFor(this.authenticator, sign(type, claims().build()), "the header typ is neither JWT nor at+jwt",
				output);
	}

	@ParameterizedTest
	@ValueSource(strings = { "at+jwt", "AT+JWT", "application/at+jwt", " Application/At+Jwt " })
	void requiredTypeDemandsTheHeaderType(String requiredType, CapturedOutput output) {
		JwtBearerAuthenticator strict = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.requiredType(requiredType)
			.build();

		assertThat(strict.authenticate(bearer(sign("at+jwt", claims().build())), INVOCATION).subject().id())
			.isEqualTo("alice");
		assertThat(strict.authenticate(bearer(sign("application/AT+JWT", claims().build())), INVOCATION).subject().id())
			.isEqualTo("alice");
		assertRejectedFor(strict, sign("JWT", claims().claim("typ", "Bearer").build()),
				"the header typ is not the required type", output);
		assertRejectedFor(strict, sign(null, claims().build()), "the header typ is not the required type", output);
		// The other rules still apply.
		assertRejectedFor(strict, sign("at+jwt", claims().claim("typ", "ID").build()), "the typ claim is not Bearer",
				output);
	}

	@Test
	void requiredTypeMayNameAnotherMediaType(CapturedOutput output) {
		JwtBearerAuthenticator strict = JwtBearerAuthenticator.withSecret(this.encodedSecret)
			.requiredType("application/vnd.example+jwt")
			.build();

		assertAccepted(strict, sign("vnd.example+jwt", claims().build()));
		assertAccepted(strict, sign("application/vnd.example+jwt", claims().build()));
		assertRejectedFor(strict, sign("at+jwt", claims().build()), "the header typ is not the required type", output);
	}

	@Test
	void refusesBlankRequiredType() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwtBearerAuthenticator.withSecret(this.encodedSecret).requiredType(" "));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> JwtBearerAuthenticator.withSecret(this.encodedSecret).requiredType("application/"));
		assertThatIllegalArgumentException().isThrownBy(() -> new JwtAccessTokenValidator(""));
	}

	@Test
	void refusesHeaderTypeThatIsNotAString() {
		// Nimbus refuses to parse such a header; an application's decoder might not.
		Jwt jwt = Jwt.withTokenValue("token")
			.header("alg", "HS256")
			.header("typ", List.of("at+jwt"))
			.subject("alice")
			.expiresAt(Instant.now().plusSeconds(60))
			.build();

		assertThat(new JwtAccessTokenValidator().validate(jwt).getErrors())
			.containsExactly(JwtAccessTokenValidator.TYPE_ERROR);
		assertThat(new JwtAccessTokenValidator("at+jwt").validate(jwt).getErrors())
			.containsExactly(JwtAccessTokenValidator.TYPE_ERROR);
	}

	private void assertAccepted(String token) {
		assertAccepted(this.authenticator, token);
	}

	private static void assertAccepted(JwtBearerAuthenticator authenticator, String token) {
		assertThat(authenticator.authenticate(bearer(token), INVOCATION).subject().id()).isEqualTo("alice");
	}

	private static JWTClaimsSet.Builder claims() {
		return validClaims().audience("reports-api");
	}

	private static JWTClaimsSet.Builder keycloakClaims() {
		return claims().issuer("http://127.0.0.1:8080/realms/gatehouse")
			.claim("preferred_username", "alice")
			.claim("email", "alice@example.test")
			.jwtID("6c8f2d1e-4b7a-4f0e-9d3c-2a1b0c9d8e7f");
	}

	private String sign(String type, JWTClaimsSet claims) {
		JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.HS256);
		if (type != null) {
			header.type(new JOSEObjectType(type));
		}
		try {
			return TestJwts.sign(new MACSigner(this.secret), header.build(), claims);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
