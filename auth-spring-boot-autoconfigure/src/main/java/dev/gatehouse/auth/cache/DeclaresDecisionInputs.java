package dev.gatehouse.auth.cache;

/**
 * Implemented by a permission checker, relation checker or policy evaluator that tells
 * the decision cache which context inputs its decisions depend on. A checker that does
 * not implement it is keyed by everything the context carries that can grant
 * ({@link DecisionInputs#everything()}); declaring fewer inputs lets callers that differ
 * only in what the checker ignores share a cached decision. Read once, when the cache is
 * put in front of the checker.
 *
 * <pre class="code">
 * class TeamPermissionChecker implements PermissionChecker, DeclaresDecisionInputs {
 *
 *     public DecisionInputs decisionInputs() {
 *         return DecisionInputs.identity().withClaims("team");
 *     }
 *     ...
 * }
 * </pre>
 */
public interface DeclaresDecisionInputs {

	/**
	 * Returns what this checker's decisions depend on; declaring an input it does not
	 * read only costs cache hits, leaving out one it reads serves one caller's decision
	 * to another.
	 * @return the inputs, never {@code null}
	 */
	DecisionInputs decisionInputs();

}
