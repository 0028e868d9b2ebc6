package dev.gatehouse.auth.audit;

import java.util.Objects;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.metadata.AuthBoundaryKind;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * One Gatehouse decision, for an audit trail: published for every refusal (and every
 * allowed call with {@code gatehouse.audit.allowed=true}). It names the caller by subject
 * id, issuer and tenant and never carries credential material.
 */
public final class AuthDecisionEvent extends ApplicationEvent {

	private final @Nullable String subjectId;

	private final @Nullable String issuer;

	private final @Nullable String tenant;

	private final @Nullable String correlationId;

	private final AuthBoundaryKind boundaryKind;

	private final String boundary;

	private final String requirement;

	private final AuthorizationDecision decision;

	/**
	 * Creates the event.
	 * @param context the caller's context, or {@code null} for an unauthenticated caller
	 * @param boundaryKind the kind of boundary
	 * @param boundary the boundary: {@code Class#method} or the request path
	 * @param requirement what the boundary requires, for example {@code ROLE(editor)}, or
	 * {@code authentication} for a rejected credential
	 * @param decision the decision
	 */
	public AuthDecisionEvent(@Nullable AuthContext context, AuthBoundaryKind boundaryKind, String boundary,
			String requirement, AuthorizationDecision decision) {
		super(Objects.requireNonNull(boundary, "boundary must not be null"));
		this.subjectId = (context != null) ? context.subject().id() : null;
		this.issuer = (context != null) ? context.issuer() : null;
		this.tenant = (context != null) ? context.tenant() : null;
		this.correlationId = (context != null) ? context.correlationId() : null;
		this.boundaryKind = Objects.requireNonNull(boundaryKind, "boundaryKind must not be null");
		this.boundary = boundary;
		this.requirement = Objects.requireNonNull(requirement, "requirement must not be null");
		this.decision = Objects.requireNonNull(decision, "decision must not be null");
	}

	/**
	 * Returns the caller's subject id.
	 * @return the subject id, or {@code null} for an unauthenticated caller
	 */
	public @Nullable String getSubjectId() {
		return this.subjectId;
	}

	/**
	 * Returns who authenticated the caller.
	 * @return the issuer, or {@code null}
	 */
	public @Nullable String getIssuer() {
		return this.issuer;
	}

	/**
	 * Returns the tenant the caller acted in.
	 * @return the tenant, or {@code null}
	 */
	public @Nullable String getTenant() {
		return this.tenant;
	}

	/**
	 * Returns the correlation id of the call chain.
	 * @return the correlation id, or {@code null}
	 */
	public @Nullable String getCorrelationId() {
		return this.correlationId;
	}

	/**
	 * Returns the kind of boundary.
	 * @return the kind
	 */
	public AuthBoundaryKind getBoundaryKind() {
		return this.boundaryKind;
	}

	/**
	 * Returns the boundary: {@code Class#method} or the request path.
	 * @return the boundary
	 */
	public String getBoundary() {
		return this.boundary;
	}

	/**
	 * Returns what the boundary requires, for example {@code ROLE(editor)}.
	 * @return the requirement
	 */
	public String getRequirement() {
		return this.requirement;
	}

	/**
	 * Returns the decision.
	 * @return the decision
	 */
	public AuthorizationDecision getDecision() {
		return this.decision;
	}

	@Override
	public String toString() {
		return "AuthDecisionEvent[" + this.decision.state() + "/" + this.decision.reasonCode() + " at "
				+ this.boundaryKind + " " + this.boundary + " requiring " + this.requirement + " for subject "
				+ this.subjectId + "]";
	}

}
