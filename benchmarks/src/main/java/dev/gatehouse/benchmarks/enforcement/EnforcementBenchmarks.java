package dev.gatehouse.benchmarks.enforcement;

import java.util.concurrent.TimeUnit;

import dev.gatehouse.auth.decision.AuthRequirementDeniedException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.security.authorization.AuthorizationDeniedException;

/**
 * The cost of one protected call, through the real proxies, for Gatehouse and its peers
 * (issue 5, item 2):
 * <ul>
 * <li>(a) {@link #baselineNoOpProxy}: the same method behind a proxy whose only advice
 * proceeds;</li>
 * <li>(b) {@link #gatehouseRoleAllowed}: {@code @RequireRole}, allowed;</li>
 * <li>(c) {@link #gatehouseRoleAndScopeAllowed}: {@code @RequireRole} +
 * {@code @RequireScope}, allowed;</li>
 * <li>(d) {@link #gatehouseDenied}: {@code @RequireRole} refused (the exception
 * path);</li>
 * <li>(e) {@link #springPreAuthorizeAllowed}: {@code @PreAuthorize("hasRole('ADMIN')")},
 * allowed;</li>
 * <li>(f) {@link #springSecuredAllowed}: {@code @Secured("ROLE_ADMIN")}, allowed;</li>
 * <li>and {@link #springPreAuthorizeDenied}, the peer of (d).</li>
 * </ul>
 * Gatehouse's overhead is (b) − (a); the target is at most a tenth of (e) − (a), and at
 * most 64 bytes allocated per call more than (a) ({@code -prof gc},
 * {@code gc.alloc.rate.norm}).
 *
 * <p>
 * The forks bridge Commons Logging through the Log4j API ({@link #LAZY_COMMONS_LOGGING}),
 * which checks the level before it renders a message. Commons Logging 1.3's default SLF4J
 * bridge, which a Boot 4.1 application with Logback uses, renders every
 * {@code debug(LogMessage)} even when DEBUG is off, and Spring Security's method
 * interceptors log twice per call; that inflates the peers several times over. The
 * comparison is made against Spring Security without that cost;
 * {@link SpringSecurityBootLoggingBenchmarks} measures it with.
 *
 * <p>
 * The annotations hold the settings for published numbers; override them on the command
 * line for a quick look, for example {@code -f 1 -wi 2 -i 3 -w 1s -r 1s}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
// A fixed, pre-touched heap keeps heap resizing out of the measurement.
@Fork(value = 2,
		jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", EnforcementBenchmarks.LAZY_COMMONS_LOGGING })
public class EnforcementBenchmarks {

	/**
	 * Selects Commons Logging's Log4j API bridge (routed to Logback through
	 * log4j-to-slf4j, so the same backend and levels), which does not render disabled
	 * debug messages.
	 */
	static final String LAZY_COMMONS_LOGGING = "-Dorg.apache.commons.logging.LogFactory="
			+ "org.apache.commons.logging.impl.Log4jApiLogFactory";

	/**
	 * (a) The baseline: a proxied call with a no-op interceptor.
	 * @param stack the baseline stack
	 * @return the method's result
	 */
	@Benchmark
	public String baselineNoOpProxy(BareProxyStack stack) {
		return stack.orders.find(stack.orderId);
	}

	/**
	 * (b) Gatehouse, one role requirement, allowed.
	 * @param stack the Gatehouse stack
	 * @param caller binds the caller to the measuring thread
	 * @return the method's result
	 */
	@Benchmark
	public String gatehouseRoleAllowed(GatehouseStack stack, GatehouseCaller caller) {
		return stack.orders.find(stack.orderId);
	}

	/**
	 * (c) Gatehouse, a role and a scope requirement, allowed.
	 * @param stack the Gatehouse stack
	 * @param caller binds the caller to the measuring thread
	 * @return the method's result
	 */
	@Benchmark
	public String gatehouseRoleAndScopeAllowed(GatehouseStack stack, GatehouseCaller caller) {
		return stack.orders.findScoped(stack.orderId);
	}

	/**
	 * (d) Gatehouse, a role the caller lacks: the refusal is thrown, caught and returned.
	 * @param stack the Gatehouse stack
	 * @param caller binds the caller to the measuring thread
	 * @return the refusal
	 */
	@Benchmark
	public Object gatehouseDenied(GatehouseStack stack, GatehouseCaller caller) {
		try {
			return stack.orders.audit(stack.orderId);
		}
		catch (AuthRequirementDeniedException ex) {
			return ex;
		}
	}

	/**
	 * (e) Spring Security {@code @PreAuthorize("hasRole('ADMIN')")}, allowed.
	 * @param stack the Spring Security stack
	 * @param caller binds the caller to the measuring thread
	 * @return the method's result
	 */
	@Benchmark
	public String springPreAuthorizeAllowed(SpringSecurityStack stack, SpringSecurityCaller caller) {
		return stack.orders.find(stack.orderId);
	}

	/**
	 * (f) Spring Security {@code @Secured("ROLE_ADMIN")}, allowed.
	 * @param stack the Spring Security stack
	 * @param caller binds the caller to the measuring thread
	 * @return the method's result
	 */
	@Benchmark
	public String springSecuredAllowed(SpringSecurityStack stack, SpringSecurityCaller caller) {
		return stack.orders.findSecured(stack.orderId);
	}

	/**
	 * The peer of (d): Spring Security {@code @PreAuthorize("hasRole('AUDITOR')")},
	 * refused.
	 * @param stack the Spring Security stack
	 * @param caller binds the caller to the measuring thread
	 * @return the refusal
	 */
	@Benchmark
	public Object springPreAuthorizeDenied(SpringSecurityStack stack, SpringSecurityCaller caller) {
		try {
			return stack.orders.audit(stack.orderId);
		}
		catch (AuthorizationDeniedException ex) {
			return ex;
		}
	}

}
