package dev.gatehouse.auth.observation;

import java.util.Objects;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.metadata.AuthBoundaryKind;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code gatehouse.authorization} or {@code gatehouse.authentication} observation
 * knows: the boundary and, once taken, the decision. Never the credential.
 */
public final class AuthObservationContext extends Observation.Context {

	private final AuthBoundaryKind boundaryKind;

	private final String boundary;

	private @Nullable AuthorizationDecision decision;

	/**
	 * Creates a context for one boundary.
	 * @param boundaryKind the kind of boundary
	 * @param boundary the boundary: {@code Class#method}, the HTTP pattern, or a message
	 * destination such as {@code kafka:<topic>}
	 */
	public AuthObservationContext(AuthBoundaryKind boundaryKind, String boundary) {
		this.boundaryKind = Objects.requireNonNull(boundaryKind, "boundaryKind must not be null");
		this.boundary = Objects.requireNonNull(boundary, "boundary must not be null");
	}

	/**
	 * Returns the kind of boundary.
	 * @return the kind
	 */
	public AuthBoundaryKind getBoundaryKind() {
		return this.boundaryKind;
	}

	/**
	 * Returns the boundary: {@code Class#method}, the HTTP pattern, or a message
	 * destination.
	 * @return the boundary
	 */
	public String getBoundary() {
		return this.boundary;
	}

	/**
	 * Returns the decision, once taken.
	 * @return the decision, or {@code null} while undecided (or when the step failed
	 * unexpectedly)
	 */
	public @Nullable AuthorizationDecision getDecision() {
		return this.decision;
	}

	/**
	 * Records the decision.
	 * @param decision the decision
	 */
	public void setDecision(AuthorizationDecision decision) {
		this.decision = Objects.requireNonNull(decision, "decision must not be null");
	}

}
