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

/**
 * Finds an issuer's JWK set URI in its OpenID Connect discovery document, or else its RFC 8414 authorization
 * server metadata, with the same timeouts as the JWK set itself. The document must name the issuer exactly, as
 * OpenID Connect Discovery requires, so a document served for another issuer is not trusted.
 */
final class IssuerDiscovery {

	private IssuerDiscovery() {
	}

	/**
	 * Fetches the metadata and returns the JWK set URI it names.
	 * @param issuer the issuer URI
	 * @param timeout the connect and read timeout
	 * @return the JWK set URL
	 * @throws IllegalStateException when no usable document can be fetched; the message names no URI
	 */
	static URL jwkSetUrl(String issuer, Duration timeout) {
		int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
		DefaultResourceRetriever retriever = new DefaultResourceRetriever(timeoutMillis, timeoutMillis, 512 * 1024);
		Exception last = null;
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

	// The locations Spring Security tries, in its order: OpenID Connect with the path appended, OpenID Connect
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
