package dev.gatehouse.auth.observation;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.enforcement.MethodCallEnforcer;
import dev.gatehouse.auth.metadata.AuthBoundaryKind;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import dev.gatehouse.auth.metadata.MethodBoundaries;
import dev.gatehouse.auth.metadata.MethodBoundary;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Decorates a {@link MethodCallEnforcer} with one {@code gatehouse.authorization}
 * {@link Observation} per call ({@code gatehouse.observation.authorization=observation},
 * for tracing each check): the boundary kind is {@code HTTP} for controller handlers (the
 * boundary then the request's matched pattern) and {@code METHOD} otherwise
 * ({@code Class#method}); the decision state and reason code are recorded when the check
 * ends.
 */
public final class ObservedMethodCallEnforcer implements MethodCallEnforcer {

	private static final AuthorizationObservationConvention DEFAULT_CONVENTION = new DefaultAuthorizationObservationConvention();

	private static final AuthorizationDecision ALLOWED = AuthorizationDecision.allow();

	// Spring MVC's HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, by name: spring-webmvc
	// is optional.
	private static final String BEST_MATCHING_PATTERN_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping"
			+ ".bestMatchingPattern";

	private static final boolean WEB_PRESENT = ClassUtils.isPresent(
			"org.springframework.web.context.request.RequestContextHolder",
			ObservedMethodCallEnforcer.class.getClassLoader());

	private final MethodCallEnforcer delegate;

	private final ObservationRegistry registry;

	private final @Nullable AuthorizationObservationConvention convention;

	private final MethodBoundaries boundaries;

	/**
	 * Creates the decorator.
	 * @param delegate the enforcer that decides
	 * @param registry the registry that records the observations
	 * @param convention the application's convention, or {@code null} for
	 * {@link DefaultAuthorizationObservationConvention}
	 * @param boundaries names each protected method
	 */
	public ObservedMethodCallEnforcer(MethodCallEnforcer delegate, ObservationRegistry registry,
			@Nullable AuthorizationObservationConvention convention, MethodBoundaries boundaries) {
		this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.convention = convention;
		this.boundaries = Objects.requireNonNull(boundaries, "boundaries must not be null");
	}

	@Override
	public void enforce(MethodInvocation invocation, EffectiveAuthMetadata metadata, @Nullable AuthContext context) {
		MethodBoundary boundary = this.boundaries.get(invocation.getMethod(), invocation.getThis());
		String pattern = (boundary.kind() == AuthBoundaryKind.HTTP) ? matchedPattern() : null;
		AuthObservationContext observationContext = new AuthObservationContext(boundary.kind(),
				(pattern != null) ? pattern : boundary.name());
		Observation observation = Observation
			.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> observationContext, this.registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			this.delegate.enforce(invocation, metadata, context);
			observationContext.setDecision(ALLOWED);
		}
		catch (AuthException ex) {
			observationContext.setDecision(ex.decision());
			throw ex;
		}
		catch (RuntimeException | Error ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private static @Nullable String matchedPattern() {
		return WEB_PRESENT ? HttpPattern.current() : null;
	}

	/**
	 * Reads the matched pattern of the current request; a class of its own so that
	 * spring-web is loaded only when present.
	 */
	private static final class HttpPattern {

		static @Nullable String current() {
			RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
			return (attributes != null && attributes.getAttribute(BEST_MATCHING_PATTERN_ATTRIBUTE,
					RequestAttributes.SCOPE_REQUEST) instanceof String pattern) ? pattern : null;
		}

	}

}
