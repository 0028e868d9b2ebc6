package dev.gatehouse.auth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
		 * Expected "iss" claim, checked without any discovery request; also usable with the shared secret.
		 */
		private @Nullable String issuer;

		/**
		 * Connect and read timeout for fetching the JWK set and the issuer's discovery document.
		 */
		private Duration jwkSetTimeout = Duration.ofSeconds(5);

		/**
		 * Interval within which the JWK set is fetched at most twice, however many tokens name unknown key ids.
		 */
		private Duration jwkSetRefetchInterval = Duration.ofSeconds(30);

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

		public @Nullable String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(@Nullable String issuer) {
			this.issuer = issuer;
		}

		public Duration getJwkSetTimeout() {
			return this.jwkSetTimeout;
		}

		public void setJwkSetTimeout(Duration jwkSetTimeout) {
			this.jwkSetTimeout = jwkSetTimeout;
		}

		public Duration getJwkSetRefetchInterval() {
			return this.jwkSetRefetchInterval;
		}

		public void setJwkSetRefetchInterval(Duration jwkSetRefetchInterval) {
			this.jwkSetRefetchInterval = jwkSetRefetchInterval;
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
			return "Jwt[issuerUri=" + this.issuerUri + ", jwkSetUri=" + this.jwkSetUri + ", issuer=" + this.issuer
					+ ", secret=" + ((this.secret != null) ? "[REDACTED]" : "null") + "]";
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

}
