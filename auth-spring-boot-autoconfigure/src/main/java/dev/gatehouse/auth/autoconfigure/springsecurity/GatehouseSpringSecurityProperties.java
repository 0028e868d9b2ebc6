package dev.gatehouse.auth.autoconfigure.springsecurity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the Spring Security bridge, under
 * {@code gatehouse.spring-security.*}.
 */
@ConfigurationProperties("gatehouse.spring-security")
public class GatehouseSpringSecurityProperties {

	/**
	 * Whether requests that Spring Security authenticated take their caller from its
	 * Authentication; applies when a SecurityFilterChain bean exists.
	 */
	private boolean enabled = true;

	/**
	 * Prefix of the authorities that become roles (without it); empty makes every
	 * authority that is neither a scope nor a factor a role.
	 */
	private String rolePrefix = "ROLE_";

	/**
	 * Prefix of the authorities that become scopes (without it).
	 */
	private String scopePrefix = "SCOPE_";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getRolePrefix() {
		return this.rolePrefix;
	}

	public void setRolePrefix(String rolePrefix) {
		this.rolePrefix = rolePrefix;
	}

	public String getScopePrefix() {
		return this.scopePrefix;
	}

	public void setScopePrefix(String scopePrefix) {
		this.scopePrefix = scopePrefix;
	}

}
