package dev.gatehouse.auth.authentication;

import java.time.Duration;
import java.util.Base64;

import com.nimbusds.jose.jwk.RSAKey;
import dev.gatehouse.auth.spi.VerifierHealth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.security.oauth2.jwt.JwtDecoder;

import static dev.gatehouse.auth.authentication.TestJwts.INVOCATION;
import static dev.gatehouse.auth.authentication.TestJwts.bearer;
import static dev.gatehouse.auth.authentication.TestJwts.validClaims;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWT verifier's health against a real JWK set endpoint ({@link JwkSetServer}): UP
 * while keys can be obtained, DOWN when they cannot, without turning health probes into
 * requests to the identity provider, and never showing a key or URI.
 */
class JwtVerifierHealthTests {

	private static RSAKey rsaKey;

	@RegisterExtension
	final JwkSetServer server = new JwkSetServer();

	private String baseUri;

	@BeforeAll
	static void generateKey() {
		rsaKey = TestJwts.rsaKey("rsa-1");
	}

	@BeforeEach
	void publishKeys() {
		this.baseUri = this.server.baseUri();
		this.server.publish(rsaKey, TestJwts.ecKey("ec-1"));
	}

	@Test
	void jwkSetUriIsUpWithItsKeyIdsWhileTheSetIsServedAndShowsNeitherKeysNorUri() {
		JwtBearerAuthenticator authenticator = JwtBearerAuthenticator.withJwkSetUri(this.server.uri()).build();

		VerifierHealth.Status status = authenticator.verifierHealth();

		assertThat(status.up()).isTrue();
		assertThat(status.details()).containsEntry("keySource", "jwk-set-uri");
		assertThat(status.details().get("keyIds")).asList().containsExactly("rsa-1", "ec-1");
		assertThat(status.toString()).doesNotContain(this.baseUri)
			.doesNotContain("127.0.0.1")
			.doesNotContain(rsaKey.getModulus().toString());
	}

	@Test
	void jwkSetUriIsDownOnceTheEndpointIsStoppedForAVerifierWithoutCachedKeys() {
		JwtBearerAuthenticator before = JwtBearerAuthenticator.withJwkSetUri(this.server.uri()).build();
		JwtBearerAuthenticator after = JwtBearerAuthenticator.withJwkSetUri(this.server.uri()).build();
		assertThat(before.verifierHealth().up()).isTrue();

		this.server.stop();

		VerifierHealth.Status down = after.verifierHealth();
		assertThat(down.up()).isFalse();
		assertThat(down.details()).containsEntry("keySource", "jwk-set-uri");
		assertThat((String) down.details().get("error")).startsWith("The JWK set could not be obtained")
			.doesNotContain("127.0.0.1");
		// A verifier whose keys are cached can still verify tokens, so it stays UP until
		// its cache expires.
		assertThat(before.verifierHealth().up()).isTrue();
		String token = TestJwts.rs256(rsaKey, validClaims().build());
		assertThat(before.authenticate(bearer(token), INVOCATION).subject().id()).isEqualTo("alice");
	}

	@Test
	void anUnparsableSetIsDownAndRepeatedProbesStayWithinTheRefetchRateLimit() {
		this.server.respond(JwkSetServer.JWKS_PATH, 200, "this is not a JWK set");
		JwtBearerAuthenticator authenticator = JwtBearerAuthenticator.withJwkSetUri(this.server.uri())
			.jwkSetRefetchInterval(Duration.ofMinutes(1))
			.build();

		for (int i = 0; i < 20; i++) {
			assertThat(authenticator.verifierHealth().up()).isFalse();
		}

		// Nimbus's rate limit allows two fetches per refetch interval, however often the
		// health is probed.
		assertThat(this.server.requests()).isBetween(1, 2);
	}

	@Test
	void anEmptySetIsDown() {
		this.server.respond(JwkSetServer.JWKS_PATH, 200, "{\"keys\":[]}");

		VerifierHealth.Status status = JwtBearerAuthenticator.withJwkSetUri(this.server.uri()).build().verifierHealth();

		assertThat(status.up()).isFalse();
		assertThat(status.details()).containsEntry("error", "The JWK set has no keys");
	}

	@Test
	void issuerUriIsDownWhileDiscoveryFailsAndUpOnceTheSetIsDiscovered() throws Exception {
		Duration interval = Duration.ofMillis(300);
		JwtBearerAuthenticator authenticator = JwtBearerAuthenticator.withIssuerUri(this.baseUri)
			.jwkSetRefetchInterval(interval)
			.build();

		VerifierHealth.Status down = authenticator.verifierHealth();
		assertThat(down.up()).isFalse();
		assertThat(down.details()).containsEntry("keySource", "issuer-uri")
			.containsEntry("error", "The issuer's JWK set URI could not be discovered");
		int asked = this.server.totalRequests();
		for (int i = 0; i < 10; i++) {
			assertThat(authenticator.verifierHealth().up()).isFalse();
		}
		assertThat(this.server.totalRequests()).isEqualTo(asked);

		this.server.respond("/.well-known/openid-configuration", 200,
				"{\"issuer\":\"" + this.baseUri + "\",\"jwks_uri\":\"" + this.baseUri + "/jwks\"}");
		Thread.sleep(interval.toMillis() + 100);

		VerifierHealth.Status up = authenticator.verifierHealth();
		assertThat(up.up()).isTrue();
		assertThat(up.details().get("keyIds")).asList().containsExactly("rsa-1", "ec-1");
		// The health check and the tokens share one discovered key source.
		String token = TestJwts.rs256(rsaKey, validClaims().issuer(this.baseUri).build());
		assertThat(authenticator.authenticate(bearer(token), INVOCATION).subject().id()).isEqualTo("alice");
		assertThat(this.server.requests()).isEqualTo(1);
	}

	@Test
	void aSharedSecretIsAlwaysUpAndNeverShown() {
		String secret = Base64.getEncoder().encodeToString(TestJwts.randomSecret(32));

		VerifierHealth.Status status = JwtBearerAuthenticator.withSecret(secret).build().verifierHealth();

		assertThat(status.up()).isTrue();
		assertThat(status.details()).containsExactly(org.assertj.core.api.Assertions.entry("keySource", "secret"));
		assertThat(status.toString()).doesNotContain(secret);
		assertThat(this.server.totalRequests()).isZero();
	}

	@Test
	void anApplicationDecoderIsReportedUpAsNotChecked() {
		JwtDecoder decoder = (token) -> {
			throw new IllegalStateException("not used");
		};

		VerifierHealth.Status status = JwtBearerAuthenticator.withDecoder(decoder).build().verifierHealth();

		assertThat(status.up()).isTrue();
		assertThat(status.details()).containsEntry("keySource", "decoder").containsEntry("checked", false);
	}

}
