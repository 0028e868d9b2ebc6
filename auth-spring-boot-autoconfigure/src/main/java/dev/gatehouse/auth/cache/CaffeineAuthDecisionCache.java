package dev.gatehouse.auth.cache;

import java.time.Duration;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import org.jspecify.annotations.Nullable;

/**
 * {@link AuthDecisionCache} on a Caffeine cache bounded by size, each entry expiring a
 * fixed time after it was written. {@link #evict(String)} scans the entries, which is
 * fine for an administrative operation. Thread-safe.
 */
public final class CaffeineAuthDecisionCache implements AuthDecisionCache {

	private final Cache<DecisionKey, AuthorizationDecision> cache;

	/**
	 * Creates the cache.
	 * @param ttl how long a decision is reused after it was made; positive
	 * @param maximumSize how many decisions are kept at most; positive
	 */
	public CaffeineAuthDecisionCache(Duration ttl, long maximumSize) {
		this(ttl, maximumSize, Ticker.systemTicker());
	}

	/**
	 * Creates the cache with a ticker, so tests can move time.
	 * @param ttl how long a decision is reused after it was made; positive
	 * @param maximumSize how many decisions are kept at most; positive
	 * @param ticker the time source
	 */
	public CaffeineAuthDecisionCache(Duration ttl, long maximumSize, Ticker ticker) {
		Objects.requireNonNull(ttl, "ttl must not be null");
		Objects.requireNonNull(ticker, "ticker must not be null");
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("ttl must be positive");
		}
		if (maximumSize <= 0) {
			throw new IllegalArgumentException("maximumSize must be positive");
		}
		this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).ticker(ticker).build();
	}

	@Override
	public @Nullable AuthorizationDecision get(DecisionKey key) {
		return this.cache.getIfPresent(key);
	}

	@Override
	public void put(DecisionKey key, AuthorizationDecision decision) {
		if (decision.state() != AuthorizationDecisionState.ERROR) {
			this.cache.put(key, decision);
		}
	}

	@Override
	public void evict(String subjectId) {
		Objects.requireNonNull(subjectId, "subjectId must not be null");
		this.cache.asMap().keySet().removeIf((key) -> key.subjectId().equals(subjectId));
	}

	@Override
	public void evictAll() {
		this.cache.invalidateAll();
	}

	/**
	 * Returns the number of cached decisions, for diagnostics; approximate while entries
	 * expire.
	 * @return the estimated size
	 */
	public long estimatedSize() {
		return this.cache.estimatedSize();
	}

}
