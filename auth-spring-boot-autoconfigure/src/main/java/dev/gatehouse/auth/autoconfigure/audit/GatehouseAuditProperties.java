package dev.gatehouse.auth.autoconfigure.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the audit events of decisions, under
 * {@code gatehouse.audit.*}.
 */
@ConfigurationProperties("gatehouse.audit")
public class GatehouseAuditProperties {

	/**
	 * Whether to publish an audit event for allowed decisions too, not only for refusals.
	 */
	private boolean allowed;

	public boolean isAllowed() {
		return this.allowed;
	}

	public void setAllowed(boolean allowed) {
		this.allowed = allowed;
	}

}
