package dev.gatehouse.auth.authentication;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.gatehouse.auth.authentication.TestJwts.INVOCATION;
import static dev.gatehouse.auth.authentication.TestJwts.assertRejected;
import static dev.gatehouse.auth.authentication.TestJwts.assertRejectedFor;
import static dev.gatehouse.auth.authentication.TestJwts.assertUnavailable;
import static dev.gatehouse.auth.authentication.TestJwts.base64Url;
import static dev.gatehouse.auth.authentication.TestJwts.bearer;
import static dev.gatehouse.auth.authentication.TestJwts.expiredClaims;
import static dev.gatehouse.auth.authentication.TestJwts.validClaims;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The JWT bearer authenticator with keys from a JWK set (RS256, ES256) or an issuer's
 * discovery document, served by a JDK HTTP server on loopback ({@link JwkSetServer}).
 */
@ExtendWith({ OutputCaptureExtension.class, JwtDebugLogging.class })
class JwtBearerAuthenticatorJwksTests {

	private static RSAKey rsaKey;

	private static ECKey ecKey;

	@RegisterExtension
	final JwkSetServer server = new JwkSetServer();

	private String baseUri;

	@BeforeAll
	static void generateKeys() {
		rsaKey = TestJwts.rsaKey("rsa-1");
		ecKey = TestJwts.ecKey("ec-1");
	}

	@BeforeEach
	void publishKeys() {
		this.baseUri = this.server.baseUri();
		this.server.publish(rsaKey, ecKey);
	}

	@Test
	void authenticatesRs256TokenFromJwkSet() {
		JwtBearerAuthenticator authenticator = jwks().build();
		String token = rs256(validClaims().claim("roles", List.of("admin")).build());

		AuthContext context = authenticator.authenticate(bearer(token), INVOCATION);

		assertThat(context.subject().id()).isEqualTo("alice");
		assertThat(context.roles()).containsExactly("admin");
		assertThat(context.toString()).doesNotContain(token);
	}

	@Test
	void authenticatesEs256TokenFromJwkSet() throws Exception {
		JwtBearerAuthenticator authenticator = jwks().build();
		String token = TestJwts.es256(ecKey, validClaims().build());

		assertThat(authenticator.authenticate(bearer(token), INVOCATION).subject().id()).isEqualTo("alice");
	}

	@Test
	void fetchesNothingUntilFirstTokenAndCachesJwkSet() {
		JwtBearerAuthenticator authenticator = jwks().build();
		assertThat(this.server.requests()).isZero();

		authenticator.authenticate(bearer(rs256(validClaims().build())), INVOCATION);
		authenticator.authenticate(bearer(rs256(validClaims().subject("bob").build())), INVOCATION);

		assertThat(this.server.requests()).isEqualTo(1);
	}

	@Test
	void rejectsExpiredToken() {
		String token = rs256(expiredClaims(Duration.ofMinutes(5)).build());

		assertRejected(jwks().build(), token, AuthorizationReasonCode.EXPIRED_CREDENTIAL, "expired");
	}

	@Test
	void rejectsTokenForWrongAudience(CapturedOutput output) {
		JwtBearerAuthenticator authenticator = jwks().audiences(List.of("documents")).build();

		assertThat(authenticator.authenticate(bearer(rs256(validClaims().audience("documents").build())), INVOCATION)
			.subject()
			.id()).isEqualTo("alice");
		assertRejectedFor(authenticator, rs256(validClaims().audience("billing").build()), "wrong audience", output);
	}

	@Test
	void rejectsTokenFromWrongIssuer(CapturedOutput output) {
		JwtBearerAuthenticator authenticator = jwks().issuer("https://idp.example").build();

		assertRejectedFor(authenticator, rs256(validClaims().issuer("https://other.example").build()), "wrong issuer",
				output);
		assertRejectedFor(authenticator, rs256(validClaims().build()), "wrong issuer", output);
	}

	@Test
	void rejectsTokenWithBadSignature(CapturedOutput output) throws Exception {
		RSAKey impostor = TestJwts.rsaKey("rsa-1");
		String token = TestJwts.sign(new RSASSASigner(impostor), JWSAlgorithm.RS256, "rsa-1", validClaims().build());

		assertRejectedFor(jwks().build(), token, "bad signature", output);
	}

	@Test
	void rejectsTokenWithUnknownKeyId(CapturedOutput output) throws Exception {
		String token = TestJwts.rs256(TestJwts.rsaKey("rsa-unknown"), validClaims().build());

		assertRejectedFor(jwks().build(), token, "unknown key id", output);
	}

