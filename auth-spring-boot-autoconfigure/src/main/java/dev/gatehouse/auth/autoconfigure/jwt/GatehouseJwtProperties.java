package dev.gatehouse.auth.autoconfigure.jwt;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the built-in JWT bearer authenticator, under
 * {@code gatehouse.jwt.*} (needs spring-security-oauth2-jose on the classpath).
 */
@ConfigurationProperties("gatehouse.jwt")
public class GatehouseJwtProperties {

	/**
	 * Issuer URI; its OpenID discovery document names the JWK set, and the "iss" claim
	 * must match it.
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
	 * Expected "iss" claim, checked without any discovery request; also usable with the
	 * shared secret.
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
	 * Claims copied into the AuthContext when their values are JSON scalars; other values
	 * are skipped.
	 */
	private List<String> copiedClaims = new ArrayList<>(List.of("email", "preferred_username"));

	/**
	 * Whether an application JwtDecoder bean verifies the tokens (true) or the key source
	 * set here does (false); required when both exist.
	 */
	private @Nullable Boolean useDecoderBean;

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

	public @Nullable Boolean getUseDecoderBean() {
		return this.useDecoderBean;
	}

	public void setUseDecoderBean(@Nullable Boolean useDecoderBean) {
		this.useDecoderBean = useDecoderBean;
	}

	@Override
	public String toString() {
		return "Jwt[issuerUri=" + this.issuerUri + ", jwkSetUri=" + this.jwkSetUri + ", issuer=" + this.issuer
				+ ", secret=" + ((this.secret != null) ? "[REDACTED]" : "null") + "]";
	}

}
