package dev.gatehouse.auth.outbound;

import java.io.IOException;
import java.util.Set;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Writes one registration's token to a request as exactly one header, only when the
 * request is addressed to one of the registration's allowed hosts (any other request
 * fails without being sent); on a 401 it asks for a new token and, when it got a
 * different one, sends the buffered request once more; on a 403 never. A token the
 * downstream still refused after that refresh is not refreshed again on its next 401
 * within the registration's retry back-off. The header's name is recorded in the
 * request's attributes ({@link RedirectPolicy#CREDENTIAL_HEADERS_ATTRIBUTE}) so a
 * redirect to another host does not carry it.
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
		if (!this.registration.allowedHosts().allows(request.getURI())) {
			// Fails loudly rather than sending the request without the credential: a
			// request to another host on a client built for this registration is a
			// mistake or an attacker-chosen URL, and should be seen.
			throw new OutboundCredentialUnavailableException("Outbound registration '" + this.registration.name()
					+ "' may not send its credential to " + hostAndPort(request) + "; the request was not sent. Add "
					+ "the host to gatehouse.outbound.registrations." + this.registration.name()
					+ ".allowed-hosts if it is meant to receive it.", null);
		}
		OutboundToken token = (this.cache != null) ? this.cache.freshOwnToken() : null;
		if (token == null) {
			token = OutboundCredentials.token(this.registration, false);
		}
		HttpHeaders headers = request.getHeaders();
		Written written = written(token);
		headers.set(token.headerName(), written.headerValue);
		request.getAttributes().put(RedirectPolicy.CREDENTIAL_HEADERS_ATTRIBUTE, written.headerNames);
		ClientHttpResponse response = execution.execute(request, body);
		if (response.getStatusCode().value() != HttpStatus.UNAUTHORIZED.value()) {
			return response;
		}
		AuthContext caller = this.registration.onBehalfOf() ? AuthContextHolder.current().orElse(null) : null;
		if (this.cache != null && this.cache.recentlyRefusedAfterRefresh(caller, token)) {
			// Refused even right after a refresh: another token would only be refused
			// too.
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
			request.getAttributes()
				.put(RedirectPolicy.CREDENTIAL_HEADERS_ATTRIBUTE, Set.of(token.headerName(), renewed.headerName()));
		}
		headers.set(renewed.headerName(), written(renewed).headerValue);
		ClientHttpResponse retried = execution.execute(request, body);
		if (this.cache != null && retried.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
			this.cache.refusedAfterRefresh(caller, renewed);
		}
		return retried;
	}

	private static String hostAndPort(HttpRequest request) {
		String host = request.getURI().getHost();
		int port = request.getURI().getPort();
		if (host == null) {
			return "a URI without a host";
		}
		return (port < 0) ? host : host + ":" + port;
	}

	private Written written(OutboundToken token) {
		Written written = this.last;
		if (written != null && written.token == token) {
			return written;
		}
		written = new Written(token, OutboundHeaderValue.of(token, this.registration.name()),
				Set.of(token.headerName()));
		this.last = written;
		return written;
	}

	@Override
	public String toString() {
		return "OutboundCredentialsInterceptor[registration=" + this.registration.name() + "]";
	}

	private record Written(OutboundToken token, String headerValue, Set<String> headerNames) {
	}

}
