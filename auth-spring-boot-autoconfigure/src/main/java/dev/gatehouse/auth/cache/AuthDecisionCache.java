package dev.gatehouse.auth.cache;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import org.jspecify.annotations.Nullable;

/**
 * Caches permission, relation and policy decisions by {@link DecisionKey}. ERROR
 * decisions are never stored, so an unreachable provider is asked again on the next call.
 * Applications call {@link #evict(String)} when a subject's grants change (role removed,
 * tuple deleted) and {@link #evictAll()} after a policy change.
 */
public interface AuthDecisionCache {

	/**
	 * Returns the cached decision for a key.
	 * @param key what is asked and by whom
	 * @return the decision, or {@code null} when none is cached (or it expired)
	 */
	@Nullable AuthorizationDecision get(DecisionKey key);

	/**
	 * Caches a decision; an ERROR decision is ignored.
	 * @param key what was asked and by whom
	 * @param decision the decision the checker made
	 */
	void put(DecisionKey key, AuthorizationDecision decision);

	/**
	 * Removes every cached decision of a subject, for any issuer and tenant.
	 * @param subjectId the subject id
	 */
	void evict(String subjectId);

	/**
	 * Removes every cached decision.
	 */
	void evictAll();

}
