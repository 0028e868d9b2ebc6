package dev.gatehouse.auth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.auth.enforcement.PolicyRule;
import org.jspecify.annotations.Nullable;

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

	/**
	 * Built-in checkers that decide from the AuthContext alone.
	 */
	private final Checkers checkers = new Checkers();

	/**
	 * Name of the request header that carries an API key.
	 */
	private String apiKeyHeader = "X-API-Key";

	/**
	 * API keys accepted by the built-in API-key authenticator, each stored as the SHA-256 hex of the key.
	 */
	private List<ApiKey> apiKeys = new ArrayList<>();

	/**
	 * Built-in JWT bearer authenticator.
	 */
	private final Jwt jwt = new Jwt();

	/**
	 * Servlet boundary.
	 */
	private final Web web = new Web();

	/**
	 * Validation of capabilities and auth metadata at startup.
	 */
	private final StartupValidation startupValidation = new StartupValidation();

	/**
	 * Signed AuthContext snapshots.
	 */
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

	public Jwt getJwt() {
		return this.jwt;
	}

	public Web getWeb() {
		return this.web;
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
	 * One accepted API key. Only the key's SHA-256 hash is configured, never the key itself.
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
			// The hash is not the key, but it is still credential material: keep it out of logs.
			return "ApiKey[subject=" + this.subject + "]";
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
	 * The built-in JWT bearer authenticator (needs spring-security-oauth2-jose on the classpath).
	 */
	public static class Jwt {

		/**
		 * Issuer URI; its OpenID discovery document names the JWK set, and the "iss" claim must match it.
		 */
		private @Nullable String issuerUri;

		/**
		 * URI of the JWK set used to verify RS256/ES256 signatures.
		 */
		private @Nullable String jwkSetUri;

		/**
		 * Shared HS256 secret, base64 or base64url encoded, at least 32 bytes once decoded.
		 */
		private @Nullable String secret;

		/**
		 * Accepted audiences; when set, the token's "aud" claim must contain one of them.
		 */
		private List<String> audiences = new ArrayList<>();

		/**
		 * Tolerated clock difference when checking "exp" and "nbf".
		 */
		private Duration clockSkew = Duration.ofSeconds(60);

		/**
		 * Claim holding the roles: a top-level claim name or a dotted path such as "realm_access.roles".
		 */
		private String rolesClaim = "roles";

		/**
		 * Claim holding the tenant the caller acts in: a top-level claim name or a dotted path.
		 */
		private String tenantClaim = "tenant";

		/**
		 * Claims copied into the AuthContext when their values are JSON scalars; other values are skipped.
		 */
		private List<String> copiedClaims = new ArrayList<>(List.of("email", "preferred_username"));

		public @Nullable String getIssuerUri() {
			return this.issuerUri;
		}

		public void setIssuerUri(@Nullable String issuerUri) {
			this.issuerUri = issuerUri;
		}

		public @Nullable String getJwkSetUri() {
			return this.jwkSetUri;
		}

		public void setJwkSetUri(@Nullable String jwkSetUri) {
			this.jwkSetUri = jwkSetUri;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public List<String> getAudiences() {
			return this.audiences;
		}

		public void setAudiences(List<String> audiences) {
			this.audiences = audiences;
		}

		public Duration getClockSkew() {
			return this.clockSkew;
		}

		public void setClockSkew(Duration clockSkew) {
			this.clockSkew = clockSkew;
		}

		public String getRolesClaim() {
			return this.rolesClaim;
		}

		public void setRolesClaim(String rolesClaim) {
			this.rolesClaim = rolesClaim;
		}

		public String getTenantClaim() {
			return this.tenantClaim;
		}

		public void setTenantClaim(String tenantClaim) {
			this.tenantClaim = tenantClaim;
		}

		public List<String> getCopiedClaims() {
			return this.copiedClaims;
		}

		public void setCopiedClaims(List<String> copiedClaims) {
			this.copiedClaims = copiedClaims;
		}

		@Override
		public String toString() {
			return "Jwt[issuerUri=" + this.issuerUri + ", jwkSetUri=" + this.jwkSetUri + ", secret="
					+ ((this.secret != null) ? "[REDACTED]" : "null") + "]";
		}

	}

	/**
	 * The servlet boundary.
	 */
	public static class Web {

		/**
		 * Whether startup fails when a controller handler method has neither @PublicAccess nor a requirement.
		 */
		private boolean requireExplicitAccess;

		public boolean isRequireExplicitAccess() {
			return this.requireExplicitAccess;
		}

		public void setRequireExplicitAccess(boolean requireExplicitAccess) {
			this.requireExplicitAccess = requireExplicitAccess;
		}

	}

	/**
	 * Signed AuthContext snapshots that carry the caller's context to other services.
	 */
	public static class Snapshot {

		/**
		 * Propagation of snapshots on outgoing and incoming calls.
		 */
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

	/**
	 * Default permission checker: role-to-permission mapping and the permissions claim.
	 */
	private final Permissions permissions = new Permissions();

	/**
	 * Declarative policy document of the default policy evaluator.
	 */
	private final Policies policies = new Policies();

	/**
	 * Decision cache for permission, relation and policy checks.
	 */
	private final Cache cache = new Cache();

	public Permissions getPermissions() {
		return this.permissions;
	}

	public Policies getPolicies() {
		return this.policies;
	}

	public Cache getCache() {
		return this.cache;
	}

	/**
	 * The default {@code PermissionChecker}.
	 */
	public static class Permissions {

		/**
		 * Whether to register the default permission checker when the application defines none.
		 */
		private boolean enabled = true;

		/**
		 * Permissions each role grants, by role name; a permission ending in '*' covers every permission that
		 * starts with what precedes it.
		 */
		private Map<String, List<String>> roles = new LinkedHashMap<>();

		/**
		 * Name of the claim that lists further permissions of a caller, space- or comma-separated.
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
	 * The default {@code PolicyEvaluator}'s document; registered when it has at least one rule.
	 */
	public static class Policies {

		/**
		 * Whether to register the default policy evaluator when rules are configured and the application
		 * defines none.
		 */
		private boolean enabled = true;

		/**
		 * Policy rules; a matching deny rule wins, and a call no allow rule matches is denied.
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
		 * One policy rule: where it applies, what it decides, and its conditions (any one suffices).
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
			 * Claims of which the caller needs one, by name and value; '{tenant}', '{resource}' or '{action}'
			 * stand for that value of the call being checked.
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

	/**
	 * The opt-in decision cache (needs Caffeine on the classpath).
	 */
	public static class Cache {

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

}
