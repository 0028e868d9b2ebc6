package dev.gatehouse.auth.web;

import java.io.IOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.gatehouse.auth.audit.AuthDecisionPublisher;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.context.CredentialCarrier;
import dev.gatehouse.auth.context.CredentialCarrierKind;
import dev.gatehouse.auth.correlation.CorrelationIdBinder;
import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.metadata.AuthBoundaryKind;
import dev.gatehouse.auth.observation.AuthenticationObservationConvention;
import dev.gatehouse.auth.observation.ObservedAuthenticator;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.AuthenticationFailedException;
import dev.gatehouse.auth.spi.Authenticator;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates each request and binds its {@link AuthContext} for exactly the time the
 * request is handled.
 *
 * <p>
 * Per request: the {@link CredentialCarrierExtractor} reads the credential; with none,
 * the request runs with no context (protected handlers then answer 401
 * MISSING_CREDENTIAL). With one, the single {@link Authenticator} bean verifies it
 * against an {@link AuthInvocation} from the {@link HttpInvocationResolver} (with the
 * handler's path pattern; when {@link Authenticator#readsInvocation} says the invocation
 * is ignored, the request path is used instead and the extra handler lookup is spared,
 * and when the authentication is not observed either, a shared placeholder is passed and
 * nothing is built for it); the resulting context is bound with
 * {@link AuthContextHolder#open} and also stored as the request attribute
 * {@link #AUTH_CONTEXT_ATTRIBUTE}. Credentials of a kind the authenticator does not
 * {@linkplain Authenticator#supports support} are not read at all. The scope is closed in
 * {@code finally}, so a pooled thread never keeps a previous request's identity; requests
 * without a context bind "no context" explicitly for the same reason.
 *
 * <p>
 * A rejected or malformed credential ({@link AuthException}) does not end the request: it
 * runs without a context and the failure is kept as the request attribute
 * {@link #AUTHENTICATION_FAILURE_ATTRIBUTE}. A public handler therefore still answers; a
 * protected one fails with {@code AuthContextNotFoundException} carrying the stored
 * failure's decision (found through {@link RequestRejectedCredentialLookup}), which
 * {@link AuthExceptionHandler} answers (401 INVALID_CREDENTIAL, 503 when the verifier was
 * unreachable) and which the authorization observation and decision events record as
 * well. Any other exception from the authenticator (a bug in a claim mapper, say) is
 * treated the same way as a rejected credential (CHALLENGE/INVALID_CREDENTIAL, logged at
 * WARN without its message, which might quote the credential), so it never becomes a 500
 * nor lets the request through with a context. An async re-dispatch binds the context of
 * the original dispatch again without authenticating twice.
 *
 * <p>
 * While the request is handled, its correlation id is in SLF4J's MDC as
 * {@link #CORRELATION_ID_MDC_KEY}: the verified context's, or a new one when this request
 * starts the call chain (an authenticated context without one then carries the new one
 * onwards); the previous value is restored afterwards. The new id is there already while
 * the credential is authenticated, so authentication's log lines (a rejected credential,
 * an authenticator's own DEBUG lines) carry it too; when the verified context continues a
 * call chain, its id replaces the new one from then on. A {@link CorrelationIdBinder},
 * when set, also gets it (Gatehouse sets one that puts it into Micrometer Tracing baggage
 * when the application has a tracer).
 *
 * <p>
 * With a {@link PriorAuthentication} set (Spring Security's, through the bridge in
 * {@code dev.gatehouse.auth.springsecurity}), a request that an earlier filter already
 * authenticated takes its context from there, and its credentials are not read; only
 * requests that filter left anonymous are authenticated from their credentials. The
 * filter must then run after that earlier filter.
 *
 * <p>
 * On the test class path only, a {@link RequestContextOverride} (from
 * {@code auth-spring-boot-test}) may give a request's context instead of authenticating
 * it; production requests never take that path.
 *
 * <p>
 * The filter is registered at {@link #DEFAULT_ORDER}, after Boot's request-wrapping
 * filters and just before Spring Security's filter chain when present. With no unique
 * {@link Authenticator} bean, requests run without a context.
 */
public final class AuthContextFilter extends OncePerRequestFilter {

	/**
	 * Default registration order: after Boot's request-wrapping filters (such as
	 * {@code RequestContextFilter} at -105) and just before Spring Security's filter
	 * chain ({@code spring.security.filter.order}, default -100). Before it, because
	 * Spring Security's request firewall validates every header value that is read
	 * through its wrapper with a regular expression, which made reading an 800-character
	 * snapshot header cost more than verifying it; Gatehouse validates its credential
	 * headers strictly itself, and enforcement still happens later, at the handler.
	 */
	public static final int DEFAULT_ORDER = -100 - 1;

	/** Request attribute holding the authenticated {@link AuthContext}. */
	public static final String AUTH_CONTEXT_ATTRIBUTE = AuthContext.class.getName();

	/** Request attribute holding the {@link AuthException} of a rejected credential. */
	public static final String AUTHENTICATION_FAILURE_ATTRIBUTE = AuthContextFilter.class.getName()
			+ ".AUTHENTICATION_FAILURE";

	/** MDC key that holds the request's correlation id while it is handled. */
	public static final String CORRELATION_ID_MDC_KEY = "gatehouse.correlationId";

	/**
	 * Request attribute holding the correlation id created for a request without a
	 * context, set only when the request goes async so its re-dispatch keeps the id.
	 */
	public static final String CORRELATION_ID_ATTRIBUTE = AuthContextFilter.class.getName() + ".CORRELATION_ID";

	private static final boolean MDC_PRESENT = ClassUtils.isPresent("org.slf4j.MDC",
			AuthContextFilter.class.getClassLoader());

	private static final AuthorizationDecision UNVERIFIABLE = AuthorizationDecision
		.challenge(AuthorizationReasonCode.INVALID_CREDENTIAL, "The credential could not be verified.");

	private static final AuthInvocation UNREAD_INVOCATION = AuthInvocation.of(HttpInvocationResolver.BOUNDARY,
			"an HTTP request (not described: the authenticator does not read it)");

	private final SingletonSupplier<BoundAuthenticator> authenticator;

	private final CredentialCarrierExtractor extractor;

	private final HttpInvocationResolver invocationResolver;

	// Spring Security's authentication when the bridge is active; NONE otherwise. Set
	// once, before the first request.
	private PriorAuthentication priorAuthentication = PriorAuthentication.NONE;

	// Found only when auth-spring-boot-test is on the class path; NONE in production,
	// where requests are always authenticated.
	private final RequestContextOverride contextOverride;

	// Applied once to the authenticator when it is bound: an observing decorator when
	// observations are on, the authenticator itself otherwise. Set before the first
	// request.
	private UnaryOperator<Authenticator> authenticatorDecorator = UnaryOperator.identity();

	// Whether requests whose invocation the authenticator does not read are still named
	// (by their path), for the observation.
	private boolean nameUnreadRequests;

	// NONE unless something beyond the MDC (a tracer's baggage) takes the correlation id.
	private CorrelationIdBinder correlationIdBinder = CorrelationIdBinder.NONE;

	// Publishes nowhere unless decisions are audited; set once, before the first
	// request.
	private AuthDecisionPublisher decisionPublisher = new AuthDecisionPublisher((event) -> {
	});

	// OncePerRequestFilter builds "<filter name>.FILTERED" with a string concatenation on
	// every request; the name
	// is fixed once the container has initialised the filter, so it is built once (and
	// again after init).
	private volatile @Nullable String alreadyFilteredAttributeName;

	/**
	 * Creates the filter.
	 * @param authenticator supplies the one {@link Authenticator}, or {@code null} when
	 * there is not exactly one; asked on first use (not while the web server starts) and
	 * until it returns one, which is then kept
	 * @param extractor reads credentials
	 * @param invocationResolver describes requests for the authenticator
	 */
	public AuthContextFilter(Supplier<@Nullable Authenticator> authenticator, CredentialCarrierExtractor extractor,
			HttpInvocationResolver invocationResolver) {
		Objects.requireNonNull(authenticator, "authenticator must not be null");
		this.authenticator = SingletonSupplier.ofNullable(() -> {
			@Nullable Authenticator found = authenticator.get();
			return (found != null) ? new BoundAuthenticator(found, this.authenticatorDecorator.apply(found)) : null;
		});
		this.extractor = Objects.requireNonNull(extractor, "extractor must not be null");
		this.invocationResolver = Objects.requireNonNull(invocationResolver, "invocationResolver must not be null");
		this.contextOverride = loadContextOverride();
	}

	private static RequestContextOverride loadContextOverride() {
		Iterator<RequestContextOverride> found = ServiceLoader
			.load(RequestContextOverride.class, AuthContextFilter.class.getClassLoader())
			.iterator();
		return found.hasNext() ? found.next() : RequestContextOverride.NONE;
	}

	/**
	 * Observes each authentication of a credential as {@code gatehouse.authentication}.
	 * @param registry the registry that records the observations
	 * @param convention the application's convention, or {@code null} for
	 * {@link DefaultAuthenticationObservationConvention}
	 */
	public void setObservationRegistry(ObservationRegistry registry,
			@Nullable AuthenticationObservationConvention convention) {
		Objects.requireNonNull(registry, "registry must not be null");
		this.authenticatorDecorator = (authenticator) -> new ObservedAuthenticator(authenticator, registry, convention,
				AuthBoundaryKind.HTTP);
		this.nameUnreadRequests = true;
	}

	/**
	 * Publishes an {@link dev.gatehouse.auth.audit.AuthDecisionEvent} for each rejected
	 * credential.
	 * @param publisher the publisher
	 */
	public void setDecisionPublisher(AuthDecisionPublisher publisher) {
		this.decisionPublisher = Objects.requireNonNull(publisher, "publisher must not be null");
	}

	/**
	 * Takes the caller of a request that an earlier filter (Spring Security's) already
	 * authenticated from that filter, without reading the request's credentials again.
	 * @param priorAuthentication the earlier authentication
	 */
	public void setPriorAuthentication(PriorAuthentication priorAuthentication) {
		this.priorAuthentication = Objects.requireNonNull(priorAuthentication, "priorAuthentication must not be null");
	}

	/**
	 * Also binds each request's correlation id with the given binder (a tracer's baggage,
	 * for example) while the request is handled.
	 * @param binder the binder
	 */
	public void setCorrelationIdBinder(CorrelationIdBinder binder) {
		this.correlationIdBinder = Objects.requireNonNull(binder, "binder must not be null");
	}

	@Override
	protected void initFilterBean() throws ServletException {
		super.initFilterBean();
		// The filter name may have changed (init with a FilterConfig): build the
		// attribute name from it again.
		this.alreadyFilteredAttributeName = null;
	}

	@Override
	protected String getAlreadyFilteredAttributeName() {
		String name = this.alreadyFilteredAttributeName;
		if (name == null) {
			name = super.getAlreadyFilteredAttributeName();
			this.alreadyFilteredAttributeName = name;
		}
		return name;
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		// The async re-dispatch runs on another container thread and must see the
		// request's context again.
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean asyncDispatch = isAsyncDispatch(request);
		AuthContext context = (asyncDispatch
				&& request.getAttribute(AUTH_CONTEXT_ATTRIBUTE) instanceof AuthContext bound) ? bound : null;
		// Chosen before authenticating, so that what authentication logs carries the
		// request's id; a verified context that continues a call chain brings its own.
		String correlationId = asyncDispatch ? correlationId(request, context) : newCorrelationId();
		@Nullable String previousCorrelationId = MDC_PRESENT ? CorrelationMdc.put(correlationId) : null;
		try {
			if (!asyncDispatch) {
				RequestContextOverride override = this.contextOverride;
				context = override.overrides(request) ? override.context(request) : authenticate(request);
				if (context != null) {
					String chained = context.correlationId();
					if (chained == null) {
						// This request starts the call chain: its id travels on with the
						// context (in signed snapshots, for example).
						context = context.withCorrelationId(correlationId);
					}
					else if (!chained.equals(correlationId)) {
						correlationId = chained;
						if (MDC_PRESENT) {
							CorrelationMdc.put(correlationId);
						}
					}
					request.setAttribute(AUTH_CONTEXT_ATTRIBUTE, context);
				}
			}
			handle(request, response, chain, context, correlationId);
		}
		finally {
			if (MDC_PRESENT) {
				CorrelationMdc.restore(previousCorrelationId);
			}
		}
	}

	private void handle(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			@Nullable AuthContext context, String correlationId) throws ServletException, IOException {
		AuthContextScope scope = AuthContextHolder.open(context);
		CorrelationIdBinder.Binding binding = CorrelationIdBinder.Binding.NONE;
		try {
			binding = this.correlationIdBinder.bind(correlationId);
			chain.doFilter(request, response);
		}
		finally {
			binding.close();
			close(scope, request);
			if (context == null && request.isAsyncStarted()) {
				// Kept only for the async re-dispatch, which must continue with the same
				// id; a context carries its own. The container runs that dispatch only
				// after this one has returned.
				request.setAttribute(CORRELATION_ID_ATTRIBUTE, correlationId);
			}
		}
	}

	// The verified context's id continues the caller's chain; without one this request
	// is the origin and gets a new id (or the one kept for its async re-dispatch).
	private static String correlationId(HttpServletRequest request, @Nullable AuthContext context) {
		String id = (context != null) ? context.correlationId() : null;
		if (id != null) {
			return id;
		}
		if (request.getAttribute(CORRELATION_ID_ATTRIBUTE) instanceof String kept) {
			return kept;
		}
		return newCorrelationId();
	}

	private static String newCorrelationId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new UUID(random.nextLong(), random.nextLong()).toString();
	}

	private @Nullable AuthContext authenticate(HttpServletRequest request) {
		PriorAuthentication prior = this.priorAuthentication;
		if (prior != PriorAuthentication.NONE) {
			try {
				AuthContext context = prior.context(request);
				if (context != null) {
					return context;
				}
			}
			catch (AuthException ex) {
				return rejected(request, ex);
			}
			catch (RuntimeException ex) {
				// As for an authenticator that fails unexpectedly; the request never
				// falls
				// back to its credentials, which the earlier filter has already judged.
				return unverifiable(request, prior.getClass().getName(), ex);
			}
		}
		BoundAuthenticator bound = this.authenticator.get();
		if (bound == null) {
			return null;
		}
		Authenticator authenticator = bound.authenticator();
		try {
			CredentialCarrier credential = this.extractor.extract(request, bound.supported());
			if (credential == null) {
				return null;
			}
			AuthInvocation invocation = describe(request, authenticator.readsInvocation(credential.kind()));
			AuthContext context = bound.authenticating().authenticate(credential, invocation);
			if (context == null) {
				throw new IllegalStateException(
						"Authenticator " + authenticator.getClass().getName() + " returned null instead of a context");
			}
			return context;
		}
		catch (AuthException ex) {
			return rejected(request, ex);
		}
		catch (RuntimeException ex) {
			return unverifiable(request, authenticator.getClass().getName(), ex);
		}
	}

	private @Nullable AuthContext rejected(HttpServletRequest request, AuthException ex) {
		request.setAttribute(AUTHENTICATION_FAILURE_ATTRIBUTE, ex);
		logFailure(request, ex);
		publishRejection(request, ex.decision());
		return null;
	}

	// Fail closed: the credential was not verified, so the request runs without a context
	// and a protected handler answers 401 rather than 500.
	private @Nullable AuthContext unverifiable(HttpServletRequest request, String authenticator, RuntimeException ex) {
		request.setAttribute(AUTHENTICATION_FAILURE_ATTRIBUTE, new AuthenticationFailedException(UNVERIFIABLE));
		logUnexpectedFailure(request, authenticator, ex);
		publishRejection(request, UNVERIFIABLE);
		return null;
	}

	private AuthInvocation describe(HttpServletRequest request, boolean read) {
		if (read) {
			return this.invocationResolver.resolve(request);
		}
		// The observation names the request by its path; when nobody reads the
		// invocation, no string is built for it.
		return this.nameUnreadRequests ? this.invocationResolver.resolveWithoutHandlerLookup(request)
				: UNREAD_INVOCATION;
	}

	private void publishRejection(HttpServletRequest request, AuthorizationDecision decision) {
		this.decisionPublisher.authenticationRejected(request.getMethod() + " " + request.getRequestURI(), decision);
	}

	private void logUnexpectedFailure(HttpServletRequest request, String authenticator, RuntimeException ex) {
		if (logger.isWarnEnabled()) {
			// The message of an unexpected exception may quote the credential; keep only
			// its type and where it was
			// thrown.
			Exception where = new Exception(ex.getClass().getName() + " (message withheld)");
			where.setStackTrace(ex.getStackTrace());
			logger.warn(
					"Authenticator " + authenticator + " failed unexpectedly for " + request.getMethod() + " "
							+ request.getRequestURI() + "; the credential is treated as invalid (INVALID_CREDENTIAL)",
					where);
		}
	}

	private void logFailure(HttpServletRequest request, AuthException ex) {
		AuthorizationDecision decision = ex.decision();
		// AuthException messages are secret-free by contract; the credential itself is
		// never logged.
		if (decision.state() == AuthorizationDecisionState.ERROR) {
			logger.warn("Could not authenticate " + request.getMethod() + " " + request.getRequestURI() + " ("
					+ decision.reasonCode() + "): " + ex.getMessage(), ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Credential rejected for " + request.getMethod() + " " + request.getRequestURI() + " ("
					+ decision.reasonCode() + "): " + ex.getMessage());
		}
	}

	private void close(AuthContextScope scope, HttpServletRequest request) {
		try {
			scope.close();
		}
		catch (IllegalStateException ex) {
			// Closing has already unwound the scopes left open inside the request, so
			// nothing leaks to the next
			// request on this thread; the leak itself is a bug in the code that opened
			// them.
			logger.error("An AuthContextScope opened while handling " + request.getMethod() + " "
					+ request.getRequestURI() + " was still open when the request ended and has been closed. "
					+ "Close every scope you open, with try-with-resources.", ex);
		}
	}

	/**
	 * Puts the correlation id in SLF4J's MDC; a class of its own so that SLF4J is loaded
	 * only when present.
	 */
	private static final class CorrelationMdc {

		static @Nullable String put(String correlationId) {
			String previous = MDC.get(CORRELATION_ID_MDC_KEY);
			MDC.put(CORRELATION_ID_MDC_KEY, correlationId);
			return previous;
		}

		static void restore(@Nullable String previous) {
			if (previous != null) {
				MDC.put(CORRELATION_ID_MDC_KEY, previous);
			}
			else {
				MDC.remove(CORRELATION_ID_MDC_KEY);
			}
		}

	}

	/**
	 * The one authenticator with its {@link Authenticator#supports} test bound once, so
	 * no request allocates it, and what authenticates with it: the authenticator itself,
	 * or its observing decorator (messages name the authenticator, never the decorator).
	 */
	private record BoundAuthenticator(Authenticator authenticator, Authenticator authenticating,
			Predicate<CredentialCarrierKind> supported) {

		BoundAuthenticator(Authenticator authenticator, Authenticator authenticating) {
			this(authenticator, authenticating, authenticator::supports);
		}

	}

}
