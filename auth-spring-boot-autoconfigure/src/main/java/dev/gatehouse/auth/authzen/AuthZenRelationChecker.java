package dev.gatehouse.auth.authzen;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.spi.RelationChecker;
import dev.gatehouse.auth.spi.RelationCheckRequest;

/**
 * The {@link RelationChecker} backed by a policy decision point ({@code RELATION_CHECK}
 * in {@code gatehouse.authzen.provides}); see {@link AuthZenPort}.
 */
public final class AuthZenRelationChecker extends AuthZenPort implements RelationChecker {

	/**
	 * Creates the port.
	 * @param decider the engine
	 */
	public AuthZenRelationChecker(AuthZenDecider decider) {
		super(decider);
	}

	@Override
	public AuthorizationDecision checkRelation(RelationCheckRequest request) {
		return decideOne(request);
	}

}
