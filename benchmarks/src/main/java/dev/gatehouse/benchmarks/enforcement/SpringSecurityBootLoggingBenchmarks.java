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
 * Spring Security's allowed calls, (e) and (f) of {@link EnforcementBenchmarks}, with the
 * logging a Boot 4.1 application with Logback has out of the box: Commons Logging 1.3's
 * SLF4J bridge, which renders every {@code debug(LogMessage)} even when DEBUG is off.
 * Reported beside the main table so the cost a user really pays today is visible; the
 * targets are judged against {@link EnforcementBenchmarks}, without it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch" })
public class SpringSecurityBootLoggingBenchmarks {

	/**
	 * (e) with Boot's default logging bridge.
	 * @param stack the Spring Security stack
	 * @param caller binds the caller to the measuring thread
	 * @return the method's result
	 */
	@Benchmark
	public String springPreAuthorizeAllowed(SpringSecurityStack stack, SpringSecurityCaller caller) {
		return stack.orders.find(stack.orderId);
	}

	/**
	 * (f) with Boot's default logging bridge.
	 * @param stack the Spring Security stack
	 * @param caller binds the caller to the measuring thread
	 * @return the method's result
	 */
	@Benchmark
	public String springSecuredAllowed(SpringSecurityStack stack, SpringSecurityCaller caller) {
		return stack.orders.findSecured(stack.orderId);
	}

}
