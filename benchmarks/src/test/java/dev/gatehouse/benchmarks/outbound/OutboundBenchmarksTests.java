package dev.gatehouse.benchmarks.outbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound benchmark measures what it says: the baseline sends no credential, and
 * both interceptors send the same cached bearer token as exactly one header, and the two
 * constant-header floors send one header too.
 */
class OutboundBenchmarksTests {

	@Test
	void eachClientSendsWhatItsBenchmarkClaims() {
		OutboundBenchmarks benchmarks = new OutboundBenchmarks();
		benchmarks.setUp();
		assertThat(benchmarks.noInterceptor()).isEqualTo(200);
		assertThat(benchmarks.requests.lastAuthorization).isNull();
		assertThat(benchmarks.noOpInterceptor()).isEqualTo(200);
		assertThat(benchmarks.requests.lastAuthorization).isNull();
		assertThat(benchmarks.constantHeaderInterceptor()).isEqualTo(200);
		String constant = benchmarks.requests.lastAuthorization.get(0);
		assertThat(benchmarks.constantHeaderInitializer()).isEqualTo(200);
		assertThat(benchmarks.requests.lastAuthorization).containsExactly(constant);
		assertThat(benchmarks.gatehouseInterceptor()).isEqualTo(200);
		assertThat(benchmarks.requests.lastAuthorization).singleElement().asString().startsWith("Bearer eyJ");
		String gatehouse = benchmarks.requests.lastAuthorization.get(0);
		assertThat(benchmarks.springSecurityInterceptor()).isEqualTo(200);
		assertThat(benchmarks.requests.lastAuthorization).containsExactly(gatehouse);
	}

}
