package dev.gatehouse.auth.web;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import dev.gatehouse.auth.spi.Authenticator;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The request's correlation id in the logging MDC: the verified context's when it has
 * one, a new one at the origin (carried on by the bound context), present for exactly the
 * request, and never left on a pooled thread.
 */
class AuthContextFilterCorrelationTests {

	private static final String KEY = AuthContextFilter.CORRELATION_ID_MDC_KEY;

	private final Authenticator authenticator = (credential, invocation) -> credential.material().equals("chained")
			? AuthContext.builder("svc").correlationId("corr-from-snapshot").build()
			: AuthContext.builder("alice").build();

	private final AuthContextFilter filter = new AuthContextFilter(() -> this.authenticator,
			new CredentialCarrierExtractor("X-API-Key"), new HttpInvocationResolver(new StaticListableBeanFactory()));

	@Test
	void usesTheVerifiedContextsCorrelationId() throws Exception {
		assertThat(handle(request("chained")).mdc()).isEqualTo("corr-from-snapshot");
	}

	@Test
	void givesAnOriginRequestANewIdThatTheBoundContextCarriesOn() throws Exception {
		Seen seen = handle(request("plain"));
		assertThat(seen.mdc()).isNotBlank();
		assertThat(seen.context().correlationId()).isEqualTo(seen.mdc());
	}

	@Test
	void givesEachAnonymousOriginRequestItsOwnId() throws Exception {
		String first = handle(new MockHttpServletRequest("GET", "/things")).mdc();
		String second = handle(new MockHttpServletRequest("GET", "/things")).mdc();
		assertThat(first).isNotBlank().isNotEqualTo(second);
	}

	@Test
	void clearsTheIdFromAPooledThreadAfterEachRequest() throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor();
		try {
			List<String> before = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				before.add(pool.submit(() -> {
					String leftOver = MDC.get(KEY);
					handle(request("plain"));
					return String.valueOf(leftOver);
				}).get());
			}
			assertThat(before).containsOnly("null");
			assertThat(pool.submit(() -> MDC.get(KEY)).get()).isNull();
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void restoresAnIdThatWasThereBefore() throws Exception {
		MDC.put(KEY, "outer");
		try {
			assertThat(handle(request("chained")).mdc()).isEqualTo("corr-from-snapshot");
			assertThat(MDC.get(KEY)).isEqualTo("outer");
		}
		finally {
			MDC.remove(KEY);
		}
	}

