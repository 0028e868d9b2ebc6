package dev.gatehouse.auth.observation;

import io.micrometer.common.KeyValues;

/**
 * The default {@link AuthorizationObservationConvention}: the observation
 * {@code gatehouse.authorization}, tagged with the decision's state and reason code and
 * the boundary kind, with the boundary itself as a high-cardinality key.
 */
public class DefaultAuthorizationObservationConvention implements AuthorizationObservationConvention {

	/** Name of the observation (and of the resulting timer). */
	public static final String NAME = "gatehouse.authorization";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(AuthObservationContext context) {
		return "authorize " + context.getBoundary();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(AuthObservationContext context) {
		return AuthObservationKeys.lowCardinality(context);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(AuthObservationContext context) {
		return AuthObservationKeys.highCardinality(context);
	}

}
