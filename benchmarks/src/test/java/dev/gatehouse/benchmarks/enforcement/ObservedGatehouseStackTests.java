package dev.gatehouse.benchmarks.enforcement;

import dev.gatehouse.auth.enforcement.AuthorizationAdvisor;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.Advised;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observed Gatehouse benchmarks measure what they name: the metered stack records the
 * {@code gatehouse.authorization} timer and no observation, the observed stack one
 * observation per call, both behind Gatehouse's advisor alone.
 */
class ObservedGatehouseStackTests {

	private final ObservationBenchmarks benchmarks = new ObservationBenchmarks();

	@Test
	void meteredStackRecordsTheTimerOfEachAllowedCall() {
		ObservedStacks.MeteredGatehouseStack stack = new ObservedStacks.MeteredGatehouseStack();
		GatehouseCaller caller = new GatehouseCaller();
		stack.start();
		caller.bind();
		try {
			assertThat(((Advised) stack.orders).getAdvisors()).singleElement().isInstanceOf(AuthorizationAdvisor.class);
			assertThat(this.benchmarks.gatehouseMetered(stack, caller)).isEqualTo("order-42");
			assertThat(this.benchmarks.gatehouseMetered(stack, caller)).isEqualTo("order-42");
			Timer timer = stack.meterRegistry.get("gatehouse.authorization")
				.tags("gatehouse.decision.state", "ALLOW", "gatehouse.reason.code", "AUTHORIZED",
						"gatehouse.boundary.kind", "METHOD", "error", "none")
				.timer();
			assertThat(timer.count()).isEqualTo(2);
			// No observation: the default meter handler would have started the long task
			// timer of one.
			assertThat(stack.meterRegistry.find("gatehouse.authorization.active").meters()).isEmpty();
		}
		finally {
			caller.unbind();
			stack.stop();
		}
	}

	@Test
	void observedStackRecordsAnObservationPerCall() {
		ObservedStacks.ObservedGatehouseStack stack = new ObservedStacks.ObservedGatehouseStack();
		GatehouseCaller caller = new GatehouseCaller();
		stack.start();
		caller.bind();
		try {
			assertThat(this.benchmarks.gatehouseObserved(stack, caller)).isEqualTo("order-42");
			// The default meter handler's timer of the observation: the tags the metered
			// stack records without one.
			Timer timer = stack.meterRegistry.get("gatehouse.authorization")
				.tags("gatehouse.decision.state", "ALLOW", "gatehouse.reason.code", "AUTHORIZED",
						"gatehouse.boundary.kind", "METHOD", "error", "none")
				.timer();
			assertThat(timer.count()).isEqualTo(1);
			assertThat(stack.meterRegistry.find("gatehouse.authorization.active").meters()).isNotEmpty();
		}
		finally {
			caller.unbind();
			stack.stop();
		}
	}

}