	@Test
	void keepsAnAnonymousOriginsIdForItsAsyncRedispatch() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/things");
		request.setAsyncSupported(true);
		AtomicReference<String> first = new AtomicReference<>();
		this.filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
			first.set(MDC.get(KEY));
			req.startAsync();
		});
		request.setDispatcherType(DispatcherType.ASYNC);
		assertThat(handle(request).mdc()).isNotBlank().isEqualTo(first.get());
	}

	@Test
	void keepsNoIdOnARequestThatDoesNotGoAsync() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/things");
		handle(request);
		assertThat(request.getAttribute(AuthContextFilter.CORRELATION_ID_ATTRIBUTE)).isNull();
	}

	@Test
	void bindsTheIdWithTheBinderForExactlyTheRequest() throws Exception {
		List<String> events = new ArrayList<>();
		this.filter.setCorrelationIdBinder((id) -> {
			events.add("bind " + id);
			return () -> events.add("close " + id);
		});
		AtomicReference<String> mdc = new AtomicReference<>();
		this.filter.doFilter(request("chained"), new MockHttpServletResponse(), (req, res) -> {
			mdc.set(MDC.get(KEY));
			events.add("handler");
		});
		assertThat(mdc.get()).isEqualTo("corr-from-snapshot");
		assertThat(events).containsExactly("bind corr-from-snapshot", "handler", "close corr-from-snapshot");
	}

	@Test
	void closesTheBindingAndTheScopeWhenTheHandlerFails() throws Exception {
		List<String> events = new ArrayList<>();
		this.filter.setCorrelationIdBinder((id) -> () -> events.add("closed"));
		assertThatIllegalStateException()
			.isThrownBy(() -> this.filter.doFilter(request("plain"), new MockHttpServletResponse(), (req, res) -> {
				throw new IllegalStateException("handler failed");
			}));
		assertThat(events).containsExactly("closed");
		assertThat(AuthContextHolder.current()).isEmpty();
		assertThat(MDC.get(KEY)).isNull();
	}

	@Test
	void unwindsTheScopeWhenTheBinderFails() throws Exception {
		this.filter.setCorrelationIdBinder((id) -> {
			throw new IllegalStateException("binder failed");
		});
		assertThatIllegalStateException()
			.isThrownBy(() -> this.filter.doFilter(request("plain"), new MockHttpServletResponse(), (req, res) -> {
			}));
		assertThat(AuthContextHolder.current()).isEmpty();
		assertThat(MDC.get(KEY)).isNull();
	}

	@Test
	void hasTheRequestsIdInTheMdcWhileTheCredentialIsAuthenticated() throws Exception {
		List<String> during = new ArrayList<>();
		Authenticator recording = (credential, invocation) -> {
			during.add(MDC.get(KEY));
			if (credential.material().equals("forged")) {
				throw new AuthenticationFailedException(
						AuthorizationDecision.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "Not valid."));
			}
			return AuthContext.builder("alice").build();
		};
		AuthContextFilter filter = new AuthContextFilter(() -> recording, new CredentialCarrierExtractor("X-API-Key"),
				new HttpInvocationResolver(new StaticListableBeanFactory()));
		AtomicReference<String> rejected = new AtomicReference<>();
		filter.doFilter(request("forged"), new MockHttpServletResponse(), (req, res) -> rejected.set(MDC.get(KEY)));
		AtomicReference<String> accepted = new AtomicReference<>();
		filter.doFilter(request("plain"), new MockHttpServletResponse(), (req, res) -> accepted.set(MDC.get(KEY)));
		assertThat(during).hasSize(2).doesNotContainNull();
		assertThat(during.get(0)).isEqualTo(rejected.get());
		assertThat(during.get(1)).isEqualTo(accepted.get()).isNotEqualTo(rejected.get());
		assertThat(MDC.get(KEY)).isNull();
	}

	@Test
	void switchesToTheChainsIdOnceTheContextIsVerified() throws Exception {
		List<String> during = new ArrayList<>();
		Authenticator chained = (credential, invocation) -> {
			during.add(MDC.get(KEY));
			return AuthContext.builder("svc").correlationId("corr-from-snapshot").build();
		};
		AuthContextFilter filter = new AuthContextFilter(() -> chained, new CredentialCarrierExtractor("X-API-Key"),
				new HttpInvocationResolver(new StaticListableBeanFactory()));
		AtomicReference<String> handled = new AtomicReference<>();
		filter.doFilter(request("chained"), new MockHttpServletResponse(), (req, res) -> handled.set(MDC.get(KEY)));
		assertThat(during).singleElement().isNotNull().isNotEqualTo("corr-from-snapshot");
		assertThat(handled.get()).isEqualTo("corr-from-snapshot");
		assertThat(MDC.get(KEY)).isNull();
	}

	private Seen handle(MockHttpServletRequest request) throws Exception {
		AtomicReference<Seen> seen = new AtomicReference<>();
		this.filter.doFilter(request, new MockHttpServletResponse(),
				(req, res) -> seen.set(new Seen(MDC.get(KEY), AuthContextHolder.current().orElse(null))));
		return seen.get();
	}

	private static MockHttpServletRequest request(String apiKey) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/things");
		request.addHeader("X-API-Key", apiKey);
		return request;
	}

	private record Seen(String mdc, AuthContext context) {
	}

}
