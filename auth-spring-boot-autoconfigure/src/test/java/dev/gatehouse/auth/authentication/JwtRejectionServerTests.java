package dev.gatehouse.auth.authentication;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.gatehouse.auth.authentication.TestJwts.assertChallenged;
import static dev.gatehouse.auth.authentication.TestJwts.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Black-box, as an attacker and an operator see it: an application with the starter on a
 * random loopback port, real HTTP. An OpenID Connect ID token is not a bearer credential
 * (only access tokens are), {@code gatehouse.jwt.required-type} demands the header type,
 * and every invalid token gets the same generic answer while the DEBUG log says why — bad
 * signature, unknown key id, wrong issuer, audience or type, ID token, malformed — and
 * never shows the token.
 */
@ExtendWith(OutputCaptureExtension.class)
class JwtRejectionServerTests {

	private static final String AUDIENCE = "reports-api";

	private static final String ISSUER = "https://idp.gatehouse.test/realms/gatehouse";

	@Nested
	@SpringBootTest(classes = ReportsApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.address=127.0.0.1", "logging.level.dev.gatehouse=DEBUG",
					"gatehouse.jwt.issuer=" + ISSUER, "gatehouse.jwt.audiences=" + AUDIENCE,
					"gatehouse.jwt.roles-claim=realm_access.roles" })
	class SharedSecret {

		private static final byte[] SECRET = TestJwts.randomSecret(32);

		@LocalServerPort
		private int port;

		@DynamicPropertySource
		static void secret(DynamicPropertyRegistry registry) {
			registry.add("gatehouse.jwt.secret", () -> Base64.getEncoder().encodeToString(SECRET));
		}

		@Test
		void refusesAnIdTokenThatAnAccessTokenOfTheSameLoginPasses(CapturedOutput output) {
			// Keycloak's pair for client reports-api: the ID token's aud is the client
			// id,
			// so the audience check alone lets it through.
			String accessToken = hs256("JWT", auditor().claim("typ", "Bearer").claim("azp", AUDIENCE).build());
			String idToken = hs256("JWT",
					auditor().claim("typ", "ID")
						.claim("azp", AUDIENCE)
						.claim("at_hash", "Xo8IWcNJvYDOu4Mx2pC3zw")
						.build());

			assertThat(get(this.port, "/reports", accessToken).body()).isEqualTo("reports for alice");
			assertRefused(this.port, "/reports", idToken, "an ID token or other non-access token", output);
		}

		@Test
		void refusesAnIdTokenWithoutTypClaimByItsIdTokenClaims(CapturedOutput output) {
			String idToken = hs256(null, auditor().claim("nonce", "n-0S6_WzA2Mj").build());

			assertRefused(this.port, "/reports", idToken, "an ID token (nonce, at_hash or c_hash", output);
			assertThat(get(this.port, "/reports", hs256("at+jwt", auditor().claim("nonce", "n-0S6_WzA2Mj").build()))
				.statusCode()).isEqualTo(200);
		}

		@Test
		void logsWhyEachInvalidTokenWasRefusedWithoutShowingIt(CapturedOutput output) throws Exception {
			String forged = TestJwts.sign(new MACSigner(TestJwts.randomSecret(32)), new JWSHeader(JWSAlgorithm.HS256),
					auditor().build());

			assertRefused(this.port, "/me", forged, "bad signature", output);
			assertRefused(this.port, "/me", hs256(null, auditor().issuer("https://evil.test").build()), "wrong issuer",
					output);
			assertRefused(this.port, "/me", hs256(null, auditor().audience("billing-api").build()), "wrong audience",
					output);
			assertRefused(this.port, "/me", hs256("dpop+jwt", auditor().build()), "wrong type", output);
			assertRefused(this.port, "/me", TestJwts.unsigned(auditor().build()), "unsigned", output);
			String token = hs256(null, auditor().build());
			assertRefused(this.port, "/me", token.substring(0, token.lastIndexOf('.')), "malformed", output);
			assertRefused(this.port, "/me", TestJwts.base64Url("{\"alg\":\"HS256\"") + ".e30.c2ln", "malformed",
					output);
		}

		private String hs256(String type, JWTClaimsSet claims) {
			JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.HS256);
			if (type != null) {
				header.type(new JOSEObjectType(type));
			}
			try {
				return TestJwts.sign(new MACSigner(SECRET), header.build(), claims);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	@Nested
	@SpringBootTest(classes = ReportsApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "server.address=127.0.0.1", "logging.level.dev.gatehouse=DEBUG",
					"gatehouse.jwt.issuer=" + ISSUER, "gatehouse.jwt.audiences=" + AUDIENCE,
					"gatehouse.jwt.roles-claim=realm_access.roles", "gatehouse.jwt.required-type=at+jwt" })
	class RequiredTypeWithJwkSet {

		private static final RSAKey key = TestJwts.rsaKey("rsa-1");

		@RegisterExtension
		static final JwkSetServer jwks = new JwkSetServer().publish(key);

		@LocalServerPort
		private int port;

		@DynamicPropertySource
		static void jwkSetUri(DynamicPropertyRegistry registry) {
			registry.add("gatehouse.jwt.jwk-set-uri", jwks::uri);
		}

		@Test
		void acceptsOnlyTokensWithTheRequiredHeaderType(CapturedOutput output) {
			assertThat(get(this.port, "/reports", rs256(key, "at+jwt", auditor().build())).body())
				.isEqualTo("reports for alice");
			assertThat(get(this.port, "/reports", rs256(key, "application/AT+JWT", auditor().build())).statusCode())
				.isEqualTo(200);

			assertRefused(this.port, "/reports", rs256(key, "JWT", auditor().claim("typ", "Bearer").build()),
					"not the required type", output);
			assertRefused(this.port, "/reports", rs256(key, null, auditor().build()), "not the required type", output);
		}

		@Test
		void logsUnknownKeyIdAndBadSignatureWithoutShowingTheToken(CapturedOutput output) {
			assertRefused(this.port, "/me", rs256(TestJwts.rsaKey("rsa-unknown"), "at+jwt", auditor().build()),
					"unknown key id", output);
			assertRefused(this.port, "/me", rs256(TestJwts.rsaKey("rsa-1"), "at+jwt", auditor().build()),
					"bad signature", output);
			assertRefused(this.port, "/me", rs256(key, "at+jwt", auditor().issuer("https://evil.test").build()),
					"wrong issuer", output);
			assertRefused(this.port, "/me", rs256(key, "at+jwt", auditor().audience("billing-api").build()),
					"wrong audience", output);
		}

		private static String rs256(RSAKey signingKey, String type, JWTClaimsSet claims) {
			JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID());
			if (type != null) {
				header.type(new JOSEObjectType(type));
			}
			try {
				return TestJwts.sign(new RSASSASigner(signingKey), header.build(), claims);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	/**
	 * Asserts the generic 401 answer, and that this request's log lines name the reason
	 * but show neither the token nor any of its segments.
	 */
	static void assertRefused(int port, String path, String token, String loggedReason, CapturedOutput output) {
		int start = output.getAll().length();

		HttpResponse<String> response = get(port, path, token);

		assertChallenged(response, "INVALID_CREDENTIAL");
		assertThat((String) JsonPath.read(response.body(), "$.detail")).isEqualTo(TestJwts.INVALID_REASON);
		String logged = output.getAll().substring(start);
		assertThat(logged).contains("Rejected a bearer token (INVALID_CREDENTIAL): ").contains(loggedReason);
		TestJwts.assertNotLogged(token, logged);
		TestJwts.assertNotLogged(token, response.body());
		response.headers()
			.map()
			.values()
			.forEach((values) -> values.forEach((value) -> TestJwts.assertNotLogged(token, value)));
	}

	/** Claims of a valid token for reports-api: alice, with the realm role auditor. */
	private static JWTClaimsSet.Builder auditor() {
		return TestJwts.validClaims()
			.issuer(ISSUER)
			.audience(AUDIENCE)
			.claim("realm_access", Map.of("roles", List.of(ReportsApiApplication.AUDITOR)));
	}

}