	@Test
	void rejectsUnsignedToken(CapturedOutput output) {
		String token = base64Url("{\"alg\":\"none\",\"kid\":\"rsa-1\"}") + "."
				+ base64Url("{\"sub\":\"admin\",\"exp\":4102444800}") + ".";

		assertRejectedFor(jwks().build(), token, "unsigned", output);
	}

	@Test
	void rejectsHs256TokenKeyedWithThePublicKey() throws Exception {
		// The classic algorithm confusion attack: HMAC "signed" with the RSA public key
		// an attacker can download.
		byte[] publicKey = rsaKey.toRSAPublicKey().getEncoded();
		String token = TestJwts.sign(new MACSigner(publicKey),
				new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), validClaims().build());

		assertRejected(jwks().build(), token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void rejectsRs512TokenWhenOnlyRs256AndEs256AreAccepted() throws Exception {
		String token = TestJwts.sign(new RSASSASigner(rsaKey), JWSAlgorithm.RS512, "rsa-1", validClaims().build());

		assertRejected(jwks().build(), token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
	}

	@Test
	void rejectsTokenWithoutThreeSegmentsWithoutFetchingKeys(CapturedOutput output) {
		assertRejectedFor(jwks().build(), "abc.def", "malformed", output);
		assertThat(this.server.requests()).isZero();
	}

	@Test
	void reportsProviderUnavailableWhenJwkSetEndpointIsDown() {
		JwtBearerAuthenticator authenticator = jwks().build();
		this.server.stop();

		assertUnavailable(authenticator, rs256(validClaims().build()));
	}

	@Test
	void reportsProviderUnavailableWhenJwkSetIsGarbage() {
		this.server.respond(JwkSetServer.JWKS_PATH, 200, "<html>not a JWK set</html>");

		assertUnavailable(jwks().build(), rs256(validClaims().build()));
	}

	@Test
	void reportsProviderUnavailableWhenJwkSetEndpointFails() {
		this.server.respond(JwkSetServer.JWKS_PATH, 503, "{\"error\":\"maintenance\"}");

		assertUnavailable(jwks().build(), rs256(validClaims().build()));
	}

	@Test
	void discoversJwkSetFromIssuerOnFirstToken(CapturedOutput output) {
		this.server.respond("/.well-known/openid-configuration", 200,
				"{\"issuer\":\"" + this.baseUri + "\",\"jwks_uri\":\"" + this.baseUri + "/jwks\"}");
		JwtBearerAuthenticator authenticator = JwtBearerAuthenticator.withIssuerUri(this.baseUri).build();
		assertThat(this.server.totalRequests()).isZero();

		AuthContext context = authenticator.authenticate(bearer(rs256(validClaims().issuer(this.baseUri).build())),
				INVOCATION);

		assertThat(context.issuer()).isEqualTo(this.baseUri);
		assertThat(this.server.requests("/.well-known/openid-configuration")).isEqualTo(1);
		assertThat(this.server.requests()).isEqualTo(1);
		assertRejectedFor(authenticator, rs256(validClaims().issuer("https://other.example").build()), "wrong issuer",
				output);
	}

	@Test
	void reportsProviderUnavailableWhileIssuerIsDownAndRetriesDiscoveryOncePerInterval() throws Exception {
		Duration interval = Duration.ofSeconds(1);
		JwtBearerAuthenticator authenticator = JwtBearerAuthenticator.withIssuerUri(this.baseUri)
			.jwkSetRefetchInterval(interval)
			.build();
		String token = rs256(validClaims().issuer(this.baseUri).build());

		// No discovery document yet (404): the keys cannot be known, so the token is not
		// judged.
		assertUnavailable(authenticator, token);
		int asked = this.server.totalRequests();
		assertThat(asked).isPositive();
		for (int i = 0; i < 20; i++) {
			assertUnavailable(authenticator, token);
		}
		// Tokens arriving during the outage do not each become a request to the identity
		// provider.
		assertThat(this.server.totalRequests()).isEqualTo(asked);

		this.server.respond("/.well-known/openid-configuration", 200,
				"{\"issuer\":\"" + this.baseUri + "\",\"jwks_uri\":\"" + this.baseUri + "/jwks\"}");
		Thread.sleep(interval.toMillis() + 200);
		assertThat(authenticator.authenticate(bearer(token), INVOCATION).subject().id()).isEqualTo("alice");
	}

	@Test
	void refusesIssuerAndJwkSetUrisThatAreNotHttp() {
		assertThat(catchThrowableOfType(IllegalArgumentException.class,
				() -> JwtBearerAuthenticator.withJwkSetUri("file:///etc/jwks.json")))
			.hasMessageContaining("absolute http or https URI");
		assertThat(catchThrowableOfType(IllegalArgumentException.class,
				() -> JwtBearerAuthenticator.withIssuerUri("not a uri")))
			.hasMessageContaining("absolute http or https URI");
	}

	@Test
	void refetchesJwkSetForUnknownKeyIdsAtMostTwicePerInterval() {
		JwtBearerAuthenticator authenticator = jwks().jwkSetRefetchInterval(Duration.ofMinutes(1)).build();
		assertThat(authenticator.authenticate(bearer(rs256(validClaims().build())), INVOCATION).subject().id())
			.isEqualTo("alice");
		List<String> forged = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			forged.add(TestJwts.es256(TestJwts.ecKey("forged-" + i), validClaims().build()));
		}

		for (String token : forged) {
			assertRejected(authenticator, token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
		}

		// The first fetch plus the one refetch Nimbus keeps for a key rotation.
		assertThat(this.server.requests()).isEqualTo(2);
		assertThat(authenticator.authenticate(bearer(rs256(validClaims().build())), INVOCATION).subject().id())
			.isEqualTo("alice");
	}

	@Test
	void picksUpRotatedKeyOnceTheRefetchIntervalHasPassed() throws Exception {
		Duration interval = Duration.ofSeconds(2);
		JwtBearerAuthenticator authenticator = jwks().jwkSetRefetchInterval(interval).build();
		RSAKey rotated = TestJwts.rsaKey("rsa-2");
		String unknown = TestJwts.es256(TestJwts.ecKey("unknown"), validClaims().build());
		String token = TestJwts.rs256(rotated, validClaims().build());
		long start = System.nanoTime();
		authenticator.authenticate(bearer(rs256(validClaims().build())), INVOCATION);
		assertRejected(authenticator, unknown, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
		this.server.publish(rsaKey, rotated);

		// Both fetches of this interval are spent: the new key id is not looked up yet.
		assertRejected(authenticator, token, AuthorizationReasonCode.INVALID_CREDENTIAL, "invalid");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("still within the interval").isLessThan(interval);
		assertThat(this.server.requests()).isEqualTo(2);
		Thread.sleep(interval.toMillis() + 200);

		assertThat(authenticator.authenticate(bearer(token), INVOCATION).subject().id()).isEqualTo("alice");
		assertThat(this.server.requests()).isEqualTo(3);
	}

	@Test
	void reportsProviderUnavailableWhenJwkSetNeverAnswersWithinTheTimeout() {
		this.server.hang();
		JwtBearerAuthenticator authenticator = jwks().jwkSetTimeout(Duration.ofMillis(500)).build();
		Instant start = Instant.now();

		assertUnavailable(authenticator, rs256(validClaims().build()));

		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(1500));
		assertThat(this.server.requests()).isEqualTo(1);
	}

	@Test
	void discoversJwkSetWithTheTimeoutToo() {
		this.server.hang();
		JwtBearerAuthenticator authenticator = JwtBearerAuthenticator.withIssuerUri(this.baseUri)
			.jwkSetTimeout(Duration.ofMillis(300))
			.build();
		Instant start = Instant.now();

		assertUnavailable(authenticator, rs256(validClaims().issuer(this.baseUri).build()));

		// Two well-known locations are tried for an issuer without a path.
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMillis(1500));
	}

	@Test
	void refusesDiscoveryDocumentOfAnotherIssuer() {
		this.server.respond("/.well-known/openid-configuration", 200,
				"{\"issuer\":\"https://other.example\",\"jwks_uri\":\"" + this.baseUri + "/jwks\"}");
		JwtBearerAuthenticator authenticator = JwtBearerAuthenticator.withIssuerUri(this.baseUri).build();

		assertUnavailable(authenticator, rs256(validClaims().issuer(this.baseUri).build()));
		assertThat(this.server.requests()).isZero();
	}

	@Test
	void discoversJwkSetFromAuthorizationServerMetadataOfIssuerWithPath() {
		String issuer = this.baseUri + "/realms/acme";
		this.server.respond("/.well-known/oauth-authorization-server/realms/acme", 200,
				"{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + this.baseUri + "/jwks\"}");
		JwtBearerAuthenticator authenticator = JwtBearerAuthenticator.withIssuerUri(issuer).build();

		assertThat(authenticator.authenticate(bearer(rs256(validClaims().issuer(issuer).build())), INVOCATION).issuer())
			.isEqualTo(issuer);
		assertThat(this.server.requests("/realms/acme/.well-known/openid-configuration")).isEqualTo(1);
		assertThat(this.server.requests("/.well-known/openid-configuration/realms/acme")).isEqualTo(1);
	}

	private JwtBearerAuthenticator.Builder jwks() {
		return JwtBearerAuthenticator.withJwkSetUri(this.server.uri());
	}

	private static String rs256(JWTClaimsSet claims) {
		return TestJwts.rs256(rsaKey, claims);
	}

}
