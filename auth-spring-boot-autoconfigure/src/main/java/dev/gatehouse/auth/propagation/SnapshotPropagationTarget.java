package dev.gatehouse.auth.propagation;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * One service that outgoing HTTP requests may carry the caller's snapshot to: a base URL
 * (scheme, host, port and an optional path) and the service's audience, which the
 * snapshot is signed for. A request matches when its scheme, host and port are the
 * target's and its path is the target's path or below it, compared on whole path segments
 * ({@code /audit} matches {@code /audit} and {@code /audit/x}, never {@code /auditor}); a
 * request whose path below the base climbs out of it ({@code ..}, {@code .} or their
 * percent-encoded forms, an encoded {@code /} or {@code \}) does not match. Parsed once
 * from configuration; {@link #matches} reads the request URI's parsed parts and allocates
 * nothing.
 *
 * @param scheme {@code http} or {@code https}, lower case
 * @param host the host, lower case
 * @param port the port, the scheme's default when the URL names none
 * @param path the base path without a trailing {@code /}; empty for the whole host
 * @param audience the target service's id, the {@code aud} its snapshots carry
 */
public record SnapshotPropagationTarget(String scheme, String host, int port, String path, String audience) {

	public SnapshotPropagationTarget {
		Objects.requireNonNull(scheme, "scheme must not be null");
		Objects.requireNonNull(host, "host must not be null");
		Objects.requireNonNull(path, "path must not be null");
		Objects.requireNonNull(audience, "audience must not be null");
		if (audience.isBlank()) {
			throw new IllegalArgumentException("audience must not be blank");
		}
	}

	/**
	 * Parses a target from its configured base URL.
	 * @param url an absolute {@code http} or {@code https} URL with a host and no user
	 * info, query or fragment
	 * @param audience the target service's id
	 * @return the target
	 * @throws IllegalArgumentException with a message that describes what is wrong with
	 * the URL (never the URL itself) when it is unusable, or when the audience is blank
	 */
	public static SnapshotPropagationTarget of(String url, String audience) {
		Objects.requireNonNull(url, "url must not be null");
		Objects.requireNonNull(audience, "audience must not be null");
		if (audience.isBlank()) {
			throw new IllegalArgumentException("audience must not be blank");
		}
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("is not a valid URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!"http".equals(scheme) && !"https".equals(scheme)) {
			throw new IllegalArgumentException("is not an absolute http or https URL");
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("names no host (or one that is not a valid host name)");
		}
		if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException("has user info, a query or a fragment; a base URL has none");
		}
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		if (path.indexOf('%') >= 0 || path.indexOf(';') >= 0 || path.indexOf('\\') >= 0 || !climbsNowhere(path, 0)) {
			throw new IllegalArgumentException("has a path with '.' or '..' segments, ';', '\\\\' or '%'");
		}
		int port = (uri.getPort() != -1) ? uri.getPort() : defaultPort(scheme);
		return new SnapshotPropagationTarget(scheme, uri.getHost().toLowerCase(Locale.ROOT), port, path, audience);
	}

	/**
	 * Returns whether a request to the given URI may carry the snapshot for this target.
	 * @param uri the request's URI, absolute
	 * @return whether scheme, host, port and path match
	 */
	public boolean matches(URI uri) {
		if (!this.scheme.equalsIgnoreCase(uri.getScheme()) || !this.host.equalsIgnoreCase(uri.getHost())) {
			return false;
		}
		int requestPort = (uri.getPort() != -1) ? uri.getPort() : defaultPort(this.scheme);
		if (requestPort != this.port) {
			return false;
		}
		if (this.path.isEmpty()) {
			return true;
		}
		String requestPath = uri.getRawPath();
		if (requestPath == null || !requestPath.startsWith(this.path)) {
			return false;
		}
		int end = this.path.length();
		return (requestPath.length() == end || requestPath.charAt(end) == '/') && climbsNowhere(requestPath, end);
	}

	/**
	 * Whether the path from {@code start} on has no segment that could leave the base
	 * path once a server normalises it: {@code .} or {@code ..} (also before a {@code ;}
	 * parameter), and no percent-encoded {@code .}, {@code /} or {@code \}.
	 */
	private static boolean climbsNowhere(String path, int start) {
		int length = path.length();
		int segmentStart = start;
		for (int i = start; i <= length; i++) {
			char c = (i < length) ? path.charAt(i) : '/';
			if (c == '%' && i + 2 < length) {
				char high = path.charAt(i + 1);
				char low = Character.toLowerCase(path.charAt(i + 2));
				if ((high == '2' && (low == 'e' || low == 'f')) || (high == '5' && low == 'c')) {
					return false;
				}
			}
			if (c == '\\') {
				return false;
			}
			if (c == '/') {
				if (isDotSegment(path, segmentStart, i)) {
					return false;
				}
				segmentStart = i + 1;
			}
		}
		return true;
	}

	private static boolean isDotSegment(String path, int start, int end) {
		int parameters = path.indexOf(';', start);
		int segmentEnd = (parameters >= 0 && parameters < end) ? parameters : end;
		int length = segmentEnd - start;
		return (length == 1 && path.charAt(start) == '.')
				|| (length == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.');
	}

	private static int defaultPort(String scheme) {
		return "https".equalsIgnoreCase(scheme) ? 443 : 80;
	}

	@Override
	public String toString() {
		return this.scheme + "://" + this.host + ":" + this.port + this.path + " (audience " + this.audience + ")";
	}

}
