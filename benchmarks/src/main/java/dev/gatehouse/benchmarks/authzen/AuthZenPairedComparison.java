package dev.gatehouse.benchmarks.authzen;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Runs {@link AuthZenBenchmarks}' uncached operations against one Cerbos, alternating
 * Gatehouse and its floor call by call, and reports per call the median wall time, the
 * median CPU time of the calling thread, and the median of the paired differences. On a
 * shared machine a Cerbos round trip varies by more than the bar Gatehouse is held to
 * (JMH's error is several hundred µs); alternating puts both through the same load, and
 * medians ignore the calls that waited for a core. The calling thread does all of
 * Gatehouse's own work (mapping, JSON, evaluation); the HTTP client's selector thread and
 * Cerbos are not in its CPU time. Not a replacement for JMH on a quiet machine.
 *
 * <p>
 * Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.gatehouse.benchmarks.authzen.AuthZenPairedComparison [pairs]}
 */
public final class AuthZenPairedComparison {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static int sink;

	private AuthZenPairedComparison() {
	}

	/**
	 * Measures and prints the comparison.
	 * @param args the number of measured pairs per comparison (default 3000)
	 */
	public static void main(String[] args) {
		int pairs = (args.length > 0) ? Integer.parseInt(args[0]) : 3000;
		AuthZenBenchmarks benchmarks = new AuthZenBenchmarks();
		AuthZenStates.Pdp pdp = new AuthZenStates.Pdp();
		pdp.start();
		try {
			Runnable floorOne = () -> sink += benchmarks.floorOneEvaluation(pdp).length;
			Runnable gatehouseOne = () -> sink += benchmarks.gatehouseOneRequirement(pdp).hashCode();
			Runnable floorThree = () -> sink += benchmarks.floorThreeEvaluations(pdp).length;
			Runnable gatehouseThree = () -> sink += benchmarks.gatehouseThreeRequirements(pdp).hashCode();
			// Warm-up: every path compiled before anything is measured.
			compare("warm-up", floorOne, gatehouseOne, pairs, false);
			compare("warm-up", floorThree, gatehouseThree, pairs, false);
			compare("warm-up", gatehouseOne, gatehouseThree, pairs, false);
			compare("gatehouseOneRequirement vs floorOneEvaluation", floorOne, gatehouseOne, pairs, true);
			compare("gatehouseThreeRequirements vs gatehouseOneRequirement", gatehouseOne, gatehouseThree, pairs, true);
			compare("floorThreeEvaluations vs floorOneEvaluation", floorOne, floorThree, pairs, true);
			compare("gatehouseThreeRequirements vs floorThreeEvaluations", floorThree, gatehouseThree, pairs, true);
		}
		finally {
			pdp.stop();
		}
		System.out.println(sink == 42 ? "" : " ");
	}

	// Alternates a (the reference) and b call by call, a first in even pairs and b first
	// in odd ones, and prints medians in µs.
	private static void compare(String name, Runnable a, Runnable b, int pairs, boolean print) {
		long[] wallA = new long[pairs];
		long[] wallB = new long[pairs];
		long[] cpuA = new long[pairs];
		long[] cpuB = new long[pairs];
		long[] cpu = new long[1];
		for (int i = 0; i < pairs; i++) {
			if ((i & 1) == 0) {
				wallA[i] = time(a, cpu);
				cpuA[i] = cpu[0];
				wallB[i] = time(b, cpu);
				cpuB[i] = cpu[0];
			}
			else {
				wallB[i] = time(b, cpu);
				cpuB[i] = cpu[0];
				wallA[i] = time(a, cpu);
				cpuA[i] = cpu[0];
			}
		}
		if (!print) {
			return;
		}
		double medianWallA = median(wallA);
		double medianWallB = median(wallB);
		System.out.printf("%s (%d pairs)%n", name, pairs);
		System.out.printf("  wall   median: reference %9.1f µs, measured %9.1f µs, ratio %.3f, paired diff %+8.1f µs%n",
				medianWallA / 1e3, medianWallB / 1e3, medianWallB / medianWallA, pairedMedian(wallB, wallA) / 1e3);
		System.out.printf("  thread CPU   : reference %9.1f µs, measured %9.1f µs, paired diff %+8.1f µs%n",
				median(cpuA) / 1e3, median(cpuB) / 1e3, pairedMedian(cpuB, cpuA) / 1e3);
	}

	private static long time(Runnable call, long[] cpu) {
		long cpuStart = THREADS.getCurrentThreadCpuTime();
		long start = System.nanoTime();
		call.run();
		long wall = System.nanoTime() - start;
		cpu[0] = THREADS.getCurrentThreadCpuTime() - cpuStart;
		return wall;
	}

	private static double median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return ((n & 1) == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
	}

	private static double pairedMedian(long[] measured, long[] reference) {
		long[] differences = new long[measured.length];
		for (int i = 0; i < measured.length; i++) {
			differences[i] = measured[i] - reference[i];
		}
		return median(differences);
	}

}
