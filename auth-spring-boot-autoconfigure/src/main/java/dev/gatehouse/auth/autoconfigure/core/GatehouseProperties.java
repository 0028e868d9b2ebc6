package dev.gatehouse.auth.autoconfigure.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.auth.enforcement.PolicyRule;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The root configuration properties of Gatehouse, under {@code gatehouse.*}: the switch,
 * strict property checking, the built-in checkers, API keys, permissions, policies and
 * startup validation. Each feature binds its own prefix below it ({@code gatehouse.jwt},
 * {@code gatehouse.snapshot}, ...) with its own class.
 */
@ConfigurationProperties("gatehouse")
public class GatehouseProperties {

	/**
	 * Whether Gatehouse is enabled. When disabled, no enforcement, checker or propagation
	 * bean is registered.
	 */
	private boolean enabled = true;

	/**
	 * Whether an unknown property under gatehouse (a typo such as gatehouse.jwt.sercet)
	 * fails startup, naming the nearest valid key; when false it is only logged as a
	 * warning.
	 */
	private boolean strictProperties = true;

	/**
	 * Built-in checkers that decide from the AuthContext alone.
	 */
	private final Checkers checkers = new Checkers();

	/**
	 * Name of the request header that carries an API key.
	 */
	private String apiKeyHeader = "X-API-Key";

	/**
	 * API keys accepted by the built-in API-key authenticator, each stored as the SHA-256
	 * hex of the key.
	 */
	private List<ApiKey> apiKeys = new ArrayList<>();

	/**
	 * Validation of capabilities and auth metadata at startup.
	 */
	private final StartupValidation startupValidation = new StartupValidation();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isStrictProperties() {
		return this.strictProperties;
	}

	public void setStrictProperties(boolean strictProperties) {
		this.strictProperties = strictProperties;
	}

	public Checkers getCheckers() {
		return this.checkers;
	}

	public String getApiKeyHeader() {
		return this.apiKeyHeader;
	}

	public void setApiKeyHeader(String apiKeyHeader) {
		this.apiKeyHeader = apiKeyHeader;
	}

	public List<ApiKey> getApiKeys() {
		return this.apiKeys;
	}

	public void setApiKeys(List<ApiKey> apiKeys) {
		this.apiKeys = apiKeys;
	}

	public StartupValidation getStartupValidation() {
		return this.startupValidation;
	}

	/**
	 * The built-in checkers that decide from the AuthContext alone.
	 */
	public static class Checkers {

		/**
		 * Whether to register the default RoleChecker that checks the AuthContext's roles
		 * (and tenant).
		 */
		private boolean contextRoles = true;

		/**
		 * Whether to register the default ScopeChecker that checks the AuthContext's
		 * scopes.
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
	 * One accepted API key. Only the key's SHA-256 hash is configured, never the key
	 * itself.
	 */
	public static class ApiKey {

		/**
		 * SHA-256 of the API key, as 64 hexadecimal characters.
		 */
		private @Nullable String sha256;

		/**
		 * Subject id of the caller that presents this key.
		 */
		private @Nullable String subject;

		/**
		 * Display name of the caller.
		 */
		private @Nullable String displayName;

		/**
		 * Roles granted to the caller.
		 */
		private List<String> roles = new ArrayList<>();

		/**
		 * Scopes granted to the caller.
		 */
		private List<String> scopes = new ArrayList<>();

		/**
		 * Tenant the caller acts in.
		 */
		private @Nullable String tenant;

		public @Nullable String getSha256() {
			return this.sha256;
		}

		public void setSha256(@Nullable String sha256) {
			this.sha256 = sha256;
		}

		public @Nullable String getSubject() {
			return this.subject;
		}

		public void setSubject(@Nullable String subject) {
			this.subject = subject;
		}

		public @Nullable String getDisplayName() {
			return this.displayName;
		}

		public void setDisplayName(@Nullable String displayName) {
			this.displayName = displayName;
		}

		public List<String> getRoles() {
			return this.roles;
		}

		public void setRoles(List<String> roles) {
			this.roles = roles;
		}

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		public @Nullable String getTenant() {
			return this.tenant;
		}

		public void setTenant(@Nullable String tenant) {
			this.tenant = tenant;
		}

		@Override
		public String toString() {
			// The hash is not the key, but it is still credential material: keep it out
			// of logs.
			return "ApiKey[subject=" + this.subject + "]";
		}

	}

