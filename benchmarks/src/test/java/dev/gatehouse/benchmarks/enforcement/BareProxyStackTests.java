package dev.gatehouse.benchmarks.enforcement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.Advised;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The baseline measures a proxied call whose only advice is the no-op interceptor.
 */
class BareProxyStackTests {

	private final BareProxyStack stack = new BareProxyStack();

	private final EnforcementBenchmarks benchmarks = new EnforcementBenchmarks();

	@BeforeEach
	void start() {
		this.stack.start();
	}

	@AfterEach
	void stop() {
		this.stack.stop();
	}

	@Test
	void callsThroughAProxyWhoseOnlyAdvisorIsTheNoOpOne() {
		assertThat(((Advised) this.stack.orders).getAdvisors()).singleElement()
			.isInstanceOf(BareProxyStack.NoOpAdvisor.class);
		assertThat(this.benchmarks.baselineNoOpProxy(this.stack)).isEqualTo("order-42");
	}

}
