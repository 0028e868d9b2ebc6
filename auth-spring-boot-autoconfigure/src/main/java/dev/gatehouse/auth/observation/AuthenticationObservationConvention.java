package dev.gatehouse.auth.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code gatehouse.authentication} observation; define a bean of this
 * type to replace {@link DefaultAuthenticationObservationConvention}.
 */
public interface AuthenticationObservationConvention extends ObservationConvention<AuthObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof AuthObservationContext;
	}

}
