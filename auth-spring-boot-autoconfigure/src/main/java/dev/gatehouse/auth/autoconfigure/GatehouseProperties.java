package dev.gatehouse.auth.autoconfigure;

import java.time.Duration;
import java.time.Instant;
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
	 * The built-in JWT bearer authenticator (needs spring-security-oauth2-jose on the
	 * classpath).
	 */
	public static class Jwt {

		/**
		 * Issuer URI; its OpenID discovery document names the JWK set, and the "iss"
		 * claim must match it.
		 */
		private @Nullable String issuerUri;

		/**
		 * URI of the JWK set used to verify RS256/ES256 signatures.
		 */
		private @Nullable String jwkSetUri;

		/**
		 * Shared HS256 secret, base64 or base64url encoded, at least 32 bytes once
		 * decoded.
		 */
		private @Nullable String secret;

		/**
		 * Expected "iss" claim, checked without any discovery request; also usable with
		 * the shared secret.
		 */
		private @Nullable String issuer;

		/**
		 * Connect and read timeout for fetching the JWK set and the issuer's discovery
		 * document.
		 */
		private Duration jwkSetTimeout = Duration.ofSeconds(5);

		/**
		 * Interval within which the JWK set is fetched at most twice, however many tokens
		 * name unknown key ids.
		 */
		private Duration jwkSetRefetchInterval = Duration.ofSeconds(30);

		/**
		 * Accepted audiences; when set, the token's "aud" claim must contain one of them.
		 */
		private List<String> audiences = new ArrayList<>();

		/**
		 * JOSE header "typ" every token must carry, such as "at+jwt" for RFC 9068 access
		 * tokens; when unset, "JWT", "at+jwt" or none is accepted.
		 */
		private @Nullable String requiredType;

		/**
		 * Tolerated clock difference when checking "exp" and "nbf".
		 */
		private Duration clockSkew = Duration.ofSeconds(60);

		/**
		 * Claim holding the roles: a top-level claim name or a dotted path such as
		 * "realm_access.roles".
		 */
		private String rolesClaim = "roles";

		/**
		 * Claim holding the tenant the caller acts in: a top-level claim name or a dotted
		 * path.
		 */
		private String tenantClaim = "tenant";

		/**
		 * Claims copied into the AuthContext when their values are JSON scalars; other
		 * values are skipped.
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

		public @Nullable String getRequiredType() {
			return this.requiredType;
		}

		public void setRequiredType(@Nullable String requiredType) {
			this.requiredType = requiredType;
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
		 * Whether startup fails when a controller handler method has
		 * neither @PublicAccess nor a requirement.
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
		 * Id of this service, appended to the delegation chain of every snapshot it
		 * signs. Defaults to spring.application.name.
		 */
		private @Nullable String serviceId;

		/**
		 * How long a signed snapshot stays valid.
		 */
		private Duration ttl = Duration.ofMinutes(5);

		/**
		 * Longest lifetime (expires-at minus issued-at) accepted from another service.
		 */
		private Duration maxTtl = Duration.ofHours(1);

		/**
		 * Tolerated difference between the signer's and the verifier's clocks.
		 */
		private Duration clockSkew = Duration.ofSeconds(60);

		/**
		 * Longest envelope accepted, in characters; longer ones are rejected before any
		 * decoding.
		 */
		private int maxEnvelopeLength = 8192;

		/**
		 * Names of the context claims carried in signed snapshots. All claims when not
		 * set.
		 */
		private @Nullable List<String> selectedClaims;

		/**
		 * Key this service signs snapshots with.
		 */
		private final Signing signing = new Signing();

		/**
		 * Keys and issuers this service accepts snapshots from.
		 */
		private final Verification verification = new Verification();

		/**
		 * Propagation of snapshots on outgoing and incoming calls.
		 */
		private final Propagation propagation = new Propagation();

		public @Nullable String getServiceId() {
			return this.serviceId;
		}

		public void setServiceId(@Nullable String serviceId) {
			this.serviceId = serviceId;
		}

		public Duration getTtl() {
			return this.ttl;
		}

		public void setTtl(Duration ttl) {
			this.ttl = ttl;
		}

		public Duration getMaxTtl() {
			return this.maxTtl;
		}

		public void setMaxTtl(Duration maxTtl) {
			this.maxTtl = maxTtl;
		}

		public Duration getClockSkew() {
			return this.clockSkew;
		}

		public void setClockSkew(Duration clockSkew) {
			this.clockSkew = clockSkew;
		}

		public int getMaxEnvelopeLength() {
			return this.maxEnvelopeLength;
		}

		public void setMaxEnvelopeLength(int maxEnvelopeLength) {
			this.maxEnvelopeLength = maxEnvelopeLength;
		}

		public @Nullable List<String> getSelectedClaims() {
			return this.selectedClaims;
		}

		public void setSelectedClaims(@Nullable List<String> selectedClaims) {
			this.selectedClaims = selectedClaims;
		}

		public Signing getSigning() {
			return this.signing;
		}

		public Verification getVerification() {
			return this.verification;
		}

		public Propagation getPropagation() {
			return this.propagation;
		}

		/**
		 * Key this service signs snapshots with.
		 */
		public static class Signing {

			/**
			 * Signature algorithm: HS256 or Ed25519.
			 */
			private String algorithm = "HS256";

			/**
			 * Id of the signing key, written into every snapshot; must also name a
			 * verification key.
			 */
			private @Nullable String keyId;

			/**
			 * HS256 shared secret, base64 or base64url, at least 32 decoded bytes.
			 */
			private @Nullable String secret;

			/**
			 * Ed25519 private key, PKCS#8 PEM.
			 */
			private @Nullable String privateKey;

			public String getAlgorithm() {
				return this.algorithm;
			}

			public void setAlgorithm(String algorithm) {
				this.algorithm = algorithm;
			}

			public @Nullable String getKeyId() {
				return this.keyId;
			}

			public void setKeyId(@Nullable String keyId) {
				this.keyId = keyId;
			}

			public @Nullable String getSecret() {
				return this.secret;
			}

			public void setSecret(@Nullable String secret) {
				this.secret = secret;
			}

			public @Nullable String getPrivateKey() {
				return this.privateKey;
			}

			public void setPrivateKey(@Nullable String privateKey) {
				this.privateKey = privateKey;
			}

			@Override
			public String toString() {
				return "Signing[algorithm=" + this.algorithm + ", keyId=" + this.keyId + ", secret=" + mask(this.secret)
						+ ", privateKey=" + mask(this.privateKey) + "]";
			}

		}

		/**
		 * Keys and issuers this service accepts snapshots from.
		 */
		public static class Verification {

			/**
			 * Verification keys by key id. Keep a rotated-out key here until its
			 * snapshots have expired.
			 */
			private Map<String, VerificationKey> keys = new LinkedHashMap<>();

			/**
			 * Issuers accepted in snapshots. Any issuer when empty.
			 */
			private List<String> trustedIssuers = new ArrayList<>();

			/**
			 * How many Ed25519-verified envelopes are remembered until they expire; 0
			 * disables the cache.
			 */
			private int cacheSize = 1000;

			/**
			 * Audiences this service accepts on HTTP: the "aud" of an inbound snapshot
			 * must be one of them. Defaults to this service's service-id.
			 */
			private List<String> audiences = new ArrayList<>();

			/**
			 * Whether a snapshot without "aud" is refused. Turn off only for peers that
			 * cannot send one yet; a present but wrong "aud" is refused either way.
			 */
			private boolean requireAudience = true;

			public List<String> getAudiences() {
				return this.audiences;
			}

			public void setAudiences(List<String> audiences) {
				this.audiences = audiences;
			}

			public boolean isRequireAudience() {
				return this.requireAudience;
			}

			public void setRequireAudience(boolean requireAudience) {
				this.requireAudience = requireAudience;
			}

			public Map<String, VerificationKey> getKeys() {
				return this.keys;
			}

			public void setKeys(Map<String, VerificationKey> keys) {
				this.keys = keys;
			}

			public List<String> getTrustedIssuers() {
				return this.trustedIssuers;
			}

			public void setTrustedIssuers(List<String> trustedIssuers) {
				this.trustedIssuers = trustedIssuers;
			}

			public int getCacheSize() {
				return this.cacheSize;
			}

			public void setCacheSize(int cacheSize) {
				this.cacheSize = cacheSize;
			}

		}

		/**
		 * One key snapshots may be verified with.
		 */
		public static class VerificationKey {

			/**
			 * The only algorithm accepted with this key: HS256 or Ed25519.
			 */
			private String algorithm = "HS256";

			/**
			 * HS256 shared secret, base64 or base64url, at least 32 decoded bytes.
			 */
			private @Nullable String secret;

			/**
			 * Ed25519 public key, X.509 PEM.
			 */
			private @Nullable String publicKey;

			/**
			 * Instant (ISO-8601) after which envelopes naming this key are refused, to
			 * retire a rotated-out key on schedule; unset for no limit.
			 */
			private @Nullable Instant notAfter;

			/**
			 * Services allowed to sign with this key: the last entry of a snapshot's
			 * delegation chain must be one of them. Any signer when empty.
			 */
			private List<String> serviceIds = new ArrayList<>();

			public List<String> getServiceIds() {
				return this.serviceIds;
			}

			public void setServiceIds(List<String> serviceIds) {
				this.serviceIds = serviceIds;
			}

			public String getAlgorithm() {
				return this.algorithm;
			}

			public void setAlgorithm(String algorithm) {
				this.algorithm = algorithm;
			}

			public @Nullable String getSecret() {
				return this.secret;
			}

			public void setSecret(@Nullable String secret) {
				this.secret = secret;
			}

			public @Nullable String getPublicKey() {
				return this.publicKey;
			}

			public void setPublicKey(@Nullable String publicKey) {
				this.publicKey = publicKey;
			}

			public @Nullable Instant getNotAfter() {
				return this.notAfter;
			}

			public void setNotAfter(@Nullable Instant notAfter) {
				this.notAfter = notAfter;
			}

			@Override
			public String toString() {
				return "VerificationKey[algorithm=" + this.algorithm + ", secret=" + mask(this.secret) + ", publicKey="
						+ ((this.publicKey != null) ? "(set)" : null) + ", notAfter=" + this.notAfter + ", serviceIds="
						+ this.serviceIds + "]";
			}

		}

		private static @Nullable String mask(@Nullable String secret) {
			return (secret != null) ? "******" : null;
		}

		/**
		 * Propagation of snapshots on outgoing and incoming calls.
		 */
		public static class Propagation {

			/**
			 * Whether to propagate signed AuthContext snapshots; requires one
			 * SnapshotSigner and one SnapshotVerifier.
			 */
			private boolean enabled;

			/**
			 * HTTP header that carries the snapshot.
			 */
			private String header = "X-Auth-Context-Snapshot";

			/**
			 * Message header that carries the snapshot.
			 */
			private String messageHeader = "gatehouse.auth.context_snapshot";

			/**
			 * Whether a snapshot on an incoming request is verified and used as the
			 * caller's context.
			 */
			private boolean acceptInbound = true;

			/**
			 * Whether incoming messages without a snapshot are rejected.
			 */
			private boolean requireInboundMessages;

			/**
			 * Services outgoing HTTP requests carry the snapshot to; a request to any
			 * other URL carries none. Without targets (and no outbound registration of
			 * type snapshot) HTTP propagation is off.
			 */
			private List<Target> targets = new ArrayList<>();

			public List<Target> getTargets() {
				return this.targets;
			}

			public void setTargets(List<Target> targets) {
				this.targets = targets;
			}

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

			public String getHeader() {
				return this.header;
			}

			public void setHeader(String header) {
				this.header = header;
			}

			public String getMessageHeader() {
				return this.messageHeader;
			}

			public void setMessageHeader(String messageHeader) {
				this.messageHeader = messageHeader;
			}

			public boolean isAcceptInbound() {
				return this.acceptInbound;
			}

			public void setAcceptInbound(boolean acceptInbound) {
				this.acceptInbound = acceptInbound;
			}

			public boolean isRequireInboundMessages() {
				return this.requireInboundMessages;
			}

			public void setRequireInboundMessages(boolean requireInboundMessages) {
				this.requireInboundMessages = requireInboundMessages;
			}

			/**
			 * One service that may receive the snapshot over HTTP.
			 */
			public static class Target {

				/**
				 * Base URL of the service: same scheme, host and port, and a request path
				 * at or below this path.
				 */
				private @Nullable String url;

				/**
				 * The service's id, written into the snapshot as "aud"; the service
				 * accepts it as one of its verification audiences.
				 */
				private @Nullable String audience;

				public @Nullable String getUrl() {
					return this.url;
				}

				public void setUrl(@Nullable String url) {
					this.url = url;
				}

				public @Nullable String getAudience() {
					return this.audience;
				}

				public void setAudience(@Nullable String audience) {
					this.audience = audience;
				}

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

	/**
	 * Micrometer observations of authentication and authorization.
	 */
	private final Observation observation = new Observation();

	/**
	 * Audit events of decisions.
	 */
	private final Audit audit = new Audit();

	public Observation getObservation() {
		return this.observation;
	}

	public Audit getAudit() {
		return this.audit;
	}

	/**
	 * Micrometer observations of authentication and authorization.
	 */
	public static class Observation {

		/**
		 * Whether to observe each authentication and authorization when an
		 * ObservationRegistry bean exists.
		 */
		private boolean enabled = true;

		/**
		 * How enforced method boundaries are recorded: metrics (a timer per outcome),
		 * observation (an Observation per call, for tracing each check) or off.
		 */
		private AuthorizationRecording authorization = AuthorizationRecording.METRICS;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public AuthorizationRecording getAuthorization() {
			return this.authorization;
		}

		public void setAuthorization(AuthorizationRecording authorization) {
			this.authorization = authorization;
		}

		/**
		 * How enforced method boundaries are recorded.
		 */
		public enum AuthorizationRecording {

			/** The MeterRegistry's gatehouse.authorization timer, one per outcome. */
			METRICS,

			/** A gatehouse.authorization Observation per call, for tracing each check. */
			OBSERVATION,

			/** Nothing is recorded for method boundaries. */
			OFF

		}

	}

	/**
	 * Audit events of decisions.
	 */
	public static class Audit {

		/**
		 * Whether to publish an audit event for allowed decisions too, not only for
		 * refusals.
		 */
		private boolean allowed;

		public boolean isAllowed() {
			return this.allowed;
		}

		public void setAllowed(boolean allowed) {
			this.allowed = allowed;
		}

	}

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

	/**
	 * The opt-in decision cache (needs Caffeine on the classpath).
	 */
	public static class Cache {

		/**
		 * Whether permission, relation and policy decisions are cached per caller
		 * identity.
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
