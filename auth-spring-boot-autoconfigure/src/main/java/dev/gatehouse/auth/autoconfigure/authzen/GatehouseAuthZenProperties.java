package dev.gatehouse.auth.autoconfigure.authzen;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.gatehouse.auth.authzen.AuthZenProfile;
import dev.gatehouse.auth.spi.AuthCapability;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the AuthZEN adapter, under {@code gatehouse.authzen.*}:
 * where the policy decision point is, which ports it backs and how gently it is treated
 * when it fails.
 */
@ConfigurationProperties("gatehouse.authzen")
public class GatehouseAuthZenProperties {

	/**
	 * Base URL of the policy decision point, for example http://localhost:3592; setting
	 * it enables the adapter.
	 */
	private @Nullable URI baseUrl;

	/**
	 * Whether the endpoints come from the decision point's
	 * /.well-known/authzen-configuration document (they must be on the base URL's origin)
	 * instead of base-url + /access/v1/evaluation(s).
	 */
	private boolean discovery;

	/**
	 * What the requests carry beyond standard AuthZEN: 'cerbos' also sends the caller's
	 * roles as subject.properties["cerbos.roles"].
	 */
	private AuthZenProfile profile = AuthZenProfile.STANDARD;

	/**
	 * Which ports the decision point backs: any of RELATION_CHECK, POLICY_EVALUATION and
	 * PERMISSION_CHECK.
	 */
	private Set<AuthCapability> provides = EnumSet.of(AuthCapability.RELATION_CHECK, AuthCapability.POLICY_EVALUATION);

	/**
	 * The subject type sent for every caller.
	 */
	private String subjectType = "user";

	/**
	 * Names of the caller's claims sent as subject properties, besides roles, scopes,
	 * tenant and issuer.
	 */
	private List<String> claims = new ArrayList<>();

	/**
	 * Connect and read timeout of each request to the decision point.
	 */
	private Duration timeout = Duration.ofSeconds(1);

	/**
	 * Headers sent with every request to the decision point, for example an Authorization
	 * header; secrets, masked everywhere.
	 */
	private Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Consecutive failed requests after which calls fail fast without contacting the
	 * decision point.
	 */
	private int failureThreshold = 5;

	/**
	 * How long calls fail fast once the failure threshold is reached, before one trial
	 * request.
	 */
	private Duration openInterval = Duration.ofSeconds(10);

	public @Nullable URI getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	public boolean isDiscovery() {
		return this.discovery;
	}

	public void setDiscovery(boolean discovery) {
		this.discovery = discovery;
	}

	public AuthZenProfile getProfile() {
		return this.profile;
	}

	public void setProfile(AuthZenProfile profile) {
		this.profile = profile;
	}

	public Set<AuthCapability> getProvides() {
		return this.provides;
	}

	public void setProvides(Set<AuthCapability> provides) {
		this.provides = provides;
	}

	public String getSubjectType() {
		return this.subjectType;
	}

	public void setSubjectType(String subjectType) {
		this.subjectType = subjectType;
	}

	public List<String> getClaims() {
		return this.claims;
	}

	public void setClaims(List<String> claims) {
		this.claims = claims;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public void setHeaders(Map<String, String> headers) {
		this.headers = headers;
	}

	public int getFailureThreshold() {
		return this.failureThreshold;
	}

	public void setFailureThreshold(int failureThreshold) {
		this.failureThreshold = failureThreshold;
	}

	public Duration getOpenInterval() {
		return this.openInterval;
	}

	public void setOpenInterval(Duration openInterval) {
		this.openInterval = openInterval;
	}

	@Override
	public String toString() {
		// Header values are the decision point's credentials: named, never shown.
		return "GatehouseAuthZenProperties[baseUrl=" + this.baseUrl + ", provides=" + this.provides + ", headers="
				+ this.headers.keySet() + "]";
	}

}
