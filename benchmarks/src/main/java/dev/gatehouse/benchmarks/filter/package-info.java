/**
 * The servlet filter benchmark: the per-request cost of authenticating a request before
 * the dispatcher, measured with a {@code MockHttpServletRequest} through each stack's
 * real filter into a no-op filter chain. Gatehouse's {@code AuthContextFilter} is built
 * by its auto-configuration in a small web application context; the peers are Spring
 * Security's filter chain with the same API-key filter as the HTTP benchmark, and Spring
 * Security's OAuth 2.0 resource-server chain ({@code BearerTokenAuthenticationFilter}
 * with a {@code NimbusJwtDecoder}) on the same HS256 key.
 *
 * <p>
 * Each stack is a {@code Scope.Benchmark} state that starts its context once per trial;
 * the requests are a {@code Scope.Thread} state, reused on every call and reset in
 * between (attributes cleared, response reset), so the benchmark measures the filters,
 * not building a mock request. {@code FilterBenchmarks#baseline} measures that reset and
 * the no-op chain alone.
 *
 * <p>
 * {@code SpringSecurityBridgeBenchmarks} measures the Spring Security bridge: Gatehouse's
 * filter taking the caller from the {@code JwtAuthenticationToken} in the thread's
 * security context, against the same filter verifying the same HS256 token itself.
 */
@NullMarked
package dev.gatehouse.benchmarks.filter;

import org.jspecify.annotations.NullMarked;
