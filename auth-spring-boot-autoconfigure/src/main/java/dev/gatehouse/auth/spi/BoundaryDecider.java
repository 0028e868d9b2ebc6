package dev.gatehouse.auth.spi;

import java.util.List;

import dev.gatehouse.auth.decision.AuthorizationDecision;

/**
 * Implemented by a {@link PermissionChecker}, {@link RelationChecker} or
 * {@link PolicyEvaluator} bean that decides better with the whole call in view, such as a
 * remote policy decision point: Gatehouse hands it every requirement of a boundary that
 * it (or a bean of the same {@link #engine()}) backs, in declaration order, in one call,
 * together with the call's arguments, instead of one port call per requirement.
 *
 * <p>
 * Requirements of other ports keep their place: the decision reported is still that of
 * the boundary's first refused requirement in declaration order. A requirement whose
 * {@code {placeholder}} has no value is not handed over; it is refused when evaluation
 * reaches it. Such a bean is never wrapped by the generic decision cache (its key does
 * not cover the call); it caches by what it sends, if at all.
 */
public interface BoundaryDecider {

	/**
	 * Decides requirements of one call.
	 * @param requests the questions, in the boundary's order; each is of a port this bean
	 * or another bean of the same {@link #engine()} backs
	 * @param call the protected call
	 * @return one decision per request, in order; or fewer, up to and including the first
	 * refusal, when the decider stopped there. Never {@code null}; a list that ends early
	 * with an ALLOW refuses the call with ERROR/INTERNAL_ERROR
	 */
	List<AuthorizationDecision> decideAll(List<DecisionRequest> requests, AuthorizationCall call);

	/**
	 * Identifies the engine behind this bean: the requirements of every port bean with
	 * the same engine (by identity) are decided in one {@link #decideAll} call, on any of
	 * those beans.
	 * @return the engine; this bean by default
	 */
	default Object engine() {
		return this;
	}

}
