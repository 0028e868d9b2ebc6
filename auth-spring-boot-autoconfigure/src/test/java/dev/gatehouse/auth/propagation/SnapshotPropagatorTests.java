package dev.gatehouse.auth.propagation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.context.AuthContextHolder;
import dev.gatehouse.auth.context.AuthContextScope;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.snapshot.AuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.ExpiredAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.InvalidAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.MissingAuthContextSnapshotException;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeSigner;
import dev.gatehouse.auth.snapshot.SnapshotVerifierUnavailableException;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.SnapshotSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@ExtendWith(OutputCaptureExtension.class)
class SnapshotPropagatorTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

	private final MessagingFixtures.CountingVerifier verifier = new MessagingFixtures.CountingVerifier(
			MessagingFixtures.verifier(this.clock));

	private final SnapshotPropagator propagator = MessagingFixtures.propagator(this.clock, this.verifier);

	@Test
	void roundTripsTheBoundContextThroughAMap() {
		Map<String, String> headers = new HashMap<>();
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("alice"))) {
			this.propagator.inject("amqp:orders-queue", headers::put);
		}
		assertThat(headers).containsOnlyKeys(MessagingFixtures.HEADER);
		AuthContext received = this.propagator.extract("amqp:orders-queue", headers::get);
		assertThat(received.subject().id()).isEqualTo("alice");
		assertThat(received.roles()).containsExactly("clerk");
		assertThat(received.tenant()).isEqualTo("tenant-1");
		assertThat(received.correlationId()).isEqualTo("corr-alice");
		assertThat(received.delegationChain()).containsExactly("orders");
	}

	@Test
	void aSnapshotInjectedForOneDestinationIsRefusedAtAnother() {
		Map<String, String> headers = new HashMap<>();
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("alice"))) {
			this.propagator.inject("amqp:orders", headers::put);
		}
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> this.propagator.extract("amqp:payments", headers::get));
		// The one-argument forms apply the HTTP rules: a destination is no HTTP audience.
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> this.propagator.extract(headers::get));
		Map<String, String> unbound = new HashMap<>();
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("alice"))) {
			this.propagator.inject(unbound::put);
		}
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> this.propagator.extract("amqp:orders", unbound::get))
			.withMessage("the snapshot names no audience");
		assertThatIllegalArgumentException().isThrownBy(() -> this.propagator.inject(" ", headers::put));
		assertThatIllegalArgumentException().isThrownBy(() -> this.propagator.extract("", headers::get));
	}

	@Test
	void injectsNothingWhenNoContextIsBound() {
		Map<String, String> headers = new HashMap<>();
		this.propagator.inject(headers::put);
		assertThat(headers).isEmpty();
		assertThat(this.propagator.currentEnvelope()).isNull();
	}

	@Test
	void refusesAFlippedCharacterAsInvalid() {
		String envelope = envelopeFor("alice");
		int middle = envelope.length() / 2;
		char flipped = (envelope.charAt(middle) == 'A') ? 'B' : 'A';
		String tampered = envelope.substring(0, middle) + flipped + envelope.substring(middle + 1);
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> this.propagator.extract(Map.of(MessagingFixtures.HEADER, tampered)::get))
			.satisfies(
					(ex) -> assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.SNAPSHOT_INVALID));
	}

	@Test
	void refusesAnExpiredSnapshot() {
		String envelope = envelopeFor("alice");
		SnapshotPropagator later = MessagingFixtures.propagator(this.clock,
				MessagingFixtures.verifier(Clock.offset(this.clock, Duration.ofHours(1))));
		assertThatExceptionOfType(ExpiredAuthContextSnapshotException.class)
			.isThrownBy(() -> later.extract(Map.of(MessagingFixtures.HEADER, envelope)::get));
	}

	@Test
	void extractRefusesAnAbsentHeaderAsMissing() {
		assertThatExceptionOfType(MissingAuthContextSnapshotException.class)
			.isThrownBy(() -> this.propagator.extract(Map.<String, String>of()::get));
	}

	@Test
	void anAbsentHeaderYieldsNoContextUnlessRequired() {
		assertThat(this.propagator.verifyHeader(null, "t", null, false)).isNull();
		assertThatExceptionOfType(MissingAuthContextSnapshotException.class)
			.isThrownBy(() -> this.propagator.verifyHeader(null, "t", null, true));
	}

	@Test
	void refusesMalformedHeaderValuesBeforeTheVerifierSeesThem(CapturedOutput output) {
		byte[] junk = { 0, 1, 2, (byte) 0xff, (byte) 0xfe };
		byte[] notUtf8 = { 'e', 'y', (byte) 0xc3, (byte) 0x28 };
		byte[] huge = "A".repeat(8193).getBytes(StandardCharsets.US_ASCII);
		List<Object> values = List.of(new byte[0], "", huge, "A".repeat(8193), junk, notUtf8, "eyJ=", "eyJ\u00e9", 42L);
		for (Object value : values) {
			assertThatExceptionOfType(AuthContextSnapshotException.class)
				.isThrownBy(() -> this.propagator.verifyHeader(value, "orders", null, false))
				.satisfies((ex) -> assertThat(ex.decision().reasonCode()).isIn(AuthorizationReasonCode.SNAPSHOT_INVALID,
						AuthorizationReasonCode.SNAPSHOT_MISSING));
		}
		assertThat(this.verifier.calls).hasValue(0);
		assertThat(output).contains("reasonCode=SNAPSHOT_INVALID, keyId=unknown")
			.contains("reasonCode=SNAPSHOT_MISSING, keyId=unknown")
			.doesNotContain("AAAAAAAA");
	}

	@Test
	void logsTheKeyIdAndReasonOfARefusedEnvelopeButNeverTheEnvelope(CapturedOutput output) {
		String envelope = envelopeFor("alice");
		String tampered = envelope.substring(0, 10) + ((envelope.charAt(10) == 'x') ? 'y' : 'x')
				+ envelope.substring(11);
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> this.propagator.verifyHeader(tampered, "orders", null, false));
		assertThat(output).contains("'orders'")
			.contains("reasonCode=SNAPSHOT_INVALID, keyId=" + MessagingFixtures.KEY_ID)
			.doesNotContain(tampered.substring(0, 20));
	}

	@Test
	void describesTheMessageBoundaryToTheVerifier() {
		AtomicReference<AuthInvocation> seen = new AtomicReference<>();
		SnapshotPropagator recording = new SnapshotPropagator(() -> MessagingFixtures.signer("orders", this.clock),
				() -> (envelope, invocation) -> {
					seen.set(invocation);
					return MessagingFixtures.context("alice");
				}, MessagingFixtures.HEADER, 8192);
		recording.extract(Map.of(MessagingFixtures.HEADER, envelopeFor("alice"))::get, "payments");
		assertThat(seen.get().boundary()).isEqualTo("MESSAGE");
		assertThat(seen.get().operation()).isEqualTo("payments");
	}

	@Test
	void reportsAFailingVerifierAsUnavailable() {
		SnapshotPropagator failing = new SnapshotPropagator(() -> MessagingFixtures.signer("orders", this.clock),
				() -> {
					throw new IllegalStateException("no verifier bean");
				}, MessagingFixtures.HEADER, 8192);
		assertThatExceptionOfType(SnapshotVerifierUnavailableException.class)
			.isThrownBy(() -> failing.extract(Map.of(MessagingFixtures.HEADER, envelopeFor("alice"))::get))
			.satisfies((ex) -> assertThat(ex.decision().reasonCode())
				.isEqualTo(AuthorizationReasonCode.VERIFICATION_PROVIDER_UNAVAILABLE));
	}

	@Test
	void reusesTheEnvelopeOfTheSameBoundContextWithinTheWindowOnly() {
		AtomicInteger signatures = new AtomicInteger();
		SnapshotEnvelopeSigner real = MessagingFixtures.signer("orders", this.clock);
		SnapshotSigner counting = (request) -> {
			signatures.incrementAndGet();
			return real.sign(request);
		};
		SnapshotPropagator reusing = new SnapshotPropagator(() -> counting, () -> this.verifier,
				MessagingFixtures.HEADER, 8192, Duration.ofHours(1));
		AuthContext alice = MessagingFixtures.context("alice");
		try (AuthContextScope scope = AuthContextHolder.open(alice)) {
			String first = reusing.currentEnvelope();
			assertThat(reusing.currentEnvelope()).isSameAs(first);
			// Never reused across audiences: each destination gets its own.
			String forOrders = reusing.currentEnvelope("kafka:orders");
			assertThat(forOrders).isNotSameAs(first);
			assertThat(reusing.currentEnvelope("kafka:orders")).isSameAs(forOrders);
		}
		assertThat(signatures).hasValue(2);
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context("alice"))) {
			reusing.currentEnvelope();
		}
		assertThat(signatures).hasValue(3);
		try (AuthContextScope scope = AuthContextHolder.open(alice)) {
			this.propagator.currentEnvelope();
			this.propagator.currentEnvelope();
		}
		SnapshotPropagator expiring = new SnapshotPropagator(() -> counting, () -> this.verifier,
				MessagingFixtures.HEADER, 8192, Duration.ofNanos(1));
		try (AuthContextScope scope = AuthContextHolder.open(alice)) {
			expiring.currentEnvelope();
			expiring.currentEnvelope();
		}
		assertThat(signatures).hasValue(5);
	}

	@Test
	void validatesItsArguments() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SnapshotPropagator(() -> null, () -> null,
				MessagingFixtures.HEADER, 8192, Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SnapshotPropagator(() -> null, () -> null, " ", 8192));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SnapshotPropagator(() -> null, () -> null, MessagingFixtures.HEADER, 0));
	}

	@Test
	void keyIdIsUnknownForAnythingButAPlainIdentifier() {
		assertThat(SnapshotPropagator.keyId(null)).isEqualTo("unknown");
		assertThat(SnapshotPropagator.keyId("!!!")).isEqualTo("unknown");
		assertThat(SnapshotPropagator.keyId(base64("{\"x\":1}"))).isEqualTo("unknown");
		assertThat(SnapshotPropagator.keyId(base64("{\"key_id\":\"a\\nb\"}"))).isEqualTo("unknown");
		assertThat(SnapshotPropagator.keyId(base64("{\"key_id\":\"" + "k".repeat(65) + "\"}"))).isEqualTo("unknown");
		assertThat(SnapshotPropagator.keyId(base64("{\"key_id\":\"svc:main.1\"}"))).isEqualTo("svc:main.1");
	}

	private static String base64(String json) {
		return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private String envelopeFor(String subject) {
		try (AuthContextScope scope = AuthContextHolder.open(MessagingFixtures.context(subject))) {
			return this.propagator.currentEnvelope();
		}
	}

}
