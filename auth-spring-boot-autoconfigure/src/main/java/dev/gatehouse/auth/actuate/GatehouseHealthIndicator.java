package dev.gatehouse.auth.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.gatehouse.auth.outbound.OutboundCredentials;
import dev.gatehouse.auth.outbound.OutboundRegistrationState;
import dev.gatehouse.auth.outbound.OutboundRegistrationStatus;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health {@code gatehouse}: DOWN when an outbound registration is DOWN (its last token
 * request failed and no unexpired token is held), otherwise UP, with each registration's
 * state as a detail. It never shows a token or secret.
 */
public final class GatehouseHealthIndicator implements HealthIndicator {

	private final OutboundCredentials credentials;

	/**
	 * Creates the indicator.
	 * @param credentials the outbound registrations
	 */
	public GatehouseHealthIndicator(OutboundCredentials credentials) {
		this.credentials = Objects.requireNonNull(credentials, "credentials must not be null");
	}

	@Override
	public Health health() {
		Map<String, Object> registrations = new LinkedHashMap<>();
		boolean down = false;
		for (OutboundRegistrationStatus status : this.credentials.status()) {
			registrations.put(status.name(), status.state().name());
			down |= status.state() == OutboundRegistrationState.DOWN;
		}
		Health.Builder builder = down ? Health.down() : Health.up();
		return builder.withDetail("outbound", registrations).build();
	}

}
