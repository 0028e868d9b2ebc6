package dev.gatehouse.auth.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecision;
import dev.gatehouse.auth.spi.AuthContextSnapshot;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import org.junit.jupiter.api.Test;

import static dev.gatehouse.auth.snapshot.SnapshotFixtures.CLOCK;
import static dev.gatehouse.auth.snapshot.SnapshotFixtures.ED25519;
import static dev.gatehouse.auth.snapshot.SnapshotFixtures.INVOCATION;
import static dev.gatehouse.auth.snapshot.SnapshotFixtures.NOW;
import static dev.gatehouse.auth.snapshot.SnapshotFixtures.context;
import static dev.gatehouse.auth.snapshot.SnapshotFixtures.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class SnapshotEnvelopeVerifierTests {

	private static final SnapshotVerificationKey HS = SnapshotVerificationKey.hs256("hs", secret(7));

	private static final SnapshotVerificationKey ED = SnapshotVerificationKey.ed25519("ed", ED25519.getPublic());

	@Test
	void roundTripsHs256WithAPinnedClock() {
		AuthContextSnapshot snapshot = SnapshotFixtures.hs256Signer("hs", 7, CLOCK)
			.sign(new SnapshotSignRequest(context("alice"), null));
		AuthContext verified = SnapshotFixtures.verifier(CLOCK, HS).verify(snapshot.envelope(), INVOCATION);

		assertThat(snapshot.issuedAt()).isEqualTo(NOW);
		assertThat(snapshot.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
		assertThat(snapshot.signature().algorithm()).isEqualTo("HS256");
		assertThat(snapshot.signingInput()).contains("\"issued_at\":\"2026-05-15T01:02:03.123456+00:00\"")
			.doesNotContain("\"signature\"");
		assertSameCaller(verified, context("alice"));
		assertThat(verified.correlationId()).isEqualTo(snapshot.correlationId()).hasSize(36);
		assertThat(verified.delegationChain()).containsExactly("service-a");
	}

	@Test
	void roundTripsEd25519AndKeepsCorrelationIdAndChain() {
		AuthContext caller = context("bob").toBuilder()
			.correlationId("corr-1")
			.delegationChain(List.of("gateway"))
			.build();
		AuthContextSnapshot snapshot = SnapshotFixtures.ed25519Signer("ed", CLOCK)
			.sign(new SnapshotSignRequest(caller, "tenant-9"));
		AuthContext verified = SnapshotFixtures.verifier(CLOCK, ED).verify(snapshot.envelope(), INVOCATION);

		assertThat(snapshot.signature().algorithm()).isEqualTo("Ed25519");
		assertThat(verified.subject()).isEqualTo(caller.subject());
		assertThat(verified.tenant()).isEqualTo("tenant-9");
		assertThat(verified.correlationId()).isEqualTo("corr-1");
		assertThat(verified.delegationChain()).containsExactly("gateway", "service-a");
	}

	@Test
	void carriesOnlySelectedClaimsAndTheFirstOfARepeatedName() {
		SnapshotEnvelopeSigner signer = new SnapshotEnvelopeSigner(SnapshotSigningKey.hs256("hs", secret(7)), "svc",
				Duration.ofMinutes(1), List.of("email", "dup"), CLOCK);
		AuthContext caller = context("carol").toBuilder().claim("dup", 1).claim("dup", 2).build();
		AuthContext verified = SnapshotFixtures.verifier(CLOCK, HS)
			.verify(signer.sign(new SnapshotSignRequest(caller, null)).envelope(), INVOCATION);
		assertThat(verified.claims()).containsExactly(new AuthClaim("dup", 1L),
				new AuthClaim("email", "carol@example.com"));
	}

	@Test
	void keepsVerifyingARotatedOutKeyUntilItIsRemoved() {
		SnapshotVerificationKey old = SnapshotVerificationKey.hs256("k1", secret(1));
		SnapshotVerificationKey current = SnapshotVerificationKey.hs256("k2", secret(2));
		String oldEnvelope = SnapshotFixtures.hs256Signer("k1", 1, CLOCK)
			.sign(new SnapshotSignRequest(context("dave"), null))
			.envelope();
		String newEnvelope = SnapshotFixtures.hs256Signer("k2", 2, CLOCK)
			.sign(new SnapshotSignRequest(context("dave"), null))
			.envelope();

		SnapshotEnvelopeVerifier during = SnapshotFixtures.verifier(CLOCK, old, current);
		assertThat(during.verify(oldEnvelope, INVOCATION).subject().id()).isEqualTo("dave");
		assertThat(during.verify(newEnvelope, INVOCATION).subject().id()).isEqualTo("dave");

		SnapshotEnvelopeVerifier after = SnapshotFixtures.verifier(CLOCK, current);
		assertThat(after.verify(newEnvelope, INVOCATION).subject().id()).isEqualTo("dave");
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> after.verify(oldEnvelope, INVOCATION))
			.withMessageContaining("unknown key id")
			.satisfies((ex) -> assertThat(ex.decision()).isEqualTo(AuthorizationDecision.INVALID_SNAPSHOT));
	}

	@Test
	void rejectsAnHs256EnvelopePresentedForAnEd25519Key() {
		// The classic confusion attack: HMAC with the public key's bytes as the secret.
		byte[] publicKeyAsSecret = ED25519.getPublic().getEncoded();
		String forged = new SnapshotEnvelopeSigner(SnapshotSigningKey.hs256("ed", publicKeyAsSecret), "evil",
				Duration.ofMinutes(5), null, CLOCK)
			.sign(new SnapshotSignRequest(context("mallory"), null))
			.envelope();
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> SnapshotFixtures.verifier(CLOCK, ED).verify(forged, INVOCATION))
			.withMessageContaining("algorithm");
	}

	@Test
	void rejectsAnEd25519EnvelopePresentedForAnHs256Key() {
		String envelope = SnapshotFixtures.ed25519Signer("hs", CLOCK)
			.sign(new SnapshotSignRequest(context("erin"), null))
			.envelope();
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> SnapshotFixtures.verifier(CLOCK, HS).verify(envelope, INVOCATION))
			.withMessageContaining("algorithm");
	}

	@Test
	void rejectsAlgorithmNone() {
		String envelope = SnapshotFixtures.hs256Signer("hs", 7, CLOCK)
			.sign(new SnapshotSignRequest(context("frank"), null))
			.envelope();
		String json = new String(Base64.getUrlDecoder().decode(envelope), StandardCharsets.US_ASCII);
		String unsigned = json.replace("\"algorithm\":\"HS256\"", "\"algorithm\":\"none\"")
			.replaceAll("\"signature\":\"[^\"]*\"", "\"signature\":\"\"");
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> SnapshotFixtures.verifier(CLOCK, HS, ED).verify(encode(unsigned), INVOCATION));
	}

	@Test
	void rejectsAnOversizedEnvelopeBeforeAnyDecoding() {
		SnapshotEnvelopeDecoder decoder = spy(new SnapshotEnvelopeDecoder());
		SnapshotEnvelopeVerifier verifier = SnapshotEnvelopeVerifier.builder(List.of(HS))
			.requireAudience(false)
			.clock(CLOCK)
			.maxEnvelopeLength(600)
			.build(decoder);
		String oversized = "e".repeat(601);
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> verifier.verify(oversized, INVOCATION))
			.withMessageContaining("longer than 600");
		verify(decoder, never()).decodeEnvelope(any());

		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> verifier.verify("e".repeat(600), INVOCATION));
		verify(decoder, times(1)).decodeEnvelope(any());
	}

	@Test
	void reportsAnAbsentOrBlankEnvelopeAsMissing() {
		SnapshotEnvelopeVerifier verifier = SnapshotFixtures.verifier(CLOCK, HS);
		for (String envelope : new String[] { null, "", "  " }) {
			assertThatExceptionOfType(MissingAuthContextSnapshotException.class)
				.isThrownBy(() -> verifier.verify(envelope, INVOCATION))
				.satisfies((ex) -> assertThat(ex.decision()).isEqualTo(AuthorizationDecision.MISSING_SNAPSHOT));
		}
	}

	@Test
	void appliesClockSkewMaxTtlAndTrustedIssuers() {
		String envelope = SnapshotFixtures.hs256Signer("hs", 7, CLOCK)
			.sign(new SnapshotSignRequest(context("gina"), null))
			.envelope();
		Instant expiry = NOW.plus(Duration.ofMinutes(5));
		assertThat(verifierAt(expiry.plusSeconds(60)).verify(envelope, INVOCATION).subject().id()).isEqualTo("gina");
		assertThatExceptionOfType(ExpiredAuthContextSnapshotException.class)
			.isThrownBy(() -> verifierAt(expiry.plusSeconds(61)).verify(envelope, INVOCATION))
			.satisfies((ex) -> assertThat(ex.decision()).isEqualTo(AuthorizationDecision.EXPIRED_SNAPSHOT));
		assertThat(verifierAt(NOW.minusSeconds(60)).verify(envelope, INVOCATION)).isNotNull();
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> verifierAt(NOW.minusSeconds(61)).verify(envelope, INVOCATION))
			.withMessageContaining("future");
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> SnapshotEnvelopeVerifier.builder(List.of(HS))
				.requireAudience(false)
				.clock(CLOCK)
				.maxTtl(Duration.ofMinutes(4))
				.build()
				.verify(envelope, INVOCATION))
			.withMessageContaining("max-ttl");
		assertThat(SnapshotEnvelopeVerifier.builder(List.of(HS))
			.requireAudience(false)
			.clock(CLOCK)
			.trustedIssuers(List.of("https://idp.example"))
			.build()
			.verify(envelope, INVOCATION)).isNotNull();
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> SnapshotEnvelopeVerifier.builder(List.of(HS))
				.requireAudience(false)
				.clock(CLOCK)
				.trustedIssuers(List.of("https://other.example"))
				.build()
				.verify(envelope, INVOCATION))
			.withMessageContaining("issuer");
	}

	@Test
	void reportsAFailingVerifierAsUnavailable() {
		Clock broken = new Clock() {

			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				throw new IllegalStateException("clock source down");
			}

		};
		String envelope = SnapshotFixtures.hs256Signer("hs", 7, CLOCK)
			.sign(new SnapshotSignRequest(context("hank"), null))
			.envelope();
		assertThatExceptionOfType(SnapshotVerifierUnavailableException.class)
			.isThrownBy(() -> SnapshotFixtures.verifier(broken, HS).verify(envelope, INVOCATION))
			.satisfies((ex) -> assertThat(ex.decision())
				.isEqualTo(AuthorizationDecision.VERIFICATION_PROVIDER_UNAVAILABLE));
	}

	@Test
	void servesARepeatedEd25519EnvelopeFromTheCacheUntilItExpires() {
		MutableClock clock = new MutableClock(NOW);
		SnapshotEnvelopeDecoder decoder = spy(new SnapshotEnvelopeDecoder());
		SnapshotEnvelopeVerifier verifier = SnapshotEnvelopeVerifier.builder(List.of(ED, HS))
			.requireAudience(false)
			.clock(clock)
			.build(decoder);
		String envelope = SnapshotFixtures.ed25519Signer("ed", CLOCK)
			.sign(new SnapshotSignRequest(context("ivy"), null))
			.envelope();
		AuthContext first = verifier.verify(envelope, INVOCATION);
		assertThat(verifier.verify(envelope, INVOCATION)).isSameAs(first);
		verify(decoder, times(1)).decodeEnvelope(any());

		clock.now = NOW.plus(Duration.ofMinutes(5)).plusNanos(1000);
		// Past expires_at the entry is not used: the envelope is verified again (and is
		// still within the skew).
		assertThat(verifier.verify(envelope, INVOCATION)).isEqualTo(first);
		verify(decoder, times(2)).decodeEnvelope(any());
		clock.now = NOW.plus(Duration.ofMinutes(7));
		assertThatExceptionOfType(ExpiredAuthContextSnapshotException.class)
			.isThrownBy(() -> verifier.verify(envelope, INVOCATION));

		String hs256 = SnapshotFixtures.hs256Signer("hs", 7, CLOCK)
			.sign(new SnapshotSignRequest(context("ivy"), null))
			.envelope();
		clock.now = NOW;
		verifier.verify(hs256, INVOCATION);
		verifier.verify(hs256, INVOCATION);
		verify(decoder, times(5)).decodeEnvelope(any());
	}

	@Test
	void boundsTheCacheBySize() {
		SnapshotEnvelopeVerifier verifier = SnapshotEnvelopeVerifier.builder(List.of(ED))
			.requireAudience(false)
			.clock(CLOCK)
			.cacheSize(3)
			.build();
		SnapshotEnvelopeSigner signer = SnapshotFixtures.ed25519Signer("ed", CLOCK);
		for (int i = 0; i < 10; i++) {
			verifier.verify(signer.sign(new SnapshotSignRequest(context("user-" + i), null)).envelope(), INVOCATION);
			assertThat(verifier.cachedEnvelopes()).isLessThanOrEqualTo(3);
		}
		assertThat(verifier.cachedEnvelopes()).isEqualTo(3);
		SnapshotEnvelopeVerifier uncached = SnapshotEnvelopeVerifier.builder(List.of(ED))
			.requireAudience(false)
			.clock(CLOCK)
			.cacheSize(0)
			.build();
		uncached.verify(signer.sign(new SnapshotSignRequest(context("x"), null)).envelope(), INVOCATION);
		assertThat(uncached.cachedEnvelopes()).isZero();
	}

	@Test
	void givesEveryConcurrentCallerItsOwnContext() throws Exception {
		SnapshotEnvelopeSigner signer = SnapshotFixtures.hs256Signer("hs", 7, CLOCK);
		SnapshotEnvelopeVerifier verifier = SnapshotFixtures.verifier(CLOCK, HS, ED);
		ExecutorService pool = Executors.newFixedThreadPool(16);
		AtomicReference<String> mismatch = new AtomicReference<>();
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int thread = 0; thread < 16; thread++) {
				int t = thread;
				results.add(pool.submit(() -> {
					int verified = 0;
					for (int i = 0; i < 2000; i++) {
						String subject = "user-" + t + "-" + i;
						AuthContext caller = AuthContext.builder(subject).roles("r-" + i).tenant("t-" + t).build();
						AuthContext back = verifier
							.verify(signer.sign(new SnapshotSignRequest(caller, null)).envelope(), INVOCATION);
						if (!back.subject().id().equals(subject) || !back.roles().equals(List.of("r-" + i))
								|| !"t-".concat(String.valueOf(t)).equals(back.tenant())) {
							mismatch.compareAndSet(null, subject + " came back as " + back.subject().id());
						}
						verified++;
					}
					return verified;
				}));
			}
			int total = 0;
			for (Future<Integer> result : results) {
				total += result.get();
			}
			assertThat(total).isEqualTo(32_000);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(mismatch.get()).isNull();
	}

	@Test
	void neverShowsKeyMaterialOrTheEnvelopeInToString() {
		byte[] secret = secret(7);
		String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
		SnapshotSigningKey signingKey = SnapshotSigningKey.hs256("hs", secret);
		AuthContextSnapshot snapshot = new SnapshotEnvelopeSigner(signingKey, "svc", Duration.ofMinutes(5), null, CLOCK)
			.sign(new SnapshotSignRequest(context("jo"), null));
		List<String> rendered = List.of(signingKey.toString(), HS.toString(), ED.toString(),
				SnapshotSigningKey.ed25519("ed", ED25519.getPrivate()).toString(), snapshot.toString(),
				SnapshotFixtures.verifier(CLOCK, HS, ED).toString(),
				SnapshotFixtures.hs256Signer("hs", 7, CLOCK).toString());
		for (String text : rendered) {
			assertThat(text).doesNotContain(secretText)
				.doesNotContain(snapshot.envelope())
				.doesNotContain(snapshot.signature().signature())
				.doesNotContain(Base64.getEncoder().encodeToString(ED25519.getPrivate().getEncoded()));
		}
		assertThat(signingKey.toString()).contains("hs").contains("REDACTED");
	}

	private static SnapshotEnvelopeVerifier verifierAt(Instant now) {
		return SnapshotFixtures.verifier(Clock.fixed(now, ZoneOffset.UTC), HS);
	}

	private static void assertSameCaller(AuthContext verified, AuthContext caller) {
		assertThat(verified.subject()).isEqualTo(caller.subject());
		assertThat(verified.issuer()).isEqualTo(caller.issuer());
		assertThat(verified.tenant()).isEqualTo(caller.tenant());
		assertThat(verified.roles()).isEqualTo(caller.roles());
		assertThat(verified.scopes()).isEqualTo(caller.scopes());
		assertThat(verified.claims()).containsExactlyInAnyOrder(new AuthClaim("age", 42L),
				new AuthClaim("email", caller.subject().id() + "@example.com"), new AuthClaim("manager", null),
				new AuthClaim("ratio", 0.1), new AuthClaim("verified", true));
	}

	private static String encode(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.US_ASCII));
	}

	private static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
