package dev.gatehouse.auth.authzen;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.AuthorizationRequest;

/**
 * The {@link PolicyEvaluator} backed by a policy decision point
 * ({@code POLICY_EVALUATION} in {@code gatehouse.authzen.provides}); see
 * {@link AuthZenPort}.
 */
public final class AuthZenPolicyEvaluator extends AuthZenPort implements PolicyEvaluator {

	/**
	 * Creates the port.
	 * @param decider the engine
	 */
	public AuthZenPolicyEvaluator(AuthZenDecider decider) {
		super(decider);
	}

	@Override
	public AuthorizationDecision evaluatePolicy(AuthorizationRequest request) {
		return decideOne(request);
	}

}
