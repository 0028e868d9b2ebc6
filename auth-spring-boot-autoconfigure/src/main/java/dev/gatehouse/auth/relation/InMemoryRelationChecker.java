package dev.gatehouse.auth.relation;

import java.util.Objects;

import dev.gatehouse.auth.cache.DecisionInputs;
import dev.gatehouse.auth.cache.DeclaresDecisionInputs;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.RelationCheckRequest;
import dev.gatehouse.auth.spi.RelationChecker;

/**
 * A {@link RelationChecker} over an {@link InMemoryRelationStore}, keyed by the caller's
 * subject id; a tenant-qualified requirement also needs the context's tenant to be that
 * tenant. Never registered automatically: an application declares it as a bean for tests
 * and demos.
 */
public final class InMemoryRelationChecker implements RelationChecker, DeclaresDecisionInputs {

	private static final AuthorizationDecision DENIED = AuthorizationDecision
		.deny(AuthorizationReasonCode.RELATION_DENIED, "The required relation to the resource is missing.");

	private final InMemoryRelationStore store;

	/**
	 * Creates the checker.
	 * @param store the tuples, inheritance and parents to check against
	 */
	public InMemoryRelationChecker(InMemoryRelationStore store) {
		this.store = Objects.requireNonNull(store, "store must not be null");
	}

	@Override
	public AuthorizationDecision checkRelation(RelationCheckRequest request) {
		AuthContext context = request.context();
		String tenant = request.tenant();
		if (tenant != null && !tenant.equals(context.tenant())) {
			return DENIED;
		}
		return this.store.check(context.subject().id(), request.relation(), request.resource())
				? AuthorizationDecision.allow() : DENIED;
	}

	/**
	 * Decides on the subject id and tenant alone, so the decision cache keys on who the
	 * caller is (evict a subject when its tuples change).
	 * @return the inputs
	 */
	@Override
	public DecisionInputs decisionInputs() {
		return DecisionInputs.identity();
	}

}
