package dev.gatehouse.auth.authzen;

import java.util.List;
import java.util.Objects;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.spi.AuthorizationCall;
import dev.gatehouse.auth.spi.BoundaryDecider;
import dev.gatehouse.auth.spi.DecisionRequest;

/**
 * What the AuthZEN port beans share: each is a {@link BoundaryDecider} of the
 * {@link AuthZenDecider} engine, so a boundary's requirements of every port the engine
 * backs are decided in one request, and a port called on its own asks about one
 * requirement.
 */
public abstract class AuthZenPort implements BoundaryDecider {

	private final AuthZenDecider decider;

	/**
	 * Creates the port.
	 * @param decider the engine
	 */
	protected AuthZenPort(AuthZenDecider decider) {
		this.decider = Objects.requireNonNull(decider, "decider must not be null");
	}

	/**
	 * Decides one requirement outside a boundary (a call without method or arguments).
	 * @param request the requirement
	 * @return the decision
	 */
	protected final AuthorizationDecision decideOne(DecisionRequest request) {
		List<AuthorizationDecision> decisions = this.decider.decideAll(List.of(request), AuthorizationCall.unknown());
		return decisions.isEmpty() ? AuthZenDecider.UNAVAILABLE : decisions.get(0);
	}

	@Override
	public final List<AuthorizationDecision> decideAll(List<DecisionRequest> requests, AuthorizationCall call) {
		return this.decider.decideAll(requests, call);
	}

	@Override
	public final Object engine() {
		return this.decider;
	}

	@Override
	public String toString() {
		return getClass().getSimpleName() + "[" + this.decider + "]";
	}

}
