package dev.gatehouse.benchmarks.filter;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The per-request cost of the Spring Security bridge (issue 20): one reused request
 * carrying an HS256 access token, whose thread's {@code SecurityContextHolder} holds the
 * {@code JwtAuthenticationToken} Spring Security's resource server made of it.
 * <ul>
 * <li>{@link #bridge}: through Gatehouse's filter with the bridge set; it maps the
 * authentication and does not read the token;</li>
 * <li>{@link #hs256}: the same request through Gatehouse's filter without the bridge, so
 * that its own {@code JwtBearerAuthenticator} verifies and maps the token.</li>
 * </ul>
 * Targets: the bridge at most a fifth of {@link #hs256}'s time, and at most 2 KB
 * allocated per request. Same JVM settings as {@link FilterBenchmarks}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
		"-Dorg.apache.commons.logging.LogFactory=org.apache.commons.logging.impl.Log4jApiLogFactory" })
public class SpringSecurityBridgeBenchmarks {

	/**
	 * The bridge: the caller from Spring Security's authentication.
	 * @param stack Gatehouse's filter with the bridge
	 * @param requests the request and its authentication
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public MockHttpServletResponse bridge(SpringSecurityBridgeStack stack, BridgeRequests requests)
			throws IOException, ServletException {
		return requests.jwt.through(stack.filter);
	}

	/**
	 * The peer: Gatehouse verifying the same HS256 token itself.
	 * @param stack Gatehouse's filter without the bridge
	 * @param requests the request
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public MockHttpServletResponse hs256(GatehouseFilterStack stack, BridgeRequests requests)
			throws IOException, ServletException {
		return requests.jwt.through(stack.filter);
	}

}
