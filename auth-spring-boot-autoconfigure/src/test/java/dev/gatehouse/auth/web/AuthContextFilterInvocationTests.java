package dev.gatehouse.auth.web;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.auth.authentication.CompositeAuthenticator;
import dev.gatehouse.auth.authentication.CredentialAuthenticator;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.Authenticator;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter describes the call with the handler's path pattern for authenticators that
 * read the invocation, and spares the second handler-mapping lookup for built-in handlers
 * that ignore it.
 */
class AuthContextFilterInvocationTests {

	private final AtomicInteger handlerLookups = new AtomicInteger();

	private final AtomicReference<AuthInvocation> seen = new AtomicReference<>();

	private final HttpInvocationResolver invocationResolver = new HttpInvocationResolver(mappings());

	@Test
	void applicationAuthenticatorGetsThePathPattern() throws Exception {
		Authenticator authenticator = (credential, invocation) -> record(invocation);
		filter(authenticator).doFilter(request(), new MockHttpServletResponse(), (req, res) -> {
		});
		assertThat(this.seen.get().operation()).isEqualTo("GET /documents/{id}");
		assertThat(this.handlerLookups).hasValue(1);
	}

	@Test
	void builtInHandlerThatReadsTheInvocationGetsThePathPattern() throws Exception {
		CompositeAuthenticator composite = new CompositeAuthenticator(List.of(handler(true)));
		filter(composite).doFilter(request(), new MockHttpServletResponse(), (req, res) -> {
		});
		assertThat(this.seen.get().operation()).isEqualTo("GET /documents/{id}");
		assertThat(this.handlerLookups).hasValue(1);
	}

	@Test
	void builtInHandlerThatIgnoresTheInvocationIsSparedDescribingTheRequest() throws Exception {
		CompositeAuthenticator composite = new CompositeAuthenticator(List.of(handler(false)));
		AuthContextFilter filter = filter(composite);
		filter.doFilter(request(), new MockHttpServletResponse(), (req, res) -> {
		});
		AuthInvocation first = this.seen.get();
		filter.doFilter(request(), new MockHttpServletResponse(), (req, res) -> {
		});
		assertThat(first.boundary()).isEqualTo("HTTP");
		assertThat(first.operation()).doesNotContain("/documents");
		assertThat(this.seen.get()).isSameAs(first);
		assertThat(this.handlerLookups).hasValue(0);
	}

	@Test
	void observedRequestIsDescribedByItsPathWithoutTheHandlerLookup() throws Exception {
		CompositeAuthenticator composite = new CompositeAuthenticator(List.of(handler(false)));
		TestObservationRegistry registry = TestObservationRegistry.create();
		AuthContextFilter filter = filter(composite);
		filter.setObservationRegistry(registry, null);
		filter.doFilter(request(), new MockHttpServletResponse(), (req, res) -> {
		});
		assertThat(this.seen.get().operation()).isEqualTo("GET /documents/42");
		assertThat(this.handlerLookups).hasValue(0);
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo("gatehouse.authentication")
			.that()
			.hasHighCardinalityKeyValue("gatehouse.boundary", "GET /documents/42");
	}

	@Test
	void compositeReportsWhetherTheHandlerForAKindReadsTheInvocation() {
		CompositeAuthenticator composite = new CompositeAuthenticator(List.of(handler(false)));
		assertThat(composite.readsInvocation(CredentialCarrierKind.API_KEY)).isFalse();
		// No handler: nothing to spare, and the safe answer is that the invocation is
		// read.
		assertThat(composite.readsInvocation(CredentialCarrierKind.BEARER_TOKEN)).isTrue();
	}

	private AuthContext record(AuthInvocation invocation) {
		this.seen.set(invocation);
		return AuthContext.builder("alice").build();
	}

	private CredentialAuthenticator handler(boolean readsInvocation) {
		return new CredentialAuthenticator() {

			@Override
			public CredentialCarrierKind kind() {
				return CredentialCarrierKind.API_KEY;
			}

			@Override
			public AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation) {
				return record(invocation);
			}

			@Override
			public boolean readsInvocation() {
				return readsInvocation;
			}

		};
	}

	private StaticListableBeanFactory mappings() {
		StaticListableBeanFactory beanFactory = new StaticListableBeanFactory();
		HandlerMapping mapping = (request) -> {
			this.handlerLookups.incrementAndGet();
			request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/documents/{id}");
			return new HandlerExecutionChain("documentHandler");
		};
		beanFactory.addBean("documentMapping", mapping);
		return beanFactory;
	}

	private AuthContextFilter filter(Authenticator authenticator) {
		return new AuthContextFilter(() -> authenticator, new CredentialCarrierExtractor("X-API-Key"),
				this.invocationResolver);
	}

	private static MockHttpServletRequest request() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/documents/42");
		request.addHeader("X-API-Key", "some-key");
		return request;
	}

}
