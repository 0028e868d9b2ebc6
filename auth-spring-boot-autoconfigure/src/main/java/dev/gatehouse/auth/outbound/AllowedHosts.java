package dev.gatehouse.auth.outbound;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The hosts an outbound registration may send its credential to: {@code host} entries
 * match that host on the default port of the request's scheme (80 for {@code http}, 443
 * for {@code https}) only, {@code host:port} entries that port only, and {@code host:*}
 * entries any port (say so explicitly: another port is often another service). Hosts
 * compare case-insensitively; IPv6 literals are written in brackets ({@code [::1]:8443}).
 * Nothing is allowed by an empty list. Immutable.
 */
public final class AllowedHosts {

	private final List<String> entries;

	private final String[] hosts;

	// DEFAULT_PORT: the default port of the request's scheme; ANY_PORT: any.
	private final int[] ports;

	private static final int DEFAULT_PORT = -1;

	private static final int ANY_PORT = -2;

	private AllowedHosts(List<String> entries, String[] hosts, int[] ports) {
		this.entries = entries;
		this.hosts = hosts;
		this.ports = ports;
	}

	/**
	 * Parses {@code host}, {@code host:port} and {@code host:*} entries.
	 * @param entries the entries
	 * @return the allowed hosts
	 * @throws IllegalArgumentException when an entry is blank, names a scheme or a path,
	 * or its port is not a number from 1 to 65535
	 */
	public static AllowedHosts of(List<String> entries) {
		Objects.requireNonNull(entries, "entries must not be null");
		List<String> normalized = new ArrayList<>(entries.size());
		String[] hosts = new String[entries.size()];
		int[] ports = new int[entries.size()];
		for (int i = 0; i < entries.size(); i++) {
			String entry = entries.get(i);
			if (entry == null || entry.isBlank()) {
				throw new IllegalArgumentException("an allowed host is blank");
			}
			String trimmed = entry.trim().toLowerCase(Locale.ROOT);
			if (trimmed.contains("/") || trimmed.contains("@") || trimmed.contains("?") || trimmed.contains("#")) {
				throw new IllegalArgumentException(
						"'" + entry.trim() + "' is not a host or host:port (no scheme, no path, IPv6 in brackets)");
			}
			int portSeparator = portSeparator(trimmed);
			String host = (portSeparator < 0) ? trimmed : trimmed.substring(0, portSeparator);
			if (host.isEmpty() || !isHost(host)) {
				throw new IllegalArgumentException(
						"'" + entry.trim() + "' is not a host or host:port (no scheme, no path, IPv6 in brackets)");
			}
			hosts[i] = host;
			ports[i] = (portSeparator < 0) ? DEFAULT_PORT : port(trimmed.substring(portSeparator + 1), entry.trim());
			normalized.add(trimmed);
		}
		return new AllowedHosts(Collections.unmodifiableList(normalized), hosts, ports);
	}

	/**
	 * Returns the one host (and port, when it names one) of a base URL, such as an HTTP
	 * service client group's.
	 * @param baseUrl an absolute {@code http} or {@code https} URL
	 * @return the allowed hosts
	 * @throws IllegalArgumentException when the URL is not absolute or names no host
	 */
	public static AllowedHosts ofBaseUrl(String baseUrl) {
		Objects.requireNonNull(baseUrl, "baseUrl must not be null");
		URI uri = URI.create(baseUrl.trim());
		String host = uri.getHost();
		if (!uri.isAbsolute() || host == null) {
			throw new IllegalArgumentException("the base URL is not absolute or names no host");
		}
		return of(List.of((uri.getPort() < 0) ? host : host + ":" + uri.getPort()));
	}

	private static int portSeparator(String entry) {
		if (entry.startsWith("[")) {
			int end = entry.indexOf(']');
			return (end > 0 && end + 1 < entry.length() && entry.charAt(end + 1) == ':') ? end + 1 : -1;
		}
		return entry.lastIndexOf(':');
	}

	private static boolean isHost(String host) {
		if (host.startsWith("[")) {
			return host.endsWith("]") && host.length() > 2
					&& host.substring(1, host.length() - 1).matches("[0-9a-f:.]+");
		}
		return host.matches("[a-z0-9._-]+");
	}

	private static int port(String port, String entry) {
		if (port.equals("*")) {
			return ANY_PORT;
		}
		try {
			int value = Integer.parseInt(port);
			if (value >= 1 && value <= 65535) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException("'" + entry + "' does not end in a port from 1 to 65535 or *");
	}

	/**
	 * Returns whether a request to this URI may carry the credential.
	 * @param uri the request's absolute URI
	 * @return whether its host and port are allowed
	 */
	public boolean allows(@Nullable URI uri) {
		if (uri == null) {
			return false;
		}
		String host = uri.getHost();
		if (host == null) {
			return false;
		}
		int port = uri.getPort();
		int defaultPort = defaultPort(uri.getScheme());
		int effectivePort = (port < 0) ? defaultPort : port;
		for (int i = 0; i < this.hosts.length; i++) {
			if (this.hosts[i].equalsIgnoreCase(host)) {
				if (this.ports[i] == ANY_PORT) {
					return true;
				}
				int allowed = (this.ports[i] == DEFAULT_PORT) ? defaultPort : this.ports[i];
				if (allowed >= 0 && allowed == effectivePort) {
					return true;
				}
			}
		}
		return false;
	}

	private static int defaultPort(@Nullable String scheme) {
		if ("https".equalsIgnoreCase(scheme)) {
			return 443;
		}
		if ("http".equalsIgnoreCase(scheme)) {
			return 80;
		}
		return -1;
	}

	/**
	 * Returns the entries as configured, lower case.
	 * @return the entries
	 */
	public List<String> entries() {
		return this.entries;
	}

	@Override
	public String toString() {
		return "AllowedHosts" + this.entries;
	}

}
