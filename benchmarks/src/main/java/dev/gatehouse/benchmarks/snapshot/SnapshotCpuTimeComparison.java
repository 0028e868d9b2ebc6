package dev.gatehouse.benchmarks.snapshot;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Runs the operations of {@link SnapshotBenchmarks} and {@link EnvelopeParserBenchmarks}
 * in one thread and reports the thread's CPU time per operation (median of 7 rounds after
 * warm-up), with the ratios the targets are stated in. On a shared machine JMH's
 * wall-clock scores include the time the thread waits for a core; thread CPU time does
 * not, so its ratios stay comparable while other processes run. Not a replacement for JMH
 * on a quiet machine: it has no fork isolation and a simpler dead-code guard.
 *
 * <p>
 * Run:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.gatehouse.benchmarks.snapshot.SnapshotCpuTimeComparison}
 */
public final class SnapshotCpuTimeComparison {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static int sink;

	private SnapshotCpuTimeComparison() {
	}

	/**
	 * Measures every operation and prints CPU ns/op and the target ratios.
	 * @param args ignored
	 * @throws Exception if a benchmark cannot be set up
	 */
	public static void main(String[] args) throws Exception {
		SnapshotBenchmarks snapshots = new SnapshotBenchmarks();
		snapshots.setUp();
		EnvelopeParserBenchmarks parsers = new EnvelopeParserBenchmarks();
		parsers.setUp();
		Map<String, Double> nanos = new LinkedHashMap<>();
		nanos.put("rawHmacFloor", measure(snapshots::rawHmacFloor, 20_000));
		nanos.put("hs256Sign", measure(snapshots::hs256Sign, 20_000));
		nanos.put("hs256Verify", measure(snapshots::hs256Verify, 20_000));
		nanos.put("nimbusHs256VerifyAndParse", measure(snapshots::nimbusHs256VerifyAndParse, 20_000));
		nanos.put("ed25519VerifyCached", measure(snapshots::ed25519VerifyCached, 20_000));
		nanos.put("ed25519Sign", measure(snapshots::ed25519Sign, 300));
		nanos.put("ed25519VerifyCold", measure(snapshots::ed25519VerifyCold, 300));
		nanos.put("gatehouseDecoder", measure(parsers::gatehouseDecoder, 20_000));
		nanos.put("jacksonStreaming", measure(parsers::jacksonStreaming, 20_000));
		nanos.forEach((name, value) -> System.out.printf("%-28s %12.0f ns/op (thread CPU)%n", name, value));
		System.out.printf("Nimbus verify+parse / HS256 verify (target >= 2): %.2f%n",
				nanos.get("nimbusHs256VerifyAndParse") / nanos.get("hs256Verify"));
		System.out.printf("HS256 verify / raw HMAC floor (target <= 5):     %.2f%n",
				nanos.get("hs256Verify") / nanos.get("rawHmacFloor"));
		System.out.printf("Ed25519 cached verify / HS256 verify (target <= 2): %.2f%n",
				nanos.get("ed25519VerifyCached") / nanos.get("hs256Verify"));
		System.out.printf("Jackson 3 streaming / Gatehouse decoder:          %.2f%n",
				nanos.get("jacksonStreaming") / nanos.get("gatehouseDecoder"));
		System.out.println(sink == 42 ? "" : " ");
	}

	private static double measure(Supplier<?> operation, int perRound) {
		for (int i = 0; i < perRound * 10; i++) {
			sink += System.identityHashCode(operation.get());
		}
		double[] rounds = new double[7];
		for (int round = 0; round < rounds.length; round++) {
			long start = THREADS.getCurrentThreadCpuTime();
			for (int i = 0; i < perRound; i++) {
				sink += System.identityHashCode(operation.get());
			}
			rounds[round] = (THREADS.getCurrentThreadCpuTime() - start) / (double) perRound;
		}
		Arrays.sort(rounds);
		return rounds[rounds.length / 2];
	}

}
