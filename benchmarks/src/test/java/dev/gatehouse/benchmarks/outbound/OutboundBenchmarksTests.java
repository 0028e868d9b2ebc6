package dev.gatehouse.benchmarks.outbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound benchmark measures what it says: the baseline sends no credential, and
 * both interceptors send the same cached bearer token as exactly one header.
 */
class OutboundBenchmarksTests {

	@Test
	void eachClientSendsWhatItsBenchmarkClaims() {
		OutboundBenchmarks benchmarks = new OutboundBenchmarks();
		benchmarks.setUp();
		assertThat(benchmarks.noOpInterceptor()).isEqualTo(200);
		assertThat(benchmarks.requests.lastAuthorization).isNull();
		assertThat(benchmarks.gatehouseInterceptor()).isEqualTo(200);
		assertThat(benchmarks.requests.lastAuthorization).singleElement().asString().startsWith("Bearer eyJ");
		String gatehouse = benchmarks.requests.lastAuthorization.get(0);
		assertThat(benchmarks.springSecurityInterceptor()).isEqualTo(200);
		assertThat(benchmarks.requests.lastAuthorization).containsExactly(gatehouse);
	}

}
