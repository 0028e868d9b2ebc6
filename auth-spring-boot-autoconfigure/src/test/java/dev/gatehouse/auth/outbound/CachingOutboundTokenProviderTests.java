package dev.gatehouse.auth.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The cache every fetched outbound token goes through: reuse until expiry minus skew, one
 * request in flight per key, failures delivered to every waiter and then backed off.
 */
class CachingOutboundTokenProviderTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

	private final AtomicInteger requests = new AtomicInteger();

	private OutboundTokenProvider issuing(Duration lifetime) {
		return (request) -> {
			int n = this.requests.incrementAndGet();
			String subject = (request.onBehalfOf() != null) ? request.onBehalfOf().subject().id() : "self";
			return OutboundToken.bearer("token-" + subject + "-" + n, this.clock.instant().plus(lifetime));
		};
	}

	private CachingOutboundTokenProvider cache(OutboundTokenProvider delegate, boolean onBehalfOf) {
		return new CachingOutboundTokenProvider("billing", delegate, onBehalfOf, Duration.ofSeconds(60),
				Duration.ofSeconds(5), this.clock);
	}

	private static OutboundTokenRequest own() {
		return new OutboundTokenRequest("billing", null, false);
	}

	@Test
	void reusesTheTokenUntilExpiryMinusSkew() {
		CachingOutboundTokenProvider cache = cache(issuing(Duration.ofMinutes(5)), false);
		OutboundToken first = cache.token(own());
		this.clock.advance(Duration.ofSeconds(239));
		assertThat(cache.token(own())).isSameAs(first);
		assertThat(this.requests).hasValue(1);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(cache.token(own()).value()).isEqualTo("token-self-2");
		assertThat(this.requests).hasValue(2);
	}

	@Test
	void refreshesAShortLivedTokenAtHalfItsLifetime() {
		CachingOutboundTokenProvider cache = cache(issuing(Duration.ofSeconds(30)), false);
		cache.token(own());
		this.clock.advance(Duration.ofSeconds(14));
		cache.token(own());
		assertThat(this.requests).hasValue(1);
		this.clock.advance(Duration.ofSeconds(1));
		cache.token(own());
		assertThat(this.requests).hasValue(2);
	}

	@Test
	void neverRefreshesATokenWithoutExpiry() {
		CachingOutboundTokenProvider cache = cache((request) -> {
			this.requests.incrementAndGet();
			return OutboundToken.bearer("forever", null);
		}, false);
		cache.token(own());
		this.clock.advance(Duration.ofDays(3650));
		cache.token(own());
		assertThat(this.requests).hasValue(1);
		assertThat(cache.expiresAt()).isNull();
	}

	@Test
	void forcedRefreshBypassesTheCachedToken() {
		CachingOutboundTokenProvider cache = cache(issuing(Duration.ofMinutes(5)), false);
		cache.token(own());
		OutboundToken forced = cache.token(new OutboundTokenRequest("billing", null, true));
		assertThat(forced.value()).isEqualTo("token-self-2");
		assertThat(cache.token(own())).isSameAs(forced);
	}

	@Test
	void concurrentCallersShareOneRequest() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CachingOutboundTokenProvider cache = cache((request) -> {
			this.requests.incrementAndGet();
			await(release);
			return OutboundToken.bearer("shared", this.clock.instant().plusSeconds(300));
		}, false);
		List<Future<OutboundToken>> results = new ArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(64);
		try {
			CountDownLatch started = new CountDownLatch(64);
			for (int i = 0; i < 64; i++) {
				results.add(executor.submit(() -> {
					started.countDown();
					return cache.token(own());
				}));
			}
			started.await(10, TimeUnit.SECONDS);
			// Give the threads time to reach the cache before the one request returns.
			Thread.sleep(200);
			release.countDown();
			for (Future<OutboundToken> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS).value()).isEqualTo("shared");
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.requests).hasValue(1);
	}

	@Test
	void deliversAFailureToEveryWaiterAndDoesNotCacheIt() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CachingOutboundTokenProvider cache = cache((request) -> {
			this.requests.incrementAndGet();
			await(release);
			throw new IllegalStateException("connection refused to secret-host");
		}, false);
		ExecutorService executor = Executors.newFixedThreadPool(8);
		List<Future<OutboundToken>> results = new ArrayList<>();
		try {
			for (int i = 0; i < 8; i++) {
				results.add(executor.submit(() -> cache.token(own())));
			}
			Thread.sleep(200);
			release.countDown();
			for (Future<OutboundToken> result : results) {
				assertThatExceptionOfType(Exception.class).isThrownBy(() -> result.get(10, TimeUnit.SECONDS))
					.havingCause()
					.isInstanceOf(OutboundCredentialUnavailableException.class)
					.withMessageContaining("billing")
					.withMessageNotContaining("secret-host");
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.requests).hasValue(1);
		assertThat(cache.cachedTokens()).isZero();
	}

	@Test
	void asksAFailingRegistrationAgainOnlyAfterTheBackoff() {
		AtomicInteger calls = new AtomicInteger();
		CachingOutboundTokenProvider cache = cache((request) -> {
			if (calls.incrementAndGet() == 1) {
				throw new OutboundCredentialUnavailableException("identity provider down", null);
			}
			return OutboundToken.bearer("recovered", this.clock.instant().plusSeconds(300));
		}, false);
		assertThatExceptionOfType(OutboundCredentialUnavailableException.class).isThrownBy(() -> cache.token(own()))
			.satisfies((ex) -> assertThat(ex.decision().reasonCode())
				.isEqualTo(AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE));
		assertThat(cache.state()).isEqualTo(OutboundRegistrationState.DOWN);
		assertThat(cache.lastError()).isEqualTo("identity provider down");
		this.clock.advance(Duration.ofMillis(4999));
		assertThatExceptionOfType(OutboundCredentialUnavailableException.class).isThrownBy(() -> cache.token(own()))
			.withMessageContaining("not asked again");
		assertThat(calls).hasValue(1);
		this.clock.advance(Duration.ofMillis(1));
		assertThat(cache.token(own()).value()).isEqualTo("recovered");
		assertThat(cache.state()).isEqualTo(OutboundRegistrationState.UP);
		assertThat(cache.lastError()).isNull();
	}

	@Test
	void reportsDegradedWhileAFailedRefreshLeavesAnUnexpiredToken() {
		AtomicInteger calls = new AtomicInteger();
		CachingOutboundTokenProvider cache = cache((request) -> {
			if (calls.incrementAndGet() == 2) {
				throw new OutboundCredentialUnavailableException("identity provider down", null);
			}
			return OutboundToken.bearer("t" + calls.get(), this.clock.instant().plusSeconds(300));
		}, false);
		cache.token(own());
		this.clock.advance(Duration.ofSeconds(250));
		assertThat(cache.refresh()).isFalse();
		assertThat(cache.state()).isEqualTo(OutboundRegistrationState.DEGRADED);
		assertThat(cache.expiresAt()).isEqualTo(Instant.parse("2026-01-01T10:05:00Z"));
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(cache.state()).isEqualTo(OutboundRegistrationState.DOWN);
		assertThat(cache.refresh()).isTrue();
		assertThat(cache.state()).isEqualTo(OutboundRegistrationState.UP);
	}

	@Test
	void keysOnBehalfOfTokensByCallerNotByCredential() {
		CachingOutboundTokenProvider cache = cache(issuing(Duration.ofMinutes(5)), true);
		AuthContext alice = AuthContext.builder("alice").issuer("https://idp").tenant("t1").build();
		AuthContext bob = AuthContext.builder("bob").issuer("https://idp").tenant("t1").build();
		AuthContext aliceAgain = AuthContext.builder("alice").issuer("https://idp").tenant("t1").roles("new").build();
		OutboundToken forAlice = cache.token(new OutboundTokenRequest("billing", alice, false));
		OutboundToken forBob = cache.token(new OutboundTokenRequest("billing", bob, false));
		assertThat(forAlice.value()).isNotEqualTo(forBob.value());
		assertThat(cache.token(new OutboundTokenRequest("billing", aliceAgain, false))).isSameAs(forAlice);
		assertThat(cache.cachedTokens()).isEqualTo(2);
		AuthContext aliceElsewhere = AuthContext.builder("alice").issuer("https://idp").tenant("t2").build();
		assertThat(cache.token(new OutboundTokenRequest("billing", aliceElsewhere, false))).isNotSameAs(forAlice);
		assertThat(cache.refresh()).isTrue();
		assertThat(cache.cachedTokens()).isZero();
	}

	@Test
	void refusesAnOnBehalfOfTokenWithoutACaller() {
		CachingOutboundTokenProvider cache = cache(issuing(Duration.ofMinutes(5)), true);
		assertThatExceptionOfType(OutboundCredentialUnavailableException.class).isThrownBy(() -> cache.token(own()))
			.withMessageContaining("no AuthContext is bound");
		assertThat(this.requests).hasValue(0);
	}

	@Test
	void refusesAndDoesNotCacheATokenWithALineBreak() {
		CachingOutboundTokenProvider cache = cache((request) -> {
			this.requests.incrementAndGet();
			return OutboundToken.bearer("abc\r\nX-Injected: 1", null);
		}, false);
		assertThatExceptionOfType(OutboundCredentialUnavailableException.class).isThrownBy(() -> cache.token(own()))
			.withMessageNotContaining("Injected");
		assertThat(cache.cachedTokens()).isZero();
	}

	@Test
	void invalidateDropsCachedTokens() {
		CachingOutboundTokenProvider cache = cache(issuing(Duration.ofMinutes(5)), false);
		cache.token(own());
		cache.invalidate();
		assertThat(cache.cachedTokens()).isZero();
		cache.token(own());
		assertThat(this.requests).hasValue(2);
	}

	@Test
	void rejectsNegativeDurations() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CachingOutboundTokenProvider("billing", issuing(Duration.ZERO), false,
					Duration.ofSeconds(-1), Duration.ZERO, this.clock))
			.withMessageContaining("refreshSkew");
	}

	@Test
	void printsNoToken() {
		CachingOutboundTokenProvider cache = cache(issuing(Duration.ofMinutes(5)), false);
		OutboundToken token = cache.token(own());
		assertThat(cache.toString()).contains("billing").doesNotContain(token.value());
		assertThat(token.toString()).contains("REDACTED").doesNotContain(token.value());
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
