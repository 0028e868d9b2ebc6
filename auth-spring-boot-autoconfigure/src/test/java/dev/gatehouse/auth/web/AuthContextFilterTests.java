package dev.gatehouse.auth.web;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.auth.authentication.CompositeAuthenticator;
import dev.gatehouse.auth.authentication.CredentialAuthenticator;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import dev.gatehouse.auth.spi.Authenticator;
import dev.gatehouse.auth.spi.CredentialCarrierException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class AuthContextFilterTests {

	private static final AuthContext ALICE = AuthContext.builder("alice").roles("USER").build();

	private final CredentialCarrierExtractor extractor = new CredentialCarrierExtractor("X-API-Key");

	private final HttpInvocationResolver invocationResolver = new HttpInvocationResolver(
			new StaticListableBeanFactory());

	private final AtomicReference<AuthInvocation> lastInvocation = new AtomicReference<>();

	private final AtomicInteger authentications = new AtomicInteger();

	private final Authenticator acceptsGoodKey = (credential, invocation) -> {
		this.authentications.incrementAndGet();
		this.lastInvocation.set(invocation);
		if (credential.material().equals("good")) {
			return ALICE.toBuilder().credentialCarrier(credential).build();
		}
		throw new AuthenticationFailedException(
				AuthorizationDecision.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "Bad key."));
	};

	@Test
	void bindsContextForExactlyTheRequest() throws Exception {
		MockHttpServletRequest request = request("X-API-Key", "good");
		AtomicReference<Optional<AuthContext>> seen = new AtomicReference<>();
		filter(this.acceptsGoodKey).doFilter(request, new MockHttpServletResponse(),
				(req, res) -> seen.set(AuthContextHolder.current()));
		assertThat(seen.get()).hasValueSatisfying((context) -> assertThat(context.subject().id()).isEqualTo("alice"));
		assertThat(request.getAttribute(AuthContextFilter.AUTH_CONTEXT_ATTRIBUTE)).isSameAs(seen.get().get());
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void describesTheCallToTheAuthenticator() throws Exception {
		filter(this.acceptsGoodKey).doFilter(request("X-API-Key", "good"), new MockHttpServletResponse(),
				(req, res) -> {
				});
		assertThat(this.lastInvocation.get().boundary()).isEqualTo("HTTP");
		assertThat(this.lastInvocation.get().operation()).isEqualTo("GET /things/1");
	}

	@Test
	void runsWithoutContextWhenRequestCarriesNoCredential() throws Exception {
		AtomicReference<Optional<AuthContext>> seen = new AtomicReference<>();
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/things/1");
		filter(this.acceptsGoodKey).doFilter(request, new MockHttpServletResponse(),
				(req, res) -> seen.set(AuthContextHolder.current()));
		assertThat(seen.get()).isEmpty();
		assertThat(this.authentications).hasValue(0);
		assertThat(request.getAttribute(AuthContextFilter.AUTHENTICATION_FAILURE_ATTRIBUTE)).isNull();
	}

	@Test
	void hidesContextBoundOutsideTheRequest() throws Exception {
		AtomicReference<Optional<AuthContext>> seen = new AtomicReference<>();
		try (AuthContextScope stale = AuthContextHolder.open(ALICE)) {
			filter(this.acceptsGoodKey).doFilter(new MockHttpServletRequest("GET", "/"), new MockHttpServletResponse(),
					(req, res) -> seen.set(AuthContextHolder.current()));
			assertThat(AuthContextHolder.current()).contains(ALICE);
		}
		assertThat(seen.get()).isEmpty();
	}

	@Test
	void continuesWithoutContextAndKeepsFailureWhenCredentialIsRejected() throws Exception {
		MockHttpServletRequest request = request("X-API-Key", "bad");
		AtomicReference<Optional<AuthContext>> seen = new AtomicReference<>();
		filter(this.acceptsGoodKey).doFilter(request, new MockHttpServletResponse(),
				(req, res) -> seen.set(AuthContextHolder.current()));
		assertThat(seen.get()).isEmpty();
		assertThat(request.getAttribute(AuthContextFilter.AUTHENTICATION_FAILURE_ATTRIBUTE)).isInstanceOfSatisfying(
				AuthenticationFailedException.class,
				(ex) -> assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INVALID_CREDENTIAL));
		assertThat(request.getAttribute(AuthContextFilter.AUTH_CONTEXT_ATTRIBUTE)).isNull();
	}

	@Test
	void keepsMalformedCredentialAsFailureWithoutAskingAuthenticator() throws Exception {
		MockHttpServletRequest request = request("Authorization", "Bearer a b");
		filter(this.acceptsGoodKey).doFilter(request, new MockHttpServletResponse(), (req, res) -> {
		});
		assertThat(request.getAttribute(AuthContextFilter.AUTHENTICATION_FAILURE_ATTRIBUTE))
			.isInstanceOf(CredentialCarrierException.class);
		assertThat(this.authentications).hasValue(0);
	}

	@Test
	void runsWithoutContextWhenNoAuthenticatorExists() throws Exception {
		MockHttpServletRequest request = request("X-API-Key", "good");
		AtomicReference<Optional<AuthContext>> seen = new AtomicReference<>();
		new AuthContextFilter(() -> null, this.extractor, this.invocationResolver).doFilter(request,
				new MockHttpServletResponse(), (req, res) -> seen.set(AuthContextHolder.current()));
		assertThat(seen.get()).isEmpty();
		assertThat(request.getAttribute(AuthContextFilter.AUTHENTICATION_FAILURE_ATTRIBUTE)).isNull();
	}

	@Test
	void looksAuthenticatorUpOnFirstUseAndKeepsIt() throws Exception {
		AtomicInteger lookups = new AtomicInteger();
		AuthContextFilter filter = new AuthContextFilter(() -> {
			lookups.incrementAndGet();
			return this.acceptsGoodKey;
		}, this.extractor, this.invocationResolver);
		assertThat(lookups).hasValue(0);
		for (int i = 0; i < 3; i++) {
			filter.doFilter(request("X-API-Key", "good"), new MockHttpServletResponse(), (req, res) -> {
			});
		}
		assertThat(lookups).hasValue(1);
		assertThat(this.authentications).hasValue(3);
	}

	@Test
	void skipsCredentialKindsTheCompositeDoesNotVerify() throws Exception {
		CredentialAuthenticator apiKeys = new CredentialAuthenticator() {

			@Override
			public CredentialCarrierKind kind() {
				return CredentialCarrierKind.API_KEY;
			}

			@Override
			public AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation) {
				return ALICE;
			}

		};
		MockHttpServletRequest request = request("Authorization", "Bearer some.jwt.token");
		filter(new CompositeAuthenticator(List.of(apiKeys))).doFilter(request, new MockHttpServletResponse(),
				(req, res) -> assertThat(AuthContextHolder.current()).isEmpty());
		assertThat(request.getAttribute(AuthContextFilter.AUTHENTICATION_FAILURE_ATTRIBUTE)).isNull();
	}

	@Test
	void treatsAuthenticatorThatReturnsNullAsRejection(CapturedOutput output) throws Exception {
		MockHttpServletRequest request = request("X-API-Key", "good");
		AtomicReference<Optional<AuthContext>> seen = new AtomicReference<>();

		filter((credential, invocation) -> null).doFilter(request, new MockHttpServletResponse(),
				(req, res) -> seen.set(AuthContextHolder.current()));

		assertThat(seen.get()).isEmpty();
		assertRejectedAsUnverifiable(request);
		assertThat(output).contains("failed unexpectedly for GET /things/1");
	}

	@Test
	void treatsUnexpectedAuthenticatorExceptionAsRejectionWithoutLoggingItsMessage(CapturedOutput output)
			throws Exception {
		MockHttpServletRequest request = request("X-API-Key", "sk-9c1d-leaky-key");
		AtomicReference<Optional<AuthContext>> seen = new AtomicReference<>();
		Authenticator buggy = (credential, invocation) -> {
			throw new IllegalArgumentException("cannot map claims of " + credential.material());
		};

		filter(buggy).doFilter(request, new MockHttpServletResponse(),
				(req, res) -> seen.set(AuthContextHolder.current()));

		assertThat(seen.get()).isEmpty();
		assertRejectedAsUnverifiable(request);
		assertThat(output).contains("WARN")
			.contains("java.lang.IllegalArgumentException (message withheld)")
			.doesNotContain("sk-9c1d-leaky-key");
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void asksThePortWhichKindsToReadAndWhetherToDescribeTheCall() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		Authenticator basicOnly = new Authenticator() {

			@Override
			public AuthContext authenticate(CredentialCarrier credential, AuthInvocation invocation) {
				calls.incrementAndGet();
				return ALICE;
			}

			@Override
			public boolean supports(CredentialCarrierKind kind) {
				return kind == CredentialCarrierKind.BASIC;
			}

		};
		MockHttpServletRequest request = request("X-API-Key", "good");

		filter(basicOnly).doFilter(request, new MockHttpServletResponse(),
				(req, res) -> assertThat(AuthContextHolder.current()).isEmpty());

		assertThat(calls).hasValue(0);
		assertThat(request.getAttribute(AuthContextFilter.AUTHENTICATION_FAILURE_ATTRIBUTE)).isNull();
	}

	@Test
	void takesTheCallerOfAPriorAuthenticationWithoutReadingCredentials() throws Exception {
		AuthContext bob = AuthContext.builder("bob").roles("auditor").build();
		AuthContextFilter filter = filter(this.acceptsGoodKey);
		filter.setPriorAuthentication((request) -> bob);
		MockHttpServletRequest request = request("X-API-Key", "good");
		AtomicReference<Optional<AuthContext>> seen = new AtomicReference<>();

		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set(AuthContextHolder.current()));

		assertThat(seen.get()).hasValueSatisfying((context) -> assertThat(context.subject().id()).isEqualTo("bob"));
		assertThat(this.authentications).hasValue(0);
		assertThat(request.getAttribute(AuthContextFilter.AUTH_CONTEXT_ATTRIBUTE)).isSameAs(seen.get().get());
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void authenticatesFromCredentialsWhatThePriorAuthenticationLeftAnonymous() throws Exception {
		AuthContextFilter filter = filter(this.acceptsGoodKey);
		filter.setPriorAuthentication((request) -> null);
		AtomicReference<Optional<AuthContext>> seen = new AtomicReference<>();

		filter.doFilter(request("X-API-Key", "good"), new MockHttpServletResponse(),
				(req, res) -> seen.set(AuthContextHolder.current()));

		assertThat(seen.get()).hasValueSatisfying((context) -> assertThat(context.subject().id()).isEqualTo("alice"));
		assertThat(this.authentications).hasValue(1);
	}

	@Test
	void keepsTheRejectionOfAPriorAuthenticationAndDoesNotFallBackToCredentials() throws Exception {
		AuthContextFilter filter = filter(this.acceptsGoodKey);
		filter.setPriorAuthentication((request) -> {
			throw new AuthenticationFailedException(
					AuthorizationDecision.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "No name."));
		});
		MockHttpServletRequest request = request("X-API-Key", "good");

		filter.doFilter(request, new MockHttpServletResponse(),
				(req, res) -> assertThat(AuthContextHolder.current()).isEmpty());

		assertThat(this.authentications).hasValue(0);
		assertThat(request.getAttribute(AuthContextFilter.AUTHENTICATION_FAILURE_ATTRIBUTE))
			.isInstanceOf(AuthenticationFailedException.class);
	}

	@Test
	void treatsAFailingPriorAuthenticationAsUnverifiableWithoutLoggingItsMessage(CapturedOutput output)
			throws Exception {
		AuthContextFilter filter = filter(this.acceptsGoodKey);
		filter.setPriorAuthentication((request) -> {
			throw new IllegalStateException("mapper bug quoting eyJhbGciOi-secret-token");
		});
		MockHttpServletRequest request = request("X-API-Key", "good");

		filter.doFilter(request, new MockHttpServletResponse(),
				(req, res) -> assertThat(AuthContextHolder.current()).isEmpty());

		assertThat(this.authentications).hasValue(0);
		assertRejectedAsUnverifiable(request);
		assertThat(output).contains("java.lang.IllegalStateException (message withheld)")
			.doesNotContain("eyJhbGciOi-secret-token");
	}

	private static void assertRejectedAsUnverifiable(MockHttpServletRequest request) {
		assertThat(request.getAttribute(AuthContextFilter.AUTH_CONTEXT_ATTRIBUTE)).isNull();
		assertThat(request.getAttribute(AuthContextFilter.AUTHENTICATION_FAILURE_ATTRIBUTE))
			.isInstanceOfSatisfying(AuthenticationFailedException.class, (failure) -> {
				assertThat(failure.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.INVALID_CREDENTIAL);
				assertThat(failure.decision().state().name()).isEqualTo("CHALLENGE");
			});
	}

	@Test
	void closesScopeWhenHandlerThrows() {
		FilterChain failing = (req, res) -> {
			throw new ServletException("handler failed");
		};
		assertThatExceptionOfType(ServletException.class).isThrownBy(() -> filter(this.acceptsGoodKey)
			.doFilter(request("X-API-Key", "good"), new MockHttpServletResponse(), failing));
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	@Test
	void closesScopesTheHandlerLeftOpenAndReportsThem(CapturedOutput output) throws Exception {
		filter(this.acceptsGoodKey).doFilter(request("X-API-Key", "good"), new MockHttpServletResponse(),
				(req, res) -> AuthContextHolder.open(AuthContext.builder("leaked").build()));
		assertThat(AuthContextHolder.current()).isEmpty();
		assertThat(output).contains("was still open when the request ended");
	}

	@Test
	void bindsOriginalContextAgainOnAsyncDispatchWithoutReauthenticating() throws Exception {
		MockHttpServletRequest request = request("X-API-Key", "good");
		AuthContextFilter filter = filter(this.acceptsGoodKey);
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
		});
		request.setDispatcherType(DispatcherType.ASYNC);
		AtomicReference<Optional<AuthContext>> seen = new AtomicReference<>();
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set(AuthContextHolder.current()));
		assertThat(seen.get()).hasValueSatisfying((context) -> assertThat(context.subject().id()).isEqualTo("alice"));
		assertThat(this.authentications).hasValue(1);
		assertThat(AuthContextHolder.current()).isEmpty();
	}

	private AuthContextFilter filter(Authenticator authenticator) {
		return new AuthContextFilter(() -> authenticator, this.extractor, this.invocationResolver);
	}

	private static MockHttpServletRequest request(String header, String value) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/things/1");
		request.addHeader(header, value);
		return request;
	}

}
