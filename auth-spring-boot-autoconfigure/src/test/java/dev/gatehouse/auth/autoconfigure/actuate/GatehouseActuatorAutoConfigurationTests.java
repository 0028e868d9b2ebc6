package dev.gatehouse.auth.autoconfigure.actuate;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import dev.gatehouse.auth.actuate.GatehouseEndpoint;
import dev.gatehouse.auth.actuate.GatehouseHealthIndicator;
import dev.gatehouse.auth.actuate.GatehouseSecretSanitizingFunction;
import dev.gatehouse.auth.autoconfigure.jwt.GatehouseJwtAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.outbound.GatehouseOutboundAutoConfiguration;
import dev.gatehouse.auth.autoconfigure.snapshot.GatehouseSnapshotAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which verifiers and registrations the {@code gatehouse} health indicator reports, as
 * the auto-configuration wires it.
 */
class GatehouseActuatorAutoConfigurationTests {

	private static final String SECRET;

	static {
		byte[] secret = new byte[32];
		Arrays.fill(secret, (byte) 9);
		SECRET = Base64.getEncoder().encodeToString(secret);
	}

	private static final String KEYS = "gatehouse.snapshot.verification.keys.";

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(GatehouseSnapshotAutoConfiguration.class, GatehouseJwtAutoConfiguration.class,
					GatehouseOutboundAutoConfiguration.class, GatehouseActuatorAutoConfiguration.class));

	@Test
	void reportsUpWithoutVerifiersOrRegistrations() {
		this.runner.run((context) -> {
			Health health = context.getBean(GatehouseHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).doesNotContainKey("verifiers").containsEntry("outbound", Map.of());
		});
	}

	@Test
	void registersNoHealthIndicatorWhenThereIsNothingToReport() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.http.client"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(GatehouseHealthIndicator.class));
	}

	@Test
	void reportsTheVerifiersEvenWithoutOutboundRegistrations() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.http.client"))
			.withPropertyValues(KEYS + "current.secret=" + SECRET)
			.run((context) -> {
				Health health = context.getBean(GatehouseHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).doesNotContainKey("outbound");
				assertThat(verifier(health, "snapshotEnvelopeVerifier")).containsEntry("status", "UP");
			});
	}

	@Test
	void reportsTheSnapshotVerifierDownOnceEveryKeyIsPastItsNotAfterInstant() {
		this.runner
			.withPropertyValues(KEYS + "old.secret=" + SECRET, KEYS + "old.not-after=2020-01-01T00:00:00Z",
					KEYS + "older.secret=" + SECRET, KEYS + "older.not-after=2019-06-30T12:00:00Z")
			.run((context) -> {
				Health health = context.getBean(GatehouseHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(verifier(health, "snapshotEnvelopeVerifier")).containsEntry("status", "DOWN")
					.containsEntry("error", "No verification key is accepted any more");
				assertThat(health.toString()).contains("2020-01-01T00:00:00Z").doesNotContain(SECRET);
			});
	}

	@Test
	void reportsUpWhileOneSnapshotKeyIsStillAccepted() {
		this.runner
			.withPropertyValues(KEYS + "old.secret=" + SECRET, KEYS + "old.not-after=2020-01-01T00:00:00Z",
					KEYS + "current.secret=" + SECRET)
			.run((context) -> {
				Health health = context.getBean(GatehouseHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(verifier(health, "snapshotEnvelopeVerifier")).containsEntry("status", "UP");
			});
	}

	@Test
	void reportsAnHs256JwtVerifierUpWithoutItsSecret() {
		this.runner.withPropertyValues("gatehouse.jwt.secret=" + SECRET).run((context) -> {
			Health health = context.getBean(GatehouseHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(verifier(health, "jwtBearerAuthenticator")).containsEntry("status", "UP")
				.containsEntry("keySource", "secret");
			assertThat(health.toString()).doesNotContain(SECRET);
		});
	}

	@Test
	void backsOffWithoutSpringBootHealth() {
		this.runner.withPropertyValues("gatehouse.jwt.secret=" + SECRET)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(GatehouseHealthIndicator.class));
	}

	@Test
	void registersTheEndpointAndTheSecretMaskingWithActuator() {
		this.runner.withPropertyValues("gatehouse.outbound.retry-backoff=0s").run((context) -> {
			assertThat(context).hasSingleBean(GatehouseEndpoint.class)
				.hasSingleBean(GatehouseSecretSanitizingFunction.class);
			assertThat(context.getBean(GatehouseEndpoint.class).refresh(null)).isEmpty();
		});
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.http.client"))
			.run((context) -> assertThat(context).hasSingleBean(GatehouseEndpoint.class));
	}

	@Test
	void registersNeitherWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(GatehouseEndpoint.class)
				.doesNotHaveBean(GatehouseSecretSanitizingFunction.class));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> verifier(Health health, String name) {
		Map<String, Object> verifiers = (Map<String, Object>) health.getDetails().get("verifiers");
		assertThat(verifiers).containsKey(name);
		return (Map<String, Object>) verifiers.get(name);
	}

}
