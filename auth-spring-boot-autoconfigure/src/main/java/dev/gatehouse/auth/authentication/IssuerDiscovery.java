package dev.gatehouse.auth.authentication;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import org.jspecify.annotations.Nullable;

/**
 * Finds an issuer's JWK set URI in its OpenID Connect discovery document, or else its RFC
 * 8414 authorization server metadata, with the same timeouts as the JWK set itself. The
 * document must name the issuer exactly, as OpenID Connect Discovery requires, so a
 * document served for another issuer is not trusted. After a failed discovery the
 * identity provider is not asked again before the retry interval has passed, so that
 * tokens arriving during an outage do not each become a request to it. The
 * {@link JwkSetKeySource} of the discovered set is created once and shared by the decoder
 * and the health check. Thread-safe.
 */
final class IssuerDiscovery {

	private final String issuer;

	private final Duration timeout;

	private final Duration retryInterval;

	private final long retryIntervalNanos;

	private @Nullable URL jwkSetUrl;

	private @Nullable JwkSetKeySource keySource;

	private boolean failed;

	private long lastFailure;

	IssuerDiscovery(String issuer, Duration timeout, Duration retryInterval) {
		this.issuer = issuer;
		this.timeout = timeout;
		this.retryInterval = retryInterval;
		this.retryIntervalNanos = retryInterval.toNanos();
	}

	/**
	 * Returns the keys of the discovered JWK set, discovering it first if need be (at
	 * most once per retry interval after a failure); the set is fetched with the same
	 * timeout, refetched at most twice per retry interval.
	 * @return the key source
	 * @throws IllegalStateException when discovery fails, or failed less than the retry
	 * interval ago
	 */
	synchronized JwkSetKeySource keySource() {
		if (this.keySource == null) {
			this.keySource = new JwkSetKeySource(jwkSetUrl(), this.timeout, this.retryInterval);
		}
		return this.keySource;
	}

	/**
	 * Returns the JWK set URL, discovering it on the first call and after a failure once
	 * the retry interval has passed.
	 * @return the JWK set URL
	 * @throws IllegalStateException when discovery fails, or failed less than the retry
	 * interval ago
	 */
	synchronized URL jwkSetUrl() {
		if (this.jwkSetUrl != null) {
			return this.jwkSetUrl;
		}
		long now = System.nanoTime();
		if (this.failed && now - this.lastFailure < this.retryIntervalNanos) {
			throw new IllegalStateException("The issuer's discovery failed less than the refetch interval ago");
		}
		try {
			this.jwkSetUrl = discover(this.issuer, this.timeout);
			return this.jwkSetUrl;
		}
		catch (RuntimeException ex) {
			this.failed = true;
			this.lastFailure = now;
			throw ex;
		}
	}

	/**
	 * Fetches the metadata and returns the JWK set URI it names.
	 * @param issuer the issuer URI
	 * @param timeout the connect and read timeout
	 * @return the JWK set URL
	 * @throws IllegalStateException when no usable document can be fetched; the message
	 * names no URI
	 */
	static URL discover(String issuer, Duration timeout) {
		int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
		DefaultResourceRetriever retriever = new DefaultResourceRetriever(timeoutMillis, timeoutMillis, 512 * 1024);
		@Nullable Exception last = null;
		for (URI location : locations(issuer)) {
			try {
				Resource resource = retriever.retrieveResource(location.toURL());
				Map<String, Object> metadata = JSONObjectUtils.parse(resource.getContent());
				if (!issuer.equals(JSONObjectUtils.getString(metadata, "issuer"))) {
					throw new IllegalStateException("The issuer's metadata names a different issuer");
				}
				URI jwkSetUri = JSONObjectUtils.getURI(metadata, "jwks_uri");
				String scheme = (jwkSetUri != null) ? jwkSetUri.getScheme() : null;
				if (jwkSetUri == null || !("https".equals(scheme) || "http".equals(scheme))) {
					throw new IllegalStateException("The issuer's metadata names no http(s) jwks_uri");
				}
				return jwkSetUri.toURL();
			}
			catch (IOException | ParseException | RuntimeException ex) {
				last = ex;
			}
		}
		throw new IllegalStateException("Could not discover the issuer's JWK set URI", last);
	}

	// The locations Spring Security tries, in its order: OpenID Connect with the path
	// appended, OpenID Connect
	// with the well-known segment inserted, then RFC 8414.
	private static List<URI> locations(String issuer) {
		URI uri = URI.create(issuer);
		String path = (uri.getPath() != null) ? uri.getPath() : "";
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		String origin = uri.getScheme() + "://" + uri.getRawAuthority();
		if (trimmed.isEmpty()) {
			return List.of(URI.create(origin + "/.well-known/openid-configuration"),
					URI.create(origin + "/.well-known/oauth-authorization-server"));
		}
		return List.of(URI.create(origin + trimmed + "/.well-known/openid-configuration"),
				URI.create(origin + "/.well-known/openid-configuration" + trimmed),
				URI.create(origin + "/.well-known/oauth-authorization-server" + trimmed));
	}

}
