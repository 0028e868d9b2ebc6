package dev.gatehouse.auth.observation;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthException;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.enforcement.AuthRequirementEvaluator;
import dev.gatehouse.auth.enforcement.EnforcementObserver;
import dev.gatehouse.auth.metadata.AuthBoundaryKind;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Wraps each enforced method call in a {@code gatehouse.authorization} observation: the
 * boundary kind is {@code HTTP} for controller handlers (the boundary then the request's
 * matched pattern) and {@code METHOD} otherwise ({@code Class#method}); the decision
 * state and reason code are recorded when the check ends.
 */
public final class ObservationEnforcementObserver implements EnforcementObserver {

	private static final AuthorizationObservationConvention DEFAULT_CONVENTION = new DefaultAuthorizationObservationConvention();

	private static final AuthorizationDecision ALLOWED = AuthorizationDecision.allow();

	// Spring MVC's HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, by name: spring-webmvc
	// is optional.
	private static final String BEST_MATCHING_PATTERN_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping"
			+ ".bestMatchingPattern";

	private static final boolean WEB_PRESENT = ClassUtils.isPresent(
			"org.springframework.web.context.request.RequestContextHolder",
			ObservationEnforcementObserver.class.getClassLoader());

	private final ObservationRegistry registry;

	private final @Nullable AuthorizationObservationConvention convention;

	private final Map<Method, Boundary> boundaries = new ConcurrentHashMap<>();

	/**
	 * Creates the observer.
	 * @param registry the registry that records the observations
	 * @param convention the application's convention, or {@code null} for
	 * {@link DefaultAuthorizationObservationConvention}
	 */
	public ObservationEnforcementObserver(ObservationRegistry registry,
			@Nullable AuthorizationObservationConvention convention) {
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.convention = convention;
	}

	@Override
	public void enforce(MethodInvocation invocation, EffectiveAuthMetadata metadata, @Nullable AuthContext context,
			AuthRequirementEvaluator evaluator) {
		Boundary boundary = boundary(invocation);
		AuthObservationContext observationContext = new AuthObservationContext(boundary.kind(),
				boundary.name(boundary.kind() == AuthBoundaryKind.HTTP ? matchedPattern() : null));
		Observation observation = Observation
			.createNotStarted(this.convention, DEFAULT_CONVENTION, () -> observationContext, this.registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			evaluator.enforce(metadata, context, invocation.getArguments());
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

	private Boundary boundary(MethodInvocation invocation) {
		Method method = invocation.getMethod();
		Boundary boundary = this.boundaries.get(method);
		if (boundary == null) {
			Object target = invocation.getThis();
			Class<?> type = ClassUtils.getUserClass((target != null) ? target.getClass() : method.getDeclaringClass());
			AuthBoundaryKind kind = AnnotatedElementUtils.hasAnnotation(type, Controller.class) ? AuthBoundaryKind.HTTP
					: AuthBoundaryKind.METHOD;
			boundary = new Boundary(kind, type.getSimpleName() + "#" + method.getName());
			this.boundaries.putIfAbsent(method, boundary);
		}
		return boundary;
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

	/**
	 * A method's boundary kind and {@code Class#method} name, computed once.
	 */
	private record Boundary(AuthBoundaryKind kind, String methodName) {

		String name(@Nullable String pattern) {
			return (pattern != null) ? pattern : this.methodName;
		}

	}

}
