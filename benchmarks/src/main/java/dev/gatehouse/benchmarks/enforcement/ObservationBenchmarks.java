package dev.gatehouse.benchmarks.enforcement;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Observation overhead of an allowed role check: each stack unobserved and observed in
 * the same run (Gatehouse in its default {@code metrics} mode and with an
 * {@code Observation} per call), so that Gatehouse's overhead (observed minus unobserved)
 * can be set against Spring Security's {@code @PreAuthorize} with its
 * {@code ObservationAuthorizationManager}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
		"-Dorg.apache.commons.logging.LogFactory=org.apache.commons.logging.impl.Log4jApiLogFactory" })
public class ObservationBenchmarks {

	/**
	 * Gatehouse, one role requirement, allowed, no registry.
	 * @param stack the Gatehouse stack
	 * @param caller binds the caller
	 * @return the method's result
	 */
	@Benchmark
	public String gatehouseUnobserved(GatehouseStack stack, GatehouseCaller caller) {
		return stack.orders.find(stack.orderId);
	}

	/**
	 * Gatehouse, one role requirement, allowed, in the default {@code metrics} mode: the
	 * {@code MeterRegistry}'s pre-resolved timer, with Boot's observation registry and
	 * Micrometer's default meter handler present as an application with Actuator has
	 * them.
	 * @param stack the metered Gatehouse stack
	 * @param caller binds the caller
	 * @return the method's result
	 */
	@Benchmark
	public String gatehouseMetered(ObservedStacks.MeteredGatehouseStack stack, GatehouseCaller caller) {
		return stack.orders.find(stack.orderId);
	}

	/**
	 * Gatehouse, one role requirement, allowed, with an {@code Observation} per call
	 * ({@code gatehouse.observation.authorization=observation}) and a timer handler.
	 * @param stack the observed Gatehouse stack
	 * @param caller binds the caller
	 * @return the method's result
	 */
	@Benchmark
	public String gatehouseObserved(ObservedStacks.ObservedGatehouseStack stack, GatehouseCaller caller) {
		return stack.orders.find(stack.orderId);
	}

	/**
	 * Spring Security {@code @PreAuthorize("hasRole('ADMIN')")}, allowed, no registry.
	 * @param stack the Spring Security stack
	 * @param caller binds the caller
	 * @return the method's result
	 */
	@Benchmark
	public String springPreAuthorizeUnobserved(SpringSecurityStack stack, SpringSecurityCaller caller) {
		return stack.orders.find(stack.orderId);
	}

	/**
	 * Spring Security {@code @PreAuthorize("hasRole('ADMIN')")}, allowed, observed with a
	 * timer handler.
	 * @param stack the observed Spring Security stack
	 * @param caller binds the caller
	 * @return the method's result
	 */
	@Benchmark
	public String springPreAuthorizeObserved(ObservedStacks.ObservedSpringSecurityStack stack,
			SpringSecurityCaller caller) {
		return stack.orders.find(stack.orderId);
	}

}
