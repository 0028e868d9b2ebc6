package dev.gatehouse.auth.observation;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * The key names shared by Gatehouse's observations.
 */
public final class AuthObservationKeys {

	/** Low cardinality: the decision's state ({@code ALLOW}, {@code DENY}, ...). */
	public static final String DECISION_STATE = "gatehouse.decision.state";

	/** Low cardinality: the decision's reason code. */
	public static final String REASON_CODE = "gatehouse.reason.code";

	/**
	 * Low cardinality: the kind of boundary ({@code METHOD}, {@code HTTP},
	 * {@code MESSAGE}).
	 */
	public static final String BOUNDARY_KIND = "gatehouse.boundary.kind";

	/**
	 * High cardinality: the boundary, {@code Class#method}, the HTTP pattern, or for a
	 * message {@code kafka:<topic>}, {@code channel:<bean name>} or the destination given
	 * to the snapshot propagator.
	 */
	public static final String BOUNDARY = "gatehouse.boundary";

	// An observation whose step failed unexpectedly has no decision: tagged so, the
	// error itself is on the observation (and the error tag of the metrics mode's timer).
	static final String UNKNOWN = "UNKNOWN";

	private AuthObservationKeys() {
	}

	static KeyValues lowCardinality(AuthObservationContext context) {
		@Nullable AuthorizationDecision decision = context.getDecision();
		return KeyValues.of(KeyValue.of(DECISION_STATE, (decision != null) ? decision.state().name() : UNKNOWN),
				KeyValue.of(REASON_CODE, (decision != null) ? decision.reasonCode().name() : UNKNOWN),
				KeyValue.of(BOUNDARY_KIND, context.getBoundaryKind().name()));
	}

	static KeyValues highCardinality(AuthObservationContext context) {
		return KeyValues.of(BOUNDARY, context.getBoundary());
	}

}
