package dev.gatehouse.benchmarks.references;

import java.util.concurrent.TimeUnit;

import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.spi.AuthorizationRequest;
import dev.gatehouse.auth.spi.PermissionCheckRequest;
import dev.gatehouse.auth.spi.RoleCheckRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 11's targets:
 * <ul>
 * <li>a {@code @RequirePermission(value = "doc:read", resource = "doc:{id}")} call
 * ({@link #gatehousePlaceholder}) against the static reference ({@link #gatehouseStatic})
 * and {@code @PreAuthorize("hasPermission(#id, 'doc',
 * 'read')")} ({@link #springHasPermission}), overheads over {@link #baselineNoOpProxy}:
 * the placeholder path at most a fifth of the peer's, and at most 64 B/op more than the
 * static path;</li>
 * <li>{@link #policyFiftyRules}: one evaluation of a 50-rule document, at most 200
 * ns;</li>
 * <li>{@link #decisionCacheHit} against {@link #contextRoleCheck}: at most 60 ns
 * more.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
		"-Dorg.apache.commons.logging.LogFactory=org.apache.commons.logging.impl.Log4jApiLogFactory" })
public class ReferenceBenchmarks {

	/**
	 * The baseline: the same signature behind a no-op proxy.
	 * @param stack the bare stack
	 * @return the method's result
	 */
	@Benchmark
	public long baselineNoOpProxy(ReferenceStacks.Bare stack) {
		return stack.documents.plain(stack.id);
	}

	/**
	 * Gatehouse, static reference {@code doc:42}.
	 * @param stack the Gatehouse stack
	 * @param caller binds the caller
	 * @return the method's result
	 */
	@Benchmark
	public long gatehouseStatic(ReferenceStacks.Gatehouse stack, ReferenceStacks.GatehouseCaller caller) {
		return stack.documents.readStatic(stack.id);
	}

	/**
	 * Gatehouse, dynamic reference {@code doc:{id}}.
	 * @param stack the Gatehouse stack
	 * @param caller binds the caller
	 * @return the method's result
	 */
	@Benchmark
	public long gatehousePlaceholder(ReferenceStacks.Gatehouse stack, ReferenceStacks.GatehouseCaller caller) {
		return stack.documents.readPlaceholder(stack.id);
	}

	/**
	 * Spring Security {@code hasPermission(#id, 'doc', 'read')} with the same table
	 * lookup.
	 * @param stack the Spring Security stack
	 * @param caller binds the caller
	 * @return the method's result
	 */
	@Benchmark
	public long springHasPermission(ReferenceStacks.SpringSecurity stack, ReferenceStacks.SpringSecurityCaller caller) {
		return stack.documents.readPreAuthorize(stack.id);
	}

	/**
	 * One evaluation of the 50-rule policy document, allowed by its last rule for
	 * (invoice, read).
	 * @param policy the compiled document
	 * @return the decision
	 */
	@Benchmark
	public AuthorizationDecision policyFiftyRules(DecisionStates.Policy policy) {
		return policy.evaluator
			.evaluatePolicy(new AuthorizationRequest(policy.caller, policy.resource, policy.action, policy.tenant));
	}

	/**
	 * A permission check served by the warm decision cache (key built, looked up, found).
	 * @param state the cache and caller
	 * @return the decision
	 */
	@Benchmark
	public AuthorizationDecision decisionCacheHit(DecisionStates.Cached state) {
		return state.cachedPermissions
			.checkPermission(new PermissionCheckRequest(state.caller, state.permission, state.resource, null));
	}

	/**
	 * The default context role check, uncached.
	 * @param state the role checker and caller
	 * @return the decision
	 */
	@Benchmark
	public AuthorizationDecision contextRoleCheck(DecisionStates.Cached state) {
		return state.roles.checkRole(new RoleCheckRequest(state.caller, state.role, null));
	}

}
