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

	private final StartupValidation startupValidation = new StartupValidation();

	private final Snapshot snapshot = new Snapshot();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Checkers getCheckers() {
		return this.checkers;
	}

	public StartupValidation getStartupValidation() {
		return this.startupValidation;
	}

	public Snapshot getSnapshot() {
		return this.snapshot;
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

	/**
	 * Validation of the required capabilities and the auth metadata when the application starts.
	 */
	public static class StartupValidation {

		/**
		 * Whether to check required capabilities and auth annotations at startup, failing on any problem.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Signed AuthContext snapshots that carry the caller's context to other services.
	 */
	public static class Snapshot {

		private final Propagation propagation = new Propagation();

		public Propagation getPropagation() {
			return this.propagation;
		}

		/**
		 * Propagation of snapshots on outgoing and incoming calls.
		 */
		public static class Propagation {

			/**
			 * Whether to propagate signed AuthContext snapshots; requires one SnapshotSigner and one SnapshotVerifier.
			 */
			private boolean enabled;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

}
