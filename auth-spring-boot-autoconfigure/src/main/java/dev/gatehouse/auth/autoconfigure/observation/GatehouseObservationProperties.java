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

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
