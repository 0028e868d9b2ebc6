package dev.gatehouse.benchmarks.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeSigner;
import dev.gatehouse.auth.snapshot.SnapshotSigningKey;
import dev.gatehouse.auth.spi.SnapshotSignRequest;

/**
 * Prints a snapshot envelope as an upstream service would send it to the HTTP benchmark
 * application: the reporter with the role the protected endpoints require, signed with
 * the key the application verifies, valid for 50 minutes (under the default one-hour
 * maximum). The run script passes it in the snapshot header.
 */
public final class UpstreamSnapshot {

	private UpstreamSnapshot() {
	}

	/**
	 * Prints the envelope on standard output.
	 * @param args ignored
	 */
	public static void main(String[] args) {
		System.out.println(envelope());
	}

	/**
	 * Signs the envelope.
	 * @return the envelope, base64url
	 */
	public static String envelope() {
		SnapshotSigningKey key = SnapshotSigningKey.hs256(HttpBenchmarkApplication.SNAPSHOT_KEY_ID,
				Base64.getDecoder().decode(HttpBenchmarkApplication.SNAPSHOT_SECRET));
		SnapshotEnvelopeSigner signer = new SnapshotEnvelopeSigner(key, "upstream", Duration.ofMinutes(50), null,
				Clock.systemUTC());
		AuthContext reporter = AuthContext.builder("reporter").roles(HttpBenchmarkApplication.ROLE).build();
		return signer.sign(new SnapshotSignRequest(reporter, null, HttpBenchmarkApplication.SNAPSHOT_AUDIENCE))
			.envelope();
	}

}
