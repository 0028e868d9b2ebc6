package dev.gatehouse.auth.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import com.jayway.jsonpath.JsonPath;
import com.nimbusds.jose.jwk.RSAKey;
import dev.gatehouse.auth.authentication.JwkSetServer;
import dev.gatehouse.auth.authentication.TestJwts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code gatehouse} health indicator over real HTTP, with a JWT verifier whose JWK
 * set is served by a real endpoint and a snapshot verifier whose keys expire: DOWN while
 * either cannot verify, UP once both can, and never a key, secret or URL in the JSON or
 * the logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatehouseHealthServerTests {

	private static final String SNAPSHOT_SECRET;

	static {
		byte[] secret = new byte[32];
		Arrays.fill(secret, (byte) 5);
		SNAPSHOT_SECRET = Base64.getEncoder().encodeToString(secret);
	}

	private static final Instant NOT_AFTER = Instant.parse("2030-01-01T00:00:00Z");

	private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(1);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@RegisterExtension
	static final JwkSetServer identityProvider = new JwkSetServer();

	private static final SettableClock clock = new SettableClock(NOT_AFTER.plusSeconds(1));

	private static RSAKey rsaKey;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		rsaKey = TestJwts.rsaKey("rsa-health");
		// The identity provider answers, but with an error instead of its keys.
		identityProvider.respond(JwkSetServer.JWKS_PATH, 500, "{\"error\":\"down\"}");
		context = new SpringApplicationBuilder(HealthApplication.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=health",
					"management.endpoint.health.show-details=always",
					"gatehouse.jwt.jwk-set-uri=" + identityProvider.uri(),
					"gatehouse.jwt.jwk-set-refetch-interval=" + REFETCH_INTERVAL.toMillis() + "ms",
					"gatehouse.snapshot.verification.keys.edge.algorithm=HS256",
					"gatehouse.snapshot.verification.keys.edge.secret=" + SNAPSHOT_SECRET,
					"gatehouse.snapshot.verification.keys.edge.not-after=" + NOT_AFTER)
			.run();
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void isDownWhileTheJwkSetCannotBeObtainedAndTheSnapshotKeyHasExpiredThenUpOnceBothCanVerify(CapturedOutput output)
			throws Exception {
		long started = System.nanoTime();
		HttpResponse<String> down = get("/actuator/health/gatehouse");
		assertThat(down.statusCode()).isEqualTo(503);
		assertThat((String) JsonPath.read(down.body(), "$.status")).isEqualTo("DOWN");
		assertThat((String) JsonPath.read(down.body(), "$.details.verifiers.jwtBearerAuthenticator.status"))
			.isEqualTo("DOWN");
		assertThat((String) JsonPath.read(down.body(), "$.details.verifiers.jwtBearerAuthenticator.error"))
			.startsWith("The JWK set could not be obtained");
		assertThat((String) JsonPath.read(down.body(), "$.details.verifiers.snapshotEnvelopeVerifier.status"))
			.isEqualTo("DOWN");
		assertThat((String) JsonPath.read(down.body(), "$.details.verifiers.snapshotEnvelopeVerifier.keys.edge.state"))
			.isEqualTo("EXPIRED");
		// Probing again asks the identity provider no more than the rate limit allows:
		// twice per refetch interval.
		for (int i = 0; i < 10; i++) {
			assertThat(get("/actuator/health/gatehouse").statusCode()).isEqualTo(503);
		}
		long intervals = Duration.ofNanos(System.nanoTime() - started).toMillis() / REFETCH_INTERVAL.toMillis() + 1;
		assertThat(identityProvider.requests()).isBetween(1, (int) (2 * intervals));

		identityProvider.publish(rsaKey);
		clock.now = NOT_AFTER.minusSeconds(60);
		Thread.sleep(REFETCH_INTERVAL.toMillis() + 100);

		HttpResponse<String> up = get("/actuator/health/gatehouse");
		assertThat(up.statusCode()).isEqualTo(200);
		assertThat((String) JsonPath.read(up.body(), "$.status")).isEqualTo("UP");
		assertThat((List<String>) JsonPath.read(up.body(), "$.details.verifiers.jwtBearerAuthenticator.keyIds"))
			.containsExactly("rsa-health");
		assertThat((String) JsonPath.read(up.body(), "$.details.verifiers.snapshotEnvelopeVerifier.keys.edge.state"))
			.isEqualTo("VALID");
		for (String body : List.of(down.body(), up.body(), get("/actuator/health").body())) {
			assertThat(body).doesNotContain(SNAPSHOT_SECRET)
				.doesNotContain(identityProvider.baseUri())
				.doesNotContain(rsaKey.getModulus().toString());
		}
		assertThat(output).doesNotContain(SNAPSHOT_SECRET).doesNotContain(rsaKey.getModulus().toString());
	}

	private static HttpResponse<String> get(String path) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class HealthApplication {

		// Gatehouse's verifiers read the application's clock, so the test can move past
		// the key's not-after instant and back.
		@Bean
		Clock clock() {
			return clock;
		}

	}

	private static final class SettableClock extends Clock {

		private volatile Instant now;

		SettableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
