package dev.gatehouse.auth.autoconfigure.observation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of Gatehouse's Micrometer observations, under
 * {@code gatehouse.observation.*}.
 */
@ConfigurationProperties("gatehouse.observation")
public class GatehouseObservationProperties {

	/**
	 * Whether to observe each authentication and authorization when an
	 * ObservationRegistry bean exists.
	 */
	private boolean enabled = true;

	/**
	 * How enforced method boundaries are recorded: metrics (a timer per outcome),
	 * observation (an Observation per call, for tracing each check) or off.
	 */
	private AuthorizationRecording authorization = AuthorizationRecording.METRICS;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public AuthorizationRecording getAuthorization() {
		return this.authorization;
	}

	public void setAuthorization(AuthorizationRecording authorization) {
		this.authorization = authorization;
	}

	/**
	 * How enforced method boundaries are recorded.
	 */
	public enum AuthorizationRecording {

		/** The MeterRegistry's gatehouse.authorization timer, one per outcome. */
		METRICS,

		/** A gatehouse.authorization Observation per call, for tracing each check. */
		OBSERVATION,

		/** Nothing is recorded for method boundaries. */
		OFF

	}

}
