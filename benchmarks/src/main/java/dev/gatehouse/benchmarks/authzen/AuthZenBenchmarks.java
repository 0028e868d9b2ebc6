package dev.gatehouse.benchmarks.authzen;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 21's targets, each against its floor or peer in the same run:
 * <ul>
 * <li>{@link #gatehouseOneRequirement}: an uncached {@code @RequireRelation} decided by a
 * real Cerbos over loopback, through {@code AuthRequirementEvaluator} and the AuthZEN
 * adapter, against {@link #floorOneEvaluation} (the same bytes posted with the same HTTP
 * client): at most max(10% of the floor, 20 µs) more;</li>
 * <li>{@link #gatehouseThreeRequirements}: three PDP-backed requirements on one boundary
 * (one {@code /access/v1/evaluations} request), at most 1.3× one requirement;
 * {@link #floorThreeEvaluations} is the batch's own floor;</li>
 * <li>{@link #cachedDecision}: a warm decision-cache hit, at most 150 ns and 256 B more
 * than {@link #noOpRelationChecker}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
		"-Dorg.apache.commons.logging.LogFactory=org.apache.commons.logging.impl.Log4jApiLogFactory" })
public class AuthZenBenchmarks {

	/**
	 * The floor: Gatehouse's single-evaluation body posted directly to Cerbos.
	 * @param pdp Cerbos and the floor's client
	 * @return the answer's bytes
	 */
	@Benchmark
	public byte[] floorOneEvaluation(AuthZenStates.Pdp pdp) {
		return pdp.post(pdp.evaluation, pdp.oneBody);
	}

	/**
	 * One {@code @RequireRelation(value = "editor", resource = "document:{id}")}, allowed
	 * by Cerbos.
	 * @param pdp Cerbos and Gatehouse's evaluator
	 * @return the caller, so that the call is kept
	 */
	@Benchmark
	public Object gatehouseOneRequirement(AuthZenStates.Pdp pdp) {
		pdp.gatehouse.enforce(pdp.one, pdp.caller, pdp.oneArguments);
		return pdp.caller;
	}

	/**
	 * The batch's floor: Gatehouse's three-evaluation body posted directly to Cerbos.
	 * @param pdp Cerbos and the floor's client
	 * @return the answer's bytes
	 */
	@Benchmark
	public byte[] floorThreeEvaluations(AuthZenStates.Pdp pdp) {
		return pdp.post(pdp.evaluations, pdp.threeBody);
	}

	/**
	 * Two relations and a policy on one boundary, allowed by Cerbos in one batch.
	 * @param pdp Cerbos and Gatehouse's evaluator
	 * @return the caller, so that the call is kept
	 */
	@Benchmark
	public Object gatehouseThreeRequirements(AuthZenStates.Pdp pdp) {
		pdp.gatehouse.enforce(pdp.three, pdp.caller, pdp.threeArguments);
		return pdp.caller;
	}

	/**
	 * The same requirement decided from the warm decision cache.
	 * @param state the cached evaluator
	 * @return the caller, so that the call is kept
	 */
	@Benchmark
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public Object cachedDecision(AuthZenStates.Cached state) {
		state.cached.enforce(state.one, state.caller, state.arguments);
		return state.caller;
	}

	/**
	 * The peer: the same evaluator and metadata with a relation checker that allows.
	 * @param state the no-op evaluator
	 * @return the caller, so that the call is kept
	 */
	@Benchmark
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public Object noOpRelationChecker(AuthZenStates.Cached state) {
		state.noOp.enforce(state.one, state.caller, state.arguments);
		return state.caller;
	}

}
