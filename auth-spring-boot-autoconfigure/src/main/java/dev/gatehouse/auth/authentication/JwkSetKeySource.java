package dev.gatehouse.auth.authentication;

import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import dev.gatehouse.auth.spi.VerifierHealth;
import org.jspecify.annotations.Nullable;

/**
 * The keys of a JWK set URI, built with Nimbus's {@link JWKSourceBuilder} rather than
 * Spring Security's JWK set decoder builder, which turns its protections off: the set is
 * fetched with connect and read timeouts, cached, refreshed ahead of expiry, and
 * refetched for an unknown key id at most twice per refetch interval (Nimbus keeps the
 * second request for a key rotation). A token whose key id is unknown while the refetch
 * is rate limited finds no key and is rejected as invalid, so forged key ids never turn
 * requests into calls to the identity provider. Until a set has been obtained once, a
 * rate-limited refetch still means "keys unavailable". {@link #health(String)} asks the
 * same cached, rate-limited source, so health probes add no requests while the set is
 * cached and at most the rate limit's while it cannot be obtained. Thread-safe.
 */
final class JwkSetKeySource implements JWKSource<SecurityContext> {

	/**
	 * Nimbus's default time-to-live, kept unless the refetch interval needs a longer one.
	 */
	private static final long MIN_CACHE_TIME_TO_LIVE = Duration.ofMinutes(5).toMillis();

	private static final JWKSelector ANY_KEY = new JWKSelector(new JWKMatcher.Builder().build());

	private final JWKSource<SecurityContext> delegate;

	private volatile boolean loaded;

	JwkSetKeySource(URL jwkSetUrl, Duration timeout, Duration refetchInterval) {
		Objects.requireNonNull(jwkSetUrl, "jwkSetUrl must not be null");
		int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
		long interval = Math.max(1, refetchInterval.toMillis());
		// Nimbus requires the cache to outlive the rate-limit interval.
		long timeToLive = Math.max(MIN_CACHE_TIME_TO_LIVE, 2 * interval);
		// A thread waiting for another thread's refresh gives up once that refresh must
		// have timed out.
		long refreshTimeout = 2L * timeoutMillis + 1000;
		DefaultResourceRetriever retriever = new DefaultResourceRetriever(timeoutMillis, timeoutMillis,
				JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
		this.delegate = JWKSourceBuilder.<SecurityContext>create(jwkSetUrl, retriever)
			.cache(timeToLive, refreshTimeout)
			.refreshAheadCache(true)
			.rateLimited(interval)
			.build();
	}

	@Override
	public List<JWK> get(JWKSelector jwkSelector, @Nullable SecurityContext context) throws KeySourceException {
		try {
			List<JWK> keys = this.delegate.get(jwkSelector, context);
			this.loaded = true;
			return keys;
		}
		catch (KeySourceException ex) {
			if (this.loaded && isRateLimited(ex)) {
				// The cached set has been searched and the key id is not in it; asking
				// again is not allowed yet.
				return List.of();
			}
			throw ex;
		}
	}

	/**
	 * Reports UP with the key ids while the set has keys (cached, or fetched now within
	 * the rate limit), DOWN when it cannot be obtained, cannot be parsed or is empty.
	 * Neither the URI nor the keys appear in the details.
	 * @param keySource names the configured key source in the details
	 * @return the status
	 */
	VerifierHealth.Status health(String keySource) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("keySource", keySource);
		List<JWK> keys;
		try {
			keys = get(ANY_KEY, null);
		}
		catch (KeySourceException | RuntimeException ex) {
			// Nimbus's messages may quote the URI; only the kind of failure is shown.
			details.put("error", "The JWK set could not be obtained (" + ex.getClass().getSimpleName() + ")");
			return VerifierHealth.Status.down(details);
		}
		if (keys.isEmpty()) {
			details.put("error", "The JWK set has no keys");
			return VerifierHealth.Status.down(details);
		}
		details.put("keyIds", keys.stream().map(JWK::getKeyID).filter(Objects::nonNull).toList());
		return VerifierHealth.Status.up(details);
	}

	private static boolean isRateLimited(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof RateLimitReachedException) {
				return true;
			}
		}
		return false;
	}

}
