package dev.gatehouse.auth.authzen;

import java.util.List;
import java.util.Objects;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.spi.AuthorizationCall;
import dev.gatehouse.auth.spi.BoundaryDecider;
import dev.gatehouse.auth.spi.DecisionRequest;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.AuthorizationRequest;

/**
 * The {@link PolicyEvaluator} backed by a policy decision point
 * ({@code POLICY_EVALUATION} in {@code gatehouse.authzen.provides}). As a
 * {@link BoundaryDecider} of the {@link AuthZenDecider} engine, a boundary's requirements
 * of every port the engine backs are decided in one request.
 */
public final class AuthZenPolicyEvaluator implements PolicyEvaluator, BoundaryDecider {

	private final AuthZenDecider decider;

	/**
	 * Creates the port.
	 * @param decider the engine
	 */
	public AuthZenPolicyEvaluator(AuthZenDecider decider) {
		this.decider = Objects.requireNonNull(decider, "decider must not be null");
	}

	@Override
	public AuthorizationDecision evaluatePolicy(AuthorizationRequest request) {
		List<AuthorizationDecision> decisions = this.decider.decideAll(List.of(request), AuthorizationCall.unknown());
		return decisions.isEmpty() ? AuthZenDecider.UNAVAILABLE : decisions.get(0);
	}

	@Override
	public List<AuthorizationDecision> decideAll(List<DecisionRequest> requests, AuthorizationCall call) {
		return this.decider.decideAll(requests, call);
	}

	@Override
	public Object engine() {
		return this.decider;
	}

	@Override
	public String toString() {
		return "AuthZenPolicyEvaluator[" + this.decider + "]";
	}

}
