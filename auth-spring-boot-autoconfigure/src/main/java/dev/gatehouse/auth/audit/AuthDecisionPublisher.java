package dev.gatehouse.auth.audit;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.enforcement.AuthDecisionListener;
import dev.gatehouse.auth.metadata.AuthBoundaryKind;
import dev.gatehouse.auth.metadata.AuthRequirement;
import dev.gatehouse.auth.metadata.AuthRequirementKind;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;

/**
 * Publishes {@link AuthDecisionEvent}s through the application's event publisher: for
 * protected method calls (as the interceptor's {@link AuthDecisionListener}) and for
 * rejected credentials at the servlet boundary.
 *
 * <p>
 * A failing event listener never changes the call's outcome: its exception is logged and
 * the decision stands. Listeners run on the caller's thread unless they are
 * {@code @Async}, so they should be quick.
 */
public final class AuthDecisionPublisher implements AuthDecisionListener {

	/** Requirement recorded for a rejected credential. */
	public static final String AUTHENTICATION_REQUIREMENT = "authentication";

	private static final Log logger = LogFactory.getLog(AuthDecisionPublisher.class);

	private final ApplicationEventPublisher publisher;

	private final Map<Method, Boundary> boundaries = new ConcurrentHashMap<>();

	/**
	 * Creates the publisher.
	 * @param publisher the application's event publisher
	 */
	public AuthDecisionPublisher(ApplicationEventPublisher publisher) {
		this.publisher = Objects.requireNonNull(publisher, "publisher must not be null");
	}

	@Override
	public void decided(MethodInvocation invocation, @Nullable EffectiveAuthMetadata metadata,
			@Nullable AuthContext context, AuthorizationDecision decision) {
		String requirement = (metadata != null) ? describe(metadata.requirements()) : "unresolvable";
		Boundary boundary = boundary(invocation);
		publish(new AuthDecisionEvent(context, boundary.kind(), boundary.name(), requirement, decision));
	}

	/**
	 * Publishes the rejection of a request's credential.
	 * @param boundary the request's method and path
	 * @param decision the rejection
	 */
	public void authenticationRejected(String boundary, AuthorizationDecision decision) {
		publish(new AuthDecisionEvent(null, AuthBoundaryKind.HTTP, boundary, AUTHENTICATION_REQUIREMENT, decision));
	}

	private void publish(AuthDecisionEvent event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener of " + event + " failed; the decision stands", ex);
		}
	}

	private Boundary boundary(MethodInvocation invocation) {
		Method method = invocation.getMethod();
		Boundary boundary = this.boundaries.get(method);
		if (boundary == null) {
			Object target = invocation.getThis();
			Class<?> type = ClassUtils.getUserClass((target != null) ? target.getClass() : method.getDeclaringClass());
			// Controller handlers are the HTTP boundary, as in the observations.
			AuthBoundaryKind kind = AnnotatedElementUtils.hasAnnotation(type, Controller.class) ? AuthBoundaryKind.HTTP
					: AuthBoundaryKind.METHOD;
			boundary = new Boundary(kind, type.getSimpleName() + "#" + method.getName());
			this.boundaries.putIfAbsent(method, boundary);
		}
		return boundary;
	}

	/**
	 * A method's boundary kind and {@code Class#method} name, computed once.
	 */
	private record Boundary(AuthBoundaryKind kind, String name) {
	}

	private static String describe(List<AuthRequirement> requirements) {
		StringJoiner joined = new StringJoiner(" AND ");
		for (AuthRequirement requirement : requirements) {
			if (requirement.kind() == AuthRequirementKind.AUTHENTICATED && requirements.size() > 1) {
				// Implied by every other requirement; naming it adds nothing to the
				// trail.
				continue;
			}
			StringBuilder text = new StringBuilder(requirement.kind().name()).append('(').append(requirement.ref());
			if (requirement.resource() != null) {
				text.append(" on ").append(requirement.resource());
			}
			if (requirement.action() != null) {
				text.append(' ').append(requirement.action());
			}
			if (requirement.tenant() != null) {
				text.append(" in ").append(requirement.tenant());
			}
			joined.add(text.append(')'));
		}
		return joined.toString();
	}

}
