package dev.gatehouse.auth.propagation;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeSigner;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeVerifier;
import dev.gatehouse.auth.snapshot.SnapshotSigningKey;
import dev.gatehouse.auth.snapshot.SnapshotVerificationKey;
import dev.gatehouse.auth.spi.SnapshotVerifier;

/**
 * Real HS256 signer and verifier shared by the messaging tests; the key is a fixed test
 * pattern, never a secret.
 */
final class MessagingFixtures {

	static final String KEY_ID = "orders-2026";

	static final String HEADER = "gatehouse.auth.context_snapshot";

	private MessagingFixtures() {
	}

	static byte[] secret() {
		byte[] secret = new byte[32];
		Arrays.fill(secret, (byte) 7);
		return secret;
	}

	static SnapshotEnvelopeSigner signer(String serviceId, Clock clock) {
		return new SnapshotEnvelopeSigner(SnapshotSigningKey.hs256(KEY_ID, secret()), serviceId, Duration.ofMinutes(5),
				null, clock);
	}

	static SnapshotEnvelopeVerifier verifier(Clock clock) {
		return SnapshotEnvelopeVerifier.builder(List.of(SnapshotVerificationKey.hs256(KEY_ID, secret())))
			.clock(clock)
			.build();
	}

	static SnapshotPropagator propagator(Clock clock, SnapshotVerifier verifier) {
		SnapshotEnvelopeSigner signer = signer("orders", clock);
		return new SnapshotPropagator(() -> signer, () -> verifier, HEADER, 8192);
	}

	static AuthContext context(String subject) {
		return AuthContext.builder(subject)
			.issuer("https://idp.example")
			.tenant("tenant-1")
			.roles("clerk")
			.correlationId("corr-" + subject)
			.build();
	}

	/**
	 * Counts the envelopes that reach the real verifier, to show that malformed input
	 * never does.
	 */
	static final class CountingVerifier implements SnapshotVerifier {

		final AtomicInteger calls = new AtomicInteger();

		private final SnapshotVerifier delegate;

		CountingVerifier(SnapshotVerifier delegate) {
			this.delegate = delegate;
		}

		@Override
		public AuthContext verify(String envelope, dev.gatehouse.auth.spi.AuthInvocation invocation) {
			this.calls.incrementAndGet();
			return this.delegate.verify(envelope, invocation);
		}

	}

}
