package dev.gatehouse.auth.autoconfigure.checker;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the opt-in decision cache (needs Caffeine on the
 * classpath), under {@code gatehouse.cache.*}.
 */
@ConfigurationProperties("gatehouse.cache")
public class GatehouseCacheProperties {

	/**
	 * Whether permission, relation and policy decisions are cached per caller identity.
	 */
	private boolean enabled;

	/**
	 * How long a decision is reused after it was made.
	 */
	private Duration ttl = Duration.ofSeconds(60);

	/**
	 * Maximum number of cached decisions.
	 */
	private long maximumSize = 10_000;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public long getMaximumSize() {
		return this.maximumSize;
	}

	public void setMaximumSize(long maximumSize) {
		this.maximumSize = maximumSize;
	}

}
