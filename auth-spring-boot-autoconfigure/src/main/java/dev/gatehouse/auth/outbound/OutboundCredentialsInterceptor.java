package dev.gatehouse.auth.outbound;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Writes one registration's token to a request as exactly one header; on a 401 it asks
 * for a new token and, when it got a different one, sends the buffered request once more;
 * on a 403 never.
 */
final class OutboundCredentialsInterceptor implements ClientHttpRequestInterceptor {

	private final OutboundRegistration registration;

	private final @Nullable CachingOutboundTokenProvider cache;

	// The header value of the last token seen, so a cached token costs no string
	// building per request.
	private volatile @Nullable Written last;

	OutboundCredentialsInterceptor(OutboundRegistration registration) {
		this.registration = registration;
		this.cache = (registration.provider() instanceof CachingOutboundTokenProvider caching) ? caching : null;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		OutboundToken token = (this.cache != null) ? this.cache.freshOwnToken() : null;
		if (token == null) {
			token = OutboundCredentials.token(this.registration, false);
		}
		HttpHeaders headers = request.getHeaders();
		headers.set(token.headerName(), headerValue(token));
		ClientHttpResponse response = execution.execute(request, body);
		if (response.getStatusCode().value() != HttpStatus.UNAUTHORIZED.value()) {
			return response;
		}
		OutboundToken renewed;
		try {
			renewed = OutboundCredentials.token(this.registration, true);
		}
		catch (RuntimeException ex) {
			response.close();
			throw ex;
		}
		if (renewed.value().equals(token.value()) && renewed.headerName().equals(token.headerName())) {
			// Nothing new to send (a static key): resending would only repeat the 401.
			return response;
		}
		response.close();
		if (!renewed.headerName().equalsIgnoreCase(token.headerName())) {
			headers.remove(token.headerName());
		}
		headers.set(renewed.headerName(), headerValue(renewed));
		return execution.execute(request, body);
	}

	private String headerValue(OutboundToken token) {
		Written written = this.last;
		if (written != null && written.token == token) {
			return written.headerValue;
		}
		String headerValue = OutboundHeaderValue.of(token, this.registration.name());
		this.last = new Written(token, headerValue);
		return headerValue;
	}

	@Override
	public String toString() {
		return "OutboundCredentialsInterceptor[registration=" + this.registration.name() + "]";
	}

	private record Written(OutboundToken token, String headerValue) {
	}

}
