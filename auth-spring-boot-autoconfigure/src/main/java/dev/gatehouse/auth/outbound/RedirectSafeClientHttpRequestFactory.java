package dev.gatehouse.auth.outbound;

import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.http.client.AbstractBufferingClientHttpRequest;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;

/**
 * Follows redirects itself, as its {@link RedirectPolicy} says, over a factory that does
 * not: only here can a redirect to another host be seen and its credential headers
 * dropped. The request body is buffered, so a 307 or 308 can send it again.
 */
final class RedirectSafeClientHttpRequestFactory implements ClientHttpRequestFactory {

	private final ClientHttpRequestFactory delegate;

	private final RedirectPolicy policy;

	RedirectSafeClientHttpRequestFactory(ClientHttpRequestFactory delegate, RedirectPolicy policy) {
		this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
		this.policy = Objects.requireNonNull(policy, "policy must not be null");
	}

	@Override
	public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) {
		return new RedirectFollowingRequest(uri, httpMethod);
	}

	@Override
	public String toString() {
		return "RedirectSafeClientHttpRequestFactory[" + this.delegate.getClass().getSimpleName() + "]";
	}

	static boolean sameOrigin(URI from, URI to) {
		String fromHost = from.getHost();
		return fromHost != null && fromHost.equalsIgnoreCase(to.getHost())
				&& String.valueOf(from.getScheme()).equalsIgnoreCase(to.getScheme()) && port(from) == port(to);
	}

	private static int port(URI uri) {
		if (uri.getPort() >= 0) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static boolean isRedirect(int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

	private final class RedirectFollowingRequest extends AbstractBufferingClientHttpRequest {

		private final URI uri;

		private final HttpMethod method;

		RedirectFollowingRequest(URI uri, HttpMethod method) {
			this.uri = uri;
			this.method = method;
		}

		@Override
		public HttpMethod getMethod() {
			return this.method;
		}

		@Override
		public URI getURI() {
			return this.uri;
		}

		@Override
		protected ClientHttpResponse executeInternal(HttpHeaders headers, byte[] bufferedOutput) throws IOException {
			URI current = this.uri;
			HttpMethod method = this.method;
			HttpHeaders sent = headers;
			byte[] body = bufferedOutput;
			for (int redirects = 0;; redirects++) {
				ClientHttpResponse response = send(current, method, sent, body);
				int status = response.getStatusCode().value();
				URI next = isRedirect(status) ? location(current, response) : null;
				if (next == null || isDowngrade(current, next)) {
					// Not a redirect, or one this policy does not follow: the caller sees
					// the 3xx as it came.
					return response;
				}
				response.close();
				if (redirects >= RedirectSafeClientHttpRequestFactory.this.policy.maxRedirects()) {
					throw new IOException("Stopped after " + redirects + " redirects of " + this.method + " "
							+ this.uri.getHost() + "; more are not followed (gatehouse.outbound.max-redirects).");
				}
				if (status == 303 || ((status == 301 || status == 302) && method == HttpMethod.POST)) {
					if (method != HttpMethod.HEAD) {
						method = HttpMethod.GET;
					}
					body = new byte[0];
					sent = copy(sent);
					sent.remove(HttpHeaders.CONTENT_TYPE);
					sent.remove(HttpHeaders.CONTENT_LENGTH);
				}
				if (!sameOrigin(current, next)) {
					sent = withoutCredentials(sent);
				}
				current = next;
			}
		}

		private ClientHttpResponse send(URI uri, HttpMethod method, HttpHeaders headers, byte[] body)
				throws IOException {
			ClientHttpRequest request = RedirectSafeClientHttpRequestFactory.this.delegate.createRequest(uri, method);
			request.getHeaders().putAll(headers);
			request.getAttributes().putAll(getAttributes());
			if (body.length > 0) {
				if (request instanceof StreamingHttpOutputMessage streaming) {
					streaming.setBody(body);
				}
				else {
					StreamUtils.copy(body, request.getBody());
				}
			}
			return request.execute();
		}

		private @Nullable URI location(URI current, ClientHttpResponse response) {
			String location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
			if (location == null || location.isBlank()) {
				return null;
			}
			try {
				URI next = current.resolve(location.trim());
				String scheme = next.getScheme();
				boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
				return (http && next.getHost() != null) ? next : null;
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

		private static boolean isDowngrade(URI from, URI to) {
			return "https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(to.getScheme());
		}

		private HttpHeaders withoutCredentials(HttpHeaders headers) {
			RedirectPolicy policy = RedirectSafeClientHttpRequestFactory.this.policy;
			HttpHeaders stripped = new HttpHeaders();
			Object recorded = getAttributes().get(RedirectPolicy.CREDENTIAL_HEADERS_ATTRIBUTE);
			for (Map.Entry<String, List<String>> header : headers.headerSet()) {
				String name = header.getKey();
				if (!policy.isSensitive(name) && !recorded(recorded, name)) {
					stripped.addAll(name, header.getValue());
				}
			}
			return stripped;
		}

		private static boolean recorded(@Nullable Object recorded, String name) {
			if (recorded instanceof Collection<?> names) {
				for (Object candidate : names) {
					if (candidate instanceof String header && header.equalsIgnoreCase(name)) {
						return true;
					}
				}
			}
			return false;
		}

		private static HttpHeaders copy(HttpHeaders headers) {
			HttpHeaders copy = new HttpHeaders();
			copy.putAll(headers);
			return copy;
		}

	}

}
