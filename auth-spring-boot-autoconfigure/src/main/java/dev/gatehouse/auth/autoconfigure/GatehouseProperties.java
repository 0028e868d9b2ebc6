package dev.gatehouse.auth.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of Gatehouse, under {@code gatehouse.*}.
 */
@ConfigurationProperties("gatehouse")
public class GatehouseProperties {

	/**
	 * Whether Gatehouse is enabled. When disabled, no enforcement, checker or propagation bean is registered.
	 */
	private boolean enabled = true;

	private final Checkers checkers = new Checkers();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Checkers getCheckers() {
		return this.checkers;
	}

	/**
	 * The built-in checkers that decide from the AuthContext alone.
	 */
	public static class Checkers {

		/**
		 * Whether to register the default RoleChecker that checks the AuthContext's roles (and tenant).
		 */
		private boolean contextRoles = true;

		/**
		 * Whether to register the default ScopeChecker that checks the AuthContext's scopes.
		 */
		private boolean contextScopes = true;

		public boolean isContextRoles() {
			return this.contextRoles;
		}

		public void setContextRoles(boolean contextRoles) {
			this.contextRoles = contextRoles;
		}

		public boolean isContextScopes() {
			return this.contextScopes;
		}

		public void setContextScopes(boolean contextScopes) {
			this.contextScopes = contextScopes;
		}

	}

}