	/**
	 * Validation of the required capabilities and the auth metadata when the application
	 * starts.
	 */
	public static class StartupValidation {

		/**
		 * Whether to check required capabilities and auth annotations at startup, failing
		 * on any problem.
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
	 * Default permission checker: role-to-permission mapping and the permissions claim.
	 */
	private final Permissions permissions = new Permissions();

	/**
	 * Declarative policy document of the default policy evaluator.
	 */
	private final Policies policies = new Policies();

	public Permissions getPermissions() {
		return this.permissions;
	}

	public Policies getPolicies() {
		return this.policies;
	}

	/**
	 * The default {@code PermissionChecker}.
	 */
	public static class Permissions {

		/**
		 * Whether to register the default permission checker when the application defines
		 * none.
		 */
		private boolean enabled = true;

		/**
		 * Permissions each role grants, by role name; a permission ending in '*' covers
		 * every permission that starts with what precedes it.
		 */
		private Map<String, List<String>> roles = new LinkedHashMap<>();

		/**
		 * Name of the claim that lists further permissions of a caller, space- or
		 * comma-separated.
		 */
		private String claim = "permissions";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Map<String, List<String>> getRoles() {
			return this.roles;
		}

		public void setRoles(Map<String, List<String>> roles) {
			this.roles = roles;
		}

		public String getClaim() {
			return this.claim;
		}

		public void setClaim(String claim) {
			this.claim = claim;
		}

	}

	/**
	 * The default {@code PolicyEvaluator}'s document; registered when it has at least one
	 * rule.
	 */
	public static class Policies {

		/**
		 * Whether to register the default policy evaluator when rules are configured and
		 * the application defines none.
		 */
		private boolean enabled = true;

		/**
		 * Policy rules; a matching deny rule wins, and a call no allow rule matches is
		 * denied.
		 */
		private List<Rule> rules = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<Rule> getRules() {
			return this.rules;
		}

		public void setRules(List<Rule> rules) {
			this.rules = rules;
		}

		/**
		 * One policy rule: where it applies, what it decides, and its conditions (any one
		 * suffices).
		 */
		public static class Rule {

			/**
			 * Name of the rule, used in error messages; defaults to its position.
			 */
			private @Nullable String name;

			/**
			 * Resource the rule applies to, or '*' for any.
			 */
			private @Nullable String resource;

			/**
			 * Action the rule applies to, or '*' for any.
			 */
			private @Nullable String action;

			/**
			 * Whether a matching rule allows or denies.
			 */
			private PolicyRule.Effect effect = PolicyRule.Effect.ALLOW;

			/**
			 * Roles of which the caller needs one.
			 */
			private List<String> anyRole = new ArrayList<>();

			/**
			 * Scopes of which the caller needs one.
			 */
			private List<String> anyScope = new ArrayList<>();

			/**
			 * Permissions of which the caller needs one.
			 */
			private List<String> anyPermission = new ArrayList<>();

			/**
			 * Claims of which the caller needs one, by name and value; '{tenant}',
			 * '{resource}' or '{action}' stand for that value of the call being checked.
			 */
			private Map<String, String> subjectClaim = new LinkedHashMap<>();

			public @Nullable String getName() {
				return this.name;
			}

			public void setName(@Nullable String name) {
				this.name = name;
			}

			public @Nullable String getResource() {
				return this.resource;
			}

			public void setResource(@Nullable String resource) {
				this.resource = resource;
			}

			public @Nullable String getAction() {
				return this.action;
			}

			public void setAction(@Nullable String action) {
				this.action = action;
			}

			public PolicyRule.Effect getEffect() {
				return this.effect;
			}

			public void setEffect(PolicyRule.Effect effect) {
				this.effect = effect;
			}

			public List<String> getAnyRole() {
				return this.anyRole;
			}

			public void setAnyRole(List<String> anyRole) {
				this.anyRole = anyRole;
			}

			public List<String> getAnyScope() {
				return this.anyScope;
			}

			public void setAnyScope(List<String> anyScope) {
				this.anyScope = anyScope;
			}

			public List<String> getAnyPermission() {
				return this.anyPermission;
			}

			public void setAnyPermission(List<String> anyPermission) {
				this.anyPermission = anyPermission;
			}

			public Map<String, String> getSubjectClaim() {
				return this.subjectClaim;
			}

			public void setSubjectClaim(Map<String, String> subjectClaim) {
				this.subjectClaim = subjectClaim;
			}

		}

	}

}
