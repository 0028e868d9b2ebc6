package dev.gatehouse.auth.autoconfigure.outbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outbound credentials ({@code gatehouse.outbound.*}): the tokens this service sends to
 * the services it calls.
 */
@ConfigurationProperties("gatehouse.outbound")
public class GatehouseOutboundProperties {

	/**
	 * How long before a cached token expires it is replaced.
	 */
	private Duration refreshSkew = Duration.ofSeconds(60);

	/**
	 * How long a registration whose token request failed is not asked again.
	 */
	private Duration retryBackoff = Duration.ofSeconds(5);

	/**
	 * Connect and read timeout of requests to token endpoints.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * How many redirects in a row Gatehouse-guarded HTTP clients follow; a redirect to
	 * another host never carries a credential header.
	 */
	private int maxRedirects = 5;

	/**
	 * Outbound registrations by name.
	 */
	private Map<String, Registration> registrations = new LinkedHashMap<>();

	public Duration getRefreshSkew() {
		return this.refreshSkew;
	}

	public void setRefreshSkew(Duration refreshSkew) {
		this.refreshSkew = refreshSkew;
	}

	public Duration getRetryBackoff() {
		return this.retryBackoff;
	}

	public void setRetryBackoff(Duration retryBackoff) {
		this.retryBackoff = retryBackoff;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getMaxRedirects() {
		return this.maxRedirects;
	}

	public void setMaxRedirects(int maxRedirects) {
		this.maxRedirects = maxRedirects;
	}

	public Map<String, Registration> getRegistrations() {
		return this.registrations;
	}

	public void setRegistrations(Map<String, Registration> registrations) {
		this.registrations = registrations;
	}

	/**
	 * One outbound registration.
	 */
	public static class Registration {

		/**
		 * Type: static, client-credentials, token-exchange, snapshot or bean.
		 */
		private @Nullable String type;

		/**
		 * Token or API key sent by a static registration.
		 */
		private @Nullable String token;

		/**
		 * Header a static registration writes.
		 */
		private String headerName = "Authorization";

		/**
		 * Scheme a static registration writes before its token; empty for a bare API-key
		 * header.
		 */
		private String scheme = "Bearer";

		/**
		 * Token endpoint of the authorization server.
		 */
		private @Nullable String tokenUri;

		/**
		 * OAuth 2.0 client id.
		 */
		private @Nullable String clientId;

		/**
		 * OAuth 2.0 client secret.
		 */
		private @Nullable String clientSecret;

		/**
		 * Scopes to request.
		 */
		private List<String> scopes = new ArrayList<>();

		/**
		 * Audience parameter sent with the token request; for a snapshot registration,
		 * the called service's id that every envelope is signed for (required).
		 */
		private @Nullable String audience;

		/**
		 * How the client authenticates at the token endpoint: client_secret_basic or
		 * client_secret_post.
		 */
		private String clientAuthentication = "client_secret_basic";

		/**
		 * Name of the application's OutboundTokenProvider bean, for a bean registration.
		 */
		private @Nullable String beanName;

		/**
		 * Whether a bean registration's tokens are per caller (cached by issuer, subject
		 * and tenant) rather than this service's own.
		 */
		private boolean onBehalfOf;

		/**
		 * Hosts the credential may be sent to, each host (its scheme's default port
		 * only), host:port or host:* (any port); a request to any other host fails.
		 * Required unless the HTTP service client group of the same name has a base URL.
		 */
		private List<String> allowedHosts = new ArrayList<>();

		public @Nullable String getType() {
			return this.type;
		}

		public void setType(@Nullable String type) {
			this.type = type;
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public String getHeaderName() {
			return this.headerName;
		}

		public void setHeaderName(String headerName) {
			this.headerName = headerName;
		}

		public String getScheme() {
			return this.scheme;
		}

		public void setScheme(String scheme) {
			this.scheme = scheme;
		}

		public @Nullable String getTokenUri() {
			return this.tokenUri;
		}

		public void setTokenUri(@Nullable String tokenUri) {
			this.tokenUri = tokenUri;
		}

		public @Nullable String getClientId() {
			return this.clientId;
		}

		public void setClientId(@Nullable String clientId) {
			this.clientId = clientId;
		}

		public @Nullable String getClientSecret() {
			return this.clientSecret;
		}

		public void setClientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
		}

		public List<String> getScopes() {
			return this.scopes;
		}

		public void setScopes(List<String> scopes) {
			this.scopes = scopes;
		}

		public @Nullable String getAudience() {
			return this.audience;
		}

		public void setAudience(@Nullable String audience) {
			this.audience = audience;
		}

		public String getClientAuthentication() {
			return this.clientAuthentication;
		}

		public void setClientAuthentication(String clientAuthentication) {
			this.clientAuthentication = clientAuthentication;
		}

		public @Nullable String getBeanName() {
			return this.beanName;
		}

		public void setBeanName(@Nullable String beanName) {
			this.beanName = beanName;
		}

		public boolean isOnBehalfOf() {
			return this.onBehalfOf;
		}

		public void setOnBehalfOf(boolean onBehalfOf) {
			this.onBehalfOf = onBehalfOf;
		}

		public List<String> getAllowedHosts() {
			return this.allowedHosts;
		}

		public void setAllowedHosts(List<String> allowedHosts) {
			this.allowedHosts = allowedHosts;
		}

	}

}
