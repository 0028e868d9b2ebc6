package dev.gatehouse.auth.cache;

import java.util.Objects;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.metadata.AuthRequirementKind;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.BoundaryDecider;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.PermissionChecker;
import dev.gatehouse.auth.spi.PolicyEvaluator;
import dev.gatehouse.auth.spi.RelationCheckRequest;
import dev.gatehouse.auth.spi.RelationChecker;
import org.jspecify.annotations.Nullable;

/**
 * Wraps permission checkers, relation checkers and policy evaluators so that their
 * decisions are served from an {@link AuthDecisionCache}. Applied only when a cache
 * exists: without one the ports are called directly. A {@code null} decision is not
 * cached (the evaluator refuses it anyway), and neither is an exception.
 *
 * <p>
 * Each key covers the context inputs the wrapped checker declares
 * ({@link DeclaresDecisionInputs}, read once here), or everything the context carries
 * when it declares nothing; a checker that declares {@link DecisionInputs#uncacheable()}
 * is returned unwrapped, and so is a {@link BoundaryDecider} (it caches by what it sends,
 * if at all).
 */
public final class CachingCheckers {

	private CachingCheckers() {
	}

	/**
	 * Wraps a permission checker.
	 * @param delegate the checker, or {@code null} when none exists
	 * @param cache the cache
	 * @return the caching checker, or {@code null} when the delegate is {@code null}
	 */
	public static @Nullable PermissionChecker permission(@Nullable PermissionChecker delegate,
			AuthDecisionCache cache) {
		Objects.requireNonNull(cache, "cache must not be null");
		if (delegate == null) {
			return null;
		}
		DecisionInputs inputs = inputsOf(delegate);
		return inputs.cacheable() ? new CachingPermissionChecker(delegate, cache, inputs) : delegate;
	}

	/**
	 * Wraps a relation checker.
	 * @param delegate the checker, or {@code null} when none exists
	 * @param cache the cache
	 * @return the caching checker, or {@code null} when the delegate is {@code null}
	 */
	public static @Nullable RelationChecker relation(@Nullable RelationChecker delegate, AuthDecisionCache cache) {
		Objects.requireNonNull(cache, "cache must not be null");
		if (delegate == null) {
			return null;
		}
		DecisionInputs inputs = inputsOf(delegate);
		return inputs.cacheable() ? new CachingRelationChecker(delegate, cache, inputs) : delegate;
	}

	/**
	 * Wraps a policy evaluator.
	 * @param delegate the evaluator, or {@code null} when none exists
	 * @param cache the cache
	 * @return the caching evaluator, or {@code null} when the delegate is {@code null}
	 */
	public static @Nullable PolicyEvaluator policy(@Nullable PolicyEvaluator delegate, AuthDecisionCache cache) {
		Objects.requireNonNull(cache, "cache must not be null");
		if (delegate == null) {
			return null;
		}
		DecisionInputs inputs = inputsOf(delegate);
		return inputs.cacheable() ? new CachingPolicyEvaluator(delegate, cache, inputs) : delegate;
	}

	private static DecisionInputs inputsOf(Object delegate) {
		if (delegate instanceof BoundaryDecider) {
			// It decides with the whole call in view, which a DecisionKey does not cover,
			// and would lose its one request per boundary behind a wrapper.
			return DecisionInputs.uncacheable();
		}
		if (delegate instanceof DeclaresDecisionInputs declaring) {
			return Objects.requireNonNull(declaring.decisionInputs(),
					() -> delegate.getClass().getName() + ".decisionInputs() must not return null");
		}
		return DecisionInputs.everything();
	}

	// A delegate that breaks its contract by returning null is passed through unchanged
	// (and not cached), so the
	// evaluator fails the call closed with INTERNAL_ERROR exactly as it would without the
	// cache.
	@SuppressWarnings("NullAway")
	private static AuthorizationDecision store(AuthDecisionCache cache, DecisionKey key,
			@Nullable AuthorizationDecision decision) {
		if (decision != null) {
			cache.put(key, decision);
		}
		return decision;
	}

	private record CachingPermissionChecker(PermissionChecker delegate, AuthDecisionCache cache,
			DecisionInputs inputs) implements PermissionChecker {

		@Override
		public AuthorizationDecision checkPermission(PermissionCheckRequest request) {
			DecisionKey key = DecisionKey.of(request.context(), this.inputs, AuthRequirementKind.PERMISSION,
					request.permission(), request.resource(), null, request.tenant());
			AuthorizationDecision cached = this.cache.get(key);
			return (cached != null) ? cached : store(this.cache, key, this.delegate.checkPermission(request));
		}

	}

	private record CachingRelationChecker(RelationChecker delegate, AuthDecisionCache cache,
			DecisionInputs inputs) implements RelationChecker {

		@Override
		public AuthorizationDecision checkRelation(RelationCheckRequest request) {
			DecisionKey key = DecisionKey.of(request.context(), this.inputs, AuthRequirementKind.RELATION,
					request.relation(), request.resource(), null, request.tenant());
			AuthorizationDecision cached = this.cache.get(key);
			return (cached != null) ? cached : store(this.cache, key, this.delegate.checkRelation(request));
		}

	}

	private record CachingPolicyEvaluator(PolicyEvaluator delegate, AuthDecisionCache cache,
			DecisionInputs inputs) implements PolicyEvaluator {

		@Override
		public AuthorizationDecision evaluatePolicy(AuthorizationRequest request) {
			DecisionKey key = DecisionKey.of(request.context(), this.inputs, AuthRequirementKind.POLICY,
					request.resource(), request.resource(), request.action(), request.tenant());
			AuthorizationDecision cached = this.cache.get(key);
			return (cached != null) ? cached : store(this.cache, key, this.delegate.evaluatePolicy(request));
		}

	}

}
