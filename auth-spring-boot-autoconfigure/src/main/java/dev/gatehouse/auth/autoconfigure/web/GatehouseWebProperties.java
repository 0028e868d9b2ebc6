package dev.gatehouse.auth.autoconfigure.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the servlet boundary, under {@code gatehouse.web.*}.
 */
@ConfigurationProperties("gatehouse.web")
public class GatehouseWebProperties {

	/**
	 * Whether startup fails when a controller handler method has neither @PublicAccess
	 * nor a requirement.
	 */
	private boolean requireExplicitAccess;

	public boolean isRequireExplicitAccess() {
		return this.requireExplicitAccess;
	}

	public void setRequireExplicitAccess(boolean requireExplicitAccess) {
		this.requireExplicitAccess = requireExplicitAccess;
	}

}
