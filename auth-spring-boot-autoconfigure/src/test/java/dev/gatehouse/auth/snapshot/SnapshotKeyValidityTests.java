package dev.gatehouse.auth.snapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import dev.gatehouse.auth.spi.SnapshotSignRequest;
import dev.gatehouse.auth.spi.VerifierHealth;
import org.junit.jupiter.api.Test;

import static dev.gatehouse.auth.snapshot.SnapshotFixtures.INVOCATION;
import static dev.gatehouse.auth.snapshot.SnapshotFixtures.NOW;
import static dev.gatehouse.auth.snapshot.SnapshotFixtures.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Verification keys retired on schedule with a not-after instant: envelopes naming a
 * retired key are refused, and the verifier's health is DOWN once no key is accepted.
 */
class SnapshotKeyValidityTests {

	private static final Instant RETIRED = NOW.plus(Duration.ofMinutes(1));

	private final SettableClock clock = new SettableClock(NOW);

	@Test
	void acceptsAKeyUntilItsNotAfterInstantAndRefusesItAfterwards() {
		SnapshotVerificationKey old = SnapshotVerificationKey.hs256("old", SnapshotFixtures.secret(1))
			.withNotAfter(RETIRED);
		SnapshotEnvelopeVerifier verifier = SnapshotFixtures.verifier(this.clock, old);
		String envelope = SnapshotFixtures.hs256Signer("old", 1, this.clock)
			.sign(new SnapshotSignRequest(context("ivy"), null))
			.envelope();

		this.clock.now = RETIRED;
		assertThat(verifier.verify(envelope, INVOCATION).subject().id()).isEqualTo("ivy");

		this.clock.now = RETIRED.plusMillis(1);
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> verifier.verify(envelope, INVOCATION))
			.withMessageContaining("no longer accepted");
	}

	@Test
	void aCachedEd25519EnvelopeIsNotServedPastItsKeysNotAfterInstant() {
		SnapshotVerificationKey ed = SnapshotVerificationKey.ed25519("ed", SnapshotFixtures.ED25519.getPublic())
			.withNotAfter(RETIRED);
		SnapshotEnvelopeVerifier verifier = SnapshotFixtures.verifier(this.clock, ed);
		String envelope = SnapshotFixtures.ed25519Signer("ed", this.clock)
			.sign(new SnapshotSignRequest(context("ivy"), null))
			.envelope();
		verifier.verify(envelope, INVOCATION);
		assertThat(verifier.cachedEnvelopes()).isOne();

		// The envelope itself is valid for five minutes; its key for one.
		this.clock.now = RETIRED.plusSeconds(1);
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> verifier.verify(envelope, INVOCATION));
	}

	@Test
	void healthIsUpWhileAnyKeyIsAcceptedAndDownOnceAllAreExpired() {
		SnapshotVerificationKey old = SnapshotVerificationKey.hs256("old", SnapshotFixtures.secret(1))
			.withNotAfter(RETIRED);
		SnapshotVerificationKey current = SnapshotVerificationKey.hs256("current", SnapshotFixtures.secret(2))
			.withNotAfter(RETIRED.plus(Duration.ofDays(1)));
		SnapshotEnvelopeVerifier verifier = SnapshotFixtures.verifier(this.clock, old, current);

		VerifierHealth.Status up = verifier.verifierHealth();
		assertThat(up.up()).isTrue();
		assertThat(up.details().get("keys")).isEqualTo(Map.of("current",
				Map.of("algorithm", "HS256", "state", "VALID", "notAfter", RETIRED.plus(Duration.ofDays(1)).toString()),
				"old", Map.of("algorithm", "HS256", "state", "VALID", "notAfter", RETIRED.toString())));

		this.clock.now = RETIRED.plusSeconds(1);
		VerifierHealth.Status rotated = verifier.verifierHealth();
		assertThat(rotated.up()).isTrue();
		assertThat(rotated.details().get("keys").toString()).contains("old={algorithm=HS256, state=EXPIRED");

		this.clock.now = RETIRED.plus(Duration.ofDays(2));
		VerifierHealth.Status down = verifier.verifierHealth();
		assertThat(down.up()).isFalse();
		assertThat(down.details()).containsEntry("error", "No verification key is accepted any more");
		assertThat(down.toString()).doesNotContain(new String(SnapshotFixtures.secret(1)))
			.doesNotContain(Base64.getEncoder().encodeToString(SnapshotFixtures.secret(1)));
	}

	@Test
	void aKeyWithoutNotAfterIsAlwaysAcceptedAndItsHealthUp() {
		SnapshotVerificationKey key = SnapshotVerificationKey.hs256("k", SnapshotFixtures.secret(1));
		this.clock.now = Instant.parse("2999-01-01T00:00:00Z");

		assertThat(key.notAfter()).isNull();
		assertThat(key.isValidAt(this.clock.instant())).isTrue();
		assertThat(SnapshotFixtures.verifier(this.clock, key).verifierHealth().up()).isTrue();
		assertThat(key.withNotAfter(RETIRED).toString()).contains("notAfter=" + RETIRED).contains("[REDACTED]");
		assertThat(key.toString()).doesNotContain("notAfter");
	}

	private static final class SettableClock extends Clock {

		private volatile Instant now;

		SettableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
