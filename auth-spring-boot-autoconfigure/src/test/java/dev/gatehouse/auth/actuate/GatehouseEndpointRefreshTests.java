package dev.gatehouse.auth.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.auth.outbound.AllowedHosts;
import dev.gatehouse.auth.outbound.CachingOutboundTokenProvider;
import dev.gatehouse.auth.outbound.OutboundCredentials;
import dev.gatehouse.auth.outbound.OutboundRegistration;
import dev.gatehouse.auth.outbound.OutboundToken;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@code refresh} write operation's rate limit: one refresh per registration per
 * interval, whoever asks, and none of the refused ones reaches the token provider.
 */
class GatehouseEndpointRefreshTests {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));

	private final Clock clock = new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return GatehouseEndpointRefreshTests.this.now.get();
		}

	};

	private final AtomicInteger ledgerFetches = new AtomicInteger();

	private final AtomicInteger billingFetches = new AtomicInteger();

	private final OutboundCredentials credentials = new OutboundCredentials(
			List.of(registration("ledger", this.ledgerFetches), registration("billing", this.billingFetches)));

	@Test
	void refreshesEachRegistrationAtMostOncePerInterval() {
		GatehouseEndpoint endpoint = endpoint(Duration.ofSeconds(5));

		assertThat(endpoint.refresh(null)).containsExactly(Map.entry("ledger", true), Map.entry("billing", true));
		for (int i = 0; i < 20; i++) {
			assertThat(endpoint.refresh(null)).containsExactly(Map.entry("ledger", false), Map.entry("billing", false));
			assertThat(endpoint.refresh("ledger")).containsExactly(Map.entry("ledger", false));
		}
		assertThat(this.ledgerFetches).hasValue(1);
		assertThat(this.billingFetches).hasValue(1);

		this.now.set(this.now.get().plusSeconds(5));
		assertThat(endpoint.refresh("ledger")).containsExactly(Map.entry("ledger", true));
		assertThat(endpoint.refresh(null)).containsExactly(Map.entry("ledger", false), Map.entry("billing", true));
		assertThat(this.ledgerFetches).hasValue(2);
		assertThat(this.billingFetches).hasValue(2);
	}

	@Test
	void concurrentRefreshesReachTheProviderOnce() throws Exception {
		GatehouseEndpoint endpoint = endpoint(Duration.ofSeconds(5));
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Map<String, Boolean>>> results = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return endpoint.refresh(null);
				}));
			}
			start.countDown();
			int refreshed = 0;
			for (Future<Map<String, Boolean>> result : results) {
				refreshed += Boolean.TRUE.equals(result.get(10, TimeUnit.SECONDS).get("ledger")) ? 1 : 0;
			}
			assertThat(refreshed).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.ledgerFetches).hasValue(1);
		assertThat(this.billingFetches).hasValue(1);
	}

	@Test
	void aZeroIntervalAllowsEveryRefresh() {
		GatehouseEndpoint endpoint = endpoint(Duration.ZERO);

		endpoint.refresh("ledger");
		endpoint.refresh("ledger");

		assertThat(this.ledgerFetches).hasValue(2);
	}

	@Test
	void anUnknownRegistrationOrNoRegistrationsRefreshNothing() {
		assertThat(endpoint(Duration.ofSeconds(5)).refresh("unknown")).isEmpty();
		assertThat(new GatehouseEndpoint(() -> null, () -> null).refresh(null)).isEmpty();
		assertThat(this.ledgerFetches).hasValue(0);
	}

	@Test
	void refusesANegativeInterval() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new GatehouseEndpoint(() -> null, () -> null, Duration.ofSeconds(-1), this.clock));
	}

	private GatehouseEndpoint endpoint(Duration interval) {
		return new GatehouseEndpoint(() -> null, () -> this.credentials, interval, this.clock);
	}

	private OutboundRegistration registration(String name, AtomicInteger fetches) {
		return new OutboundRegistration(name, "client-credentials", false,
				new CachingOutboundTokenProvider(name, (request) -> {
					fetches.incrementAndGet();
					return OutboundToken.bearer(name + "-token", this.now.get().plusSeconds(3600));
				}, false, Duration.ofSeconds(60), Duration.ofSeconds(5), this.clock),
				AllowedHosts.of(List.of("127.0.0.1")));
	}

}
