package dev.gatehouse.auth.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.spi.Authenticator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter authenticates a request once, however often the request passes it, also once
 * the container has initialised it under its registered name (the "already filtered"
 * marker is built once per name, not per request).
 */
class AuthContextFilterOncePerRequestTests {

	private static final AuthContext ALICE = AuthContext.builder("alice").roles("USER").build();

	private final AtomicInteger authentications = new AtomicInteger();

	private final Authenticator authenticator = (credential, invocation) -> {
		this.authentications.incrementAndGet();
		return ALICE.toBuilder().credentialCarrier(credential).build();
	};

	private final AuthContextFilter filter = new AuthContextFilter(() -> this.authenticator,
			new CredentialCarrierExtractor("X-API-Key"), new HttpInvocationResolver(new StaticListableBeanFactory()));

	@Test
	void authenticatesOnceWhenTheRequestPassesTheFilterTwice() throws Exception {
		MockHttpServletRequest request = request();
		List<Optional<AuthContext>> seen = new ArrayList<>();
		this.filter.doFilter(request, new MockHttpServletResponse(), (outerRequest, outerResponse) -> this.filter
			.doFilter(outerRequest, outerResponse, (req, res) -> seen.add(AuthContextHolder.current())));
		assertThat(this.authentications).hasValue(1);
		assertThat(seen).singleElement()
			.satisfies((context) -> assertThat(context)
				.hasValueSatisfying((bound) -> assertThat(bound.subject().id()).isEqualTo("alice")));
	}

	@Test
	void marksTheRequestUnderTheRegisteredNameOnceInitialised() throws Exception {
		// A request before init caches the marker under the class name; init must replace
		// it.
		this.filter.doFilter(request(), new MockHttpServletResponse(), (req, res) -> {
		});
		this.filter.init(new MockFilterConfig("gatehouseAuthContextFilter"));
		List<Object> markers = new ArrayList<>();
		this.filter.doFilter(request(), new MockHttpServletResponse(),
				(req, res) -> markers.add(req.getAttribute("gatehouseAuthContextFilter.FILTERED")));
		assertThat(markers).containsExactly(Boolean.TRUE);
	}

	@Test
	void authenticatesEveryNewRequest() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.filter.doFilter(request(), new MockHttpServletResponse(), (req, res) -> {
			});
		}
		assertThat(this.authentications).hasValue(3);
	}

	private static MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/things/1");
		request.addHeader("X-API-Key", "good");
		return request;
	}

}
