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
 * The per-request cost of authenticating a request in a servlet filter, before the
 * dispatcher: one reused {@code MockHttpServletRequest} through each stack's real filter
 * into a no-op chain.
 * <ul>
 * <li>{@link #baseline}: resetting the request and response and calling the no-op chain,
 * without a filter; every other score includes it;</li>
 * <li>Gatehouse's {@code AuthContextFilter}: {@link #gatehouseNoCredential},
 * {@link #gatehouseApiKey}, {@link #gatehouseJwt} (HS256);</li>
 * <li>Spring Security: {@link #springSecurityNoCredential} and
 * {@link #springSecurityApiKey} through the HTTP benchmark's API-key chain (the peer of
 * the API-key case), {@link #springSecurityJwt} through its resource-server chain on the
 * same HS256 key (the peer of the JWT case).</li>
 * </ul>
 * Target: the Gatehouse API-key case at most a third of the Spring Security API-key
 * chain's time. The forks use the enforcement benchmarks' JVM settings, including the
 * lazy Commons Logging bridge (Spring Security's filters log at DEBUG on every request).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
		"-Dorg.apache.commons.logging.LogFactory=org.apache.commons.logging.impl.Log4jApiLogFactory" })
public class FilterBenchmarks {

	/**
	 * The floor: the reset and the no-op chain, no filter.
	 * @param requests the requests
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public MockHttpServletResponse baseline(FilterRequests requests) throws IOException, ServletException {
		return requests.apiKey.through(null);
	}

	/**
	 * Gatehouse, a request without a credential: it runs with "no context" bound.
	 * @param stack Gatehouse's filter
	 * @param requests the requests
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public MockHttpServletResponse gatehouseNoCredential(GatehouseFilterStack stack, FilterRequests requests)
			throws IOException, ServletException {
		return requests.noCredential.through(stack.filter);
	}

	/**
	 * Gatehouse, a valid API key.
	 * @param stack Gatehouse's filter
	 * @param requests the requests
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public MockHttpServletResponse gatehouseApiKey(GatehouseFilterStack stack, FilterRequests requests)
			throws IOException, ServletException {
		return requests.apiKey.through(stack.filter);
	}

	/**
	 * Gatehouse, a valid HS256 JWT.
	 * @param stack Gatehouse's filter
	 * @param requests the requests
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public MockHttpServletResponse gatehouseJwt(GatehouseFilterStack stack, FilterRequests requests)
			throws IOException, ServletException {
		return requests.jwt.through(stack.filter);
	}

	/**
	 * Gatehouse, a valid HS256 context snapshot from another service: the whole inbound
	 * path (extraction, envelope decoding, signature, time checks, context built).
	 * Compare with the resource-server JWT chain.
	 * @param stack Gatehouse's filter
	 * @param requests the requests
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public MockHttpServletResponse gatehouseSnapshot(GatehouseFilterStack stack, FilterRequests requests)
			throws IOException, ServletException {
		return requests.snapshot.through(stack.filter);
	}

	/**
	 * Spring Security's API-key chain, a request without a credential (anonymous).
	 * @param stack Spring Security's filter
	 * @param requests the requests
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public MockHttpServletResponse springSecurityNoCredential(SpringSecurityApiKeyStack stack, FilterRequests requests)
			throws IOException, ServletException {
		return requests.noCredential.through(stack.filter);
	}

	/**
	 * Spring Security's API-key chain, a valid API key: the peer of
	 * {@link #gatehouseApiKey}.
	 * @param stack Spring Security's filter
	 * @param requests the requests
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public MockHttpServletResponse springSecurityApiKey(SpringSecurityApiKeyStack stack, FilterRequests requests)
			throws IOException, ServletException {
		return requests.apiKey.through(stack.filter);
	}

	/**
	 * Spring Security's resource-server chain, a valid HS256 JWT: the peer of
	 * {@link #gatehouseJwt}.
	 * @param stack Spring Security's filter
	 * @param requests the requests
	 * @return the response
	 * @throws IOException never
	 * @throws ServletException never
	 */
	@Benchmark
	public MockHttpServletResponse springSecurityJwt(SpringSecurityJwtStack stack, FilterRequests requests)
			throws IOException, ServletException {
		return requests.jwt.through(stack.filter);
	}

}
