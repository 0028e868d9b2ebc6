package dev.gatehouse.auth.authzen;

import dev.gatehouse.auth.spi.AuthorizationCall;
import dev.gatehouse.auth.spi.DecisionRequest;

/**
 * Turns one requirement of a call into the AuthZEN evaluation sent to the policy decision
 * point. The default is {@link DefaultAuthZenRequestMapper}; define one bean of this type
 * to replace it. {@link AuthZenRequestCustomizer} beans add properties to whatever it
 * returns.
 *
 * <p>
 * With a replaced mapper, the decision cache keys each decision by the evaluation the
 * mapper returned (compared with {@code equals}), so a mapper that reads something must
 * put it into the evaluation.
 */
@FunctionalInterface
public interface AuthZenRequestMapper {

	/**
	 * Maps a requirement.
	 * @param request the resolved requirement
	 * @param call the protected call
	 * @param boundary the boundary's name, for example {@code DocumentController.update}
	 * @return the evaluation; an exception refuses the call with ERROR/INTERNAL_ERROR
	 * without contacting the engine
	 */
	AuthZenEvaluation map(DecisionRequest request, AuthorizationCall call, String boundary);

}
