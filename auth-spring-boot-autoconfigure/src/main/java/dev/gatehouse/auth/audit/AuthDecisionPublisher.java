package dev.gatehouse.auth.audit;

import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.enforcement.AuthDecisionListener;
import dev.gatehouse.auth.metadata.AuthBoundaryKind;
import dev.gatehouse.auth.metadata.AuthRequirement;
import dev.gatehouse.auth.metadata.AuthRequirementKind;
import dev.gatehouse.auth.metadata.EffectiveAuthMetadata;
import dev.gatehouse.auth.metadata.MethodBoundaries;
import dev.gatehouse.auth.metadata.MethodBoundary;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;

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

	private final MethodBoundaries boundaries;

	/**
	 * Creates the publisher.
	 * @param publisher the application's event publisher
	 */
	public AuthDecisionPublisher(ApplicationEventPublisher publisher) {
		this(publisher, new MethodBoundaries());
	}

	/**
	 * Creates the publisher, naming method boundaries with the given (shared) table.
	 * @param publisher the application's event publisher
	 * @param boundaries names each protected method
	 */
	public AuthDecisionPublisher(ApplicationEventPublisher publisher, MethodBoundaries boundaries) {
		this.publisher = Objects.requireNonNull(publisher, "publisher must not be null");
		this.boundaries = Objects.requireNonNull(boundaries, "boundaries must not be null");
	}

	@Override
	public void decided(MethodInvocation invocation, @Nullable EffectiveAuthMetadata metadata,
			@Nullable AuthContext context, AuthorizationDecision decision) {
		String requirement = (metadata != null) ? describe(metadata.requirements()) : "unresolvable";
		MethodBoundary boundary = this.boundaries.get(invocation.getMethod(), invocation.getThis());
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
