package dev.gatehouse.auth.outbound;

import java.net.http.HttpClient;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * How Gatehouse's HTTP clients follow redirects so that credentials stay with the host
 * they were meant for: a redirect to the same origin (scheme, host and port) is followed
 * with every header; a redirect to another origin is followed without the credential
 * headers ({@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}, the
 * snapshot header, every registration's {@code header-name} and whatever header an
 * outbound interceptor wrote); a redirect from {@code https} to {@code http} is not
 * followed (the 3xx response is returned); more than {@link #maxRedirects()} redirects in
 * a row fail the request. The underlying request factory must not follow redirects
 * itself: it would copy the headers to the other host, out of this policy's sight.
 * Immutable.
 */
public final class RedirectPolicy {

	/**
	 * The request attribute (a {@code Set<String>} of header names) under which an
	 * outbound interceptor records the credential headers it wrote, so a redirect to
	 * another origin drops them too.
	 */
	public static final String CREDENTIAL_HEADERS_ATTRIBUTE = RedirectPolicy.class.getName() + ".credentialHeaders";

	private final Set<String> sensitiveHeaders;

	private final int maxRedirects;

	/**
	 * Creates the policy.
	 * @param sensitiveHeaders header names never sent to another origin, besides
	 * {@code Authorization}, {@code Proxy-Authorization} and {@code Cookie}
	 * (case-insensitive)
	 * @param maxRedirects how many redirects in a row are followed, at least 0
	 */
	public RedirectPolicy(Collection<String> sensitiveHeaders, int maxRedirects) {
		Objects.requireNonNull(sensitiveHeaders, "sensitiveHeaders must not be null");
		if (maxRedirects < 0) {
			throw new IllegalArgumentException("maxRedirects must not be negative");
		}
		Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		names.add(HttpHeaders.AUTHORIZATION);
		names.add(HttpHeaders.PROXY_AUTHORIZATION);
		names.add(HttpHeaders.COOKIE);
		for (String name : sensitiveHeaders) {
			if (name != null && !name.isBlank()) {
				names.add(name.trim());
			}
		}
		this.sensitiveHeaders = Collections.unmodifiableSet(names);
		this.maxRedirects = maxRedirects;
	}

	/**
	 * Wraps a request factory that does not follow redirects, so that this policy follows
	 * them.
	 * @param notFollowingRedirects the factory; it must be configured not to follow
	 * redirects (for example Boot's {@code HttpRedirects.DONT_FOLLOW})
	 * @return the factory to give a {@code RestClient} or {@code RestTemplate}
	 */
	public ClientHttpRequestFactory wrap(ClientHttpRequestFactory notFollowingRedirects) {
		return new RedirectSafeClientHttpRequestFactory(notFollowingRedirects, this);
	}

	/**
	 * Returns a request factory on the JDK's {@link HttpClient}, redirects followed by
	 * this policy: for a {@code RestClient} built with {@code RestClient.builder()}
	 * rather than Boot's builder.
	 * @return a new factory
	 */
	public ClientHttpRequestFactory requestFactory() {
		return wrap(new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()));
	}

	/**
	 * Returns whether a header is never sent to another origin.
	 * @param name the header name
	 * @return whether it is a credential header
	 */
	public boolean isSensitive(String name) {
		return this.sensitiveHeaders.contains(name);
	}

	/**
	 * Returns the header names never sent to another origin (besides those an outbound
	 * interceptor records per request).
	 * @return the names, case-insensitive
	 */
	public Set<String> sensitiveHeaders() {
		return this.sensitiveHeaders;
	}

	/**
	 * Returns how many redirects in a row are followed.
	 * @return the limit
	 */
	public int maxRedirects() {
		return this.maxRedirects;
	}

	@Override
	public String toString() {
		return "RedirectPolicy[sensitiveHeaders=" + this.sensitiveHeaders.toString().toLowerCase(Locale.ROOT)
				+ ", maxRedirects=" + this.maxRedirects + "]";
	}

}
