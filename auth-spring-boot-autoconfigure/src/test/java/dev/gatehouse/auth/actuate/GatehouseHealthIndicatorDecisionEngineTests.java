package dev.gatehouse.auth.actuate;

import java.util.Map;

import dev.gatehouse.auth.spi.DecisionEngineHealth;
import dev.gatehouse.auth.spi.VerifierHealth;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decision engines (policy decision points) in the {@code gatehouse} health: each under
 * {@code decisionEngines} by bean name, and one that is DOWN, or whose check throws,
 * makes the whole indicator DOWN without showing the exception.
 */
class GatehouseHealthIndicatorDecisionEngineTests {

	@Test
	void reportsEachEngineAndIsDownWhenOneIs() {
		DecisionEngineHealth up = () -> VerifierHealth.Status.up(Map.of("circuit", "CLOSED"));
		DecisionEngineHealth down = () -> VerifierHealth.Status
			.down(Map.of("circuit", "OPEN", "lastFailure", "HTTP 500"));

		Health health = new GatehouseHealthIndicator(null, Map::of, () -> Map.of("b", down, "a", up)).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		@SuppressWarnings("unchecked")
		Map<String, Map<String, Object>> engines = (Map<String, Map<String, Object>>) health.getDetails()
			.get("decisionEngines");
		assertThat(engines).containsOnlyKeys("a", "b");
		assertThat(engines.get("a")).containsEntry("status", "UP").containsEntry("circuit", "CLOSED");
		assertThat(engines.get("b")).containsEntry("status", "DOWN").containsEntry("lastFailure", "HTTP 500");
	}

	@Test
	void isUpWithEnginesThatAreAllUp() {
		DecisionEngineHealth up = () -> VerifierHealth.Status.up(Map.of());

		assertThat(new GatehouseHealthIndicator(null, Map::of, () -> Map.of("pdp", up)).health().getStatus())
			.isEqualTo(Status.UP);
	}

	@Test
	void anEngineWhoseCheckThrowsIsDownWithoutItsMessage() {
		DecisionEngineHealth broken = () -> {
			throw new IllegalStateException("Bearer secret-in-message");
		};

		Health health = new GatehouseHealthIndicator(null, Map::of, () -> Map.of("pdp", broken)).health();

		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().toString()).doesNotContain("secret-in-message")
			.contains("IllegalStateException");
	}

}
