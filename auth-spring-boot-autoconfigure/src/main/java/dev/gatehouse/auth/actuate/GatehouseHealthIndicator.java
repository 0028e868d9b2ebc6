package dev.gatehouse.auth.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

import dev.gatehouse.auth.outbound.OutboundCredentials;
import dev.gatehouse.auth.outbound.OutboundRegistrationState;
import dev.gatehouse.auth.outbound.OutboundRegistrationStatus;
import dev.gatehouse.auth.spi.DecisionEngineHealth;
import dev.gatehouse.auth.spi.VerifierHealth;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.function.SingletonSupplier;

/**
 * Health {@code gatehouse}: DOWN when a verifier ({@link VerifierHealth}: the JWT
 * verifier's keys, the snapshot verifier's keys) or an outbound registration is DOWN (its
 * last token request failed and no unexpired token is held), otherwise UP. Each
 * verifier's status and details appear under {@code verifiers} by bean name, each
 * registration's state under {@code outbound}, each decision engine's
 * ({@link DecisionEngineHealth}, a policy decision point) under {@code decisionEngines}.
 * It never shows a key, token, secret or URL.
 */
public final class GatehouseHealthIndicator implements HealthIndicator {

	private final @Nullable OutboundCredentials credentials;

	private final SingletonSupplier<Map<String, VerifierHealth>> verifiers;

	private final SingletonSupplier<Map<String, DecisionEngineHealth>> decisionEngines;

	/**
	 * Creates an indicator of the outbound registrations only.
	 * @param credentials the outbound registrations
	 */
	public GatehouseHealthIndicator(OutboundCredentials credentials) {
		this(Objects.requireNonNull(credentials, "credentials must not be null"), Map::of);
	}

	/**
	 * Creates the indicator.
	 * @param credentials the outbound registrations, or {@code null} when there are none
	 * @param verifiers supplies the verifiers by bean name; asked once, on the first
	 * check, so that verifiers created after the indicator are included
	 */
	public GatehouseHealthIndicator(@Nullable OutboundCredentials credentials,
			Supplier<Map<String, VerifierHealth>> verifiers) {
		this(credentials, verifiers, Map::of);
	}

	/**
	 * Creates the indicator with decision engines (policy decision points).
	 * @param credentials the outbound registrations, or {@code null} when there are none
	 * @param verifiers supplies the verifiers by bean name; asked once, on the first
	 * check
	 * @param decisionEngines supplies the decision engines' clients by bean name; asked
	 * once, on the first check
	 */
	public GatehouseHealthIndicator(@Nullable OutboundCredentials credentials,
			Supplier<Map<String, VerifierHealth>> verifiers,
			Supplier<Map<String, DecisionEngineHealth>> decisionEngines) {
		Objects.requireNonNull(verifiers, "verifiers must not be null");
		Objects.requireNonNull(decisionEngines, "decisionEngines must not be null");
		this.credentials = credentials;
		this.verifiers = SingletonSupplier.of(() -> new TreeMap<>(verifiers.get()));
		this.decisionEngines = SingletonSupplier.of(() -> new TreeMap<>(decisionEngines.get()));
	}

	@Override
	public Health health() {
		boolean down = false;
		Map<String, Object> details = new LinkedHashMap<>();
		Map<String, VerifierHealth> verifiers = this.verifiers.obtain();
		if (!verifiers.isEmpty()) {
			Map<String, Object> verifierDetails = new LinkedHashMap<>();
			for (Map.Entry<String, VerifierHealth> verifier : verifiers.entrySet()) {
				VerifierHealth.Status status = check(verifier.getValue());
				Map<String, Object> shown = new LinkedHashMap<>();
				shown.put("status", status.up() ? "UP" : "DOWN");
				shown.putAll(status.details());
				verifierDetails.put(verifier.getKey(), shown);
				down |= !status.up();
			}
			details.put("verifiers", verifierDetails);
		}
		Map<String, DecisionEngineHealth> engines = this.decisionEngines.obtain();
		if (!engines.isEmpty()) {
			Map<String, Object> engineDetails = new LinkedHashMap<>();
			for (Map.Entry<String, DecisionEngineHealth> engine : engines.entrySet()) {
				VerifierHealth.Status status = check(engine.getValue());
				Map<String, Object> shown = new LinkedHashMap<>();
				shown.put("status", status.up() ? "UP" : "DOWN");
				shown.putAll(status.details());
				engineDetails.put(engine.getKey(), shown);
				down |= !status.up();
			}
			details.put("decisionEngines", engineDetails);
		}
		OutboundCredentials credentials = this.credentials;
		if (credentials != null) {
			Map<String, Object> registrations = new LinkedHashMap<>();
			for (OutboundRegistrationStatus status : credentials.status()) {
				registrations.put(status.name(), status.state().name());
				down |= status.state() == OutboundRegistrationState.DOWN;
			}
			details.put("outbound", registrations);
		}
		Health.Builder builder = down ? Health.down() : Health.up();
		return builder.withDetails(details).build();
	}

	// An implementation that breaks its promise not to throw is DOWN, and its exception
	// (whose message might quote anything) is not shown.
	private static VerifierHealth.Status check(VerifierHealth verifier) {
		try {
			return verifier.verifierHealth();
		}
		catch (RuntimeException ex) {
			return VerifierHealth.Status
				.down(Map.of("error", "The health check failed (" + ex.getClass().getSimpleName() + ")"));
		}
	}

	private static VerifierHealth.Status check(DecisionEngineHealth engine) {
		try {
			return engine.decisionEngineHealth();
		}
		catch (RuntimeException ex) {
			return VerifierHealth.Status
				.down(Map.of("error", "The health check failed (" + ex.getClass().getSimpleName() + ")"));
		}
	}

}
