package dev.gatehouse.auth.snapshot;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.spi.AuthContextSnapshot;
import dev.gatehouse.auth.spi.AuthInvocation;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import dev.gatehouse.auth.spi.SnapshotVerifier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Audience and signer binding as an attacker tries them: a snapshot signed for one
 * service is replayed against another, stripped of its audience, or signed by a service
 * that holds the key but is not the one it is bound to. The envelope with an {@code aud}
 * keeps exactly the reference format, checked by an independent Python verifier.
 */
class SnapshotAudienceTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final SnapshotVerificationKey KEY = SnapshotVerificationKey.hs256("k1", SnapshotFixtures.secret(7));

	private final SnapshotEnvelopeSigner signer = SnapshotFixtures.hs256Signer("k1", 7, SnapshotFixtures.CLOCK);

	private SnapshotEnvelopeVerifier verifier(boolean requireAudience, SnapshotVerificationKey key) {
		return SnapshotEnvelopeVerifier.builder(List.of(key))
			.clock(SnapshotFixtures.CLOCK)
			.audiences(List.of("billing"))
			.requireAudience(requireAudience)
			.build();
	}

	private String sign(String audience) {
		return this.signer.sign(new SnapshotSignRequest(SnapshotFixtures.context("ada"), null, audience)).envelope();
	}

	@Test
	void aSnapshotIsAcceptedOnlyByItsAudience() {
		SnapshotEnvelopeVerifier billing = verifier(true, KEY);
		SnapshotEnvelopeVerifier payments = SnapshotEnvelopeVerifier.builder(List.of(KEY))
			.clock(SnapshotFixtures.CLOCK)
			.audiences(List.of("payments"))
			.build();
		String envelope = sign("billing");
		assertThat(billing.verify(envelope, SnapshotFixtures.INVOCATION).subject().id()).isEqualTo("ada");
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> payments.verify(envelope, SnapshotFixtures.INVOCATION))
			.withMessage("the snapshot is for another audience")
			.satisfies((ex) -> assertThat(ex.decision().reasonCode().name()).isEqualTo("SNAPSHOT_INVALID"));
	}

	@Test
	void onAMessageTheAudienceIsExactlyTheDestination() {
		SnapshotEnvelopeVerifier verifier = verifier(true, KEY);
		String envelope = sign("kafka:orders");
		assertThat(verifier.verify(envelope, message("kafka:orders")).subject().id()).isEqualTo("ada");
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> verifier.verify(envelope, message("kafka:payments")));
		// Nor does a message snapshot pass an HTTP boundary, or an HTTP one a message.
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> verifier.verify(envelope, SnapshotFixtures.INVOCATION));
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> verifier.verify(sign("billing"), message("kafka:orders")));
	}

	@Test
	void requireAudienceOffAcceptsAMissingAudienceButNeverAWrongOne() {
		String missing = this.signer.sign(new SnapshotSignRequest(SnapshotFixtures.context("ada"), null)).envelope();
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> verifier(true, KEY).verify(missing, SnapshotFixtures.INVOCATION))
			.withMessage("the snapshot names no audience");
		SnapshotEnvelopeVerifier lenient = verifier(false, KEY);
		assertThat(lenient.verify(missing, SnapshotFixtures.INVOCATION).subject().id()).isEqualTo("ada");
		assertThat(lenient.verify(missing, message("kafka:orders")).subject().id()).isEqualTo("ada");
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> lenient.verify(sign("payments"), SnapshotFixtures.INVOCATION));
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> lenient.verify(sign("billing"), message("kafka:orders")));
	}

	@Test
	void aKeyBoundToServicesRefusesAnyOtherSigner() {
		String envelope = sign("billing");
		// The signer appends "service-a" to the chain.
		assertThat(verifier(true, KEY.withServiceIds(List.of("service-a", "service-b"))).verify(envelope,
				SnapshotFixtures.INVOCATION))
			.isNotNull();
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> verifier(true, KEY.withServiceIds(List.of("orders"))).verify(envelope,
					SnapshotFixtures.INVOCATION))
			.withMessage("the snapshot's signer is not one of the services its key is bound to");
		// A chain whose earlier entry is a bound service but whose last is not.
		AuthContext relayed = SnapshotFixtures.context("ada").toBuilder().delegationChain(List.of("orders")).build();
		String fromServiceA = this.signer.sign(new SnapshotSignRequest(relayed, null, "billing")).envelope();
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> verifier(true, KEY.withServiceIds(List.of("orders"))).verify(fromServiceA,
					SnapshotFixtures.INVOCATION));
		assertThat(KEY.withServiceIds(List.of("orders")).toString()).contains("serviceIds=[orders]")
			.doesNotContain("secret");
		assertThatIllegalArgumentException().isThrownBy(() -> KEY.withServiceIds(List.of(" ")));
	}

	@Test
	void theAudienceIsNeverAClaimOfTheVerifiedContextNorInheritedByTheNextHop() {
		AuthContext caller = SnapshotFixtures.context("ada").toBuilder().claim("aud", "reports-api").build();
		AuthContextSnapshot snapshot = this.signer.sign(new SnapshotSignRequest(caller, null, "billing"));
		assertThat(snapshot.selectedClaims()).filteredOn((claim) -> claim.name().equals("aud"))
			.singleElement()
			.satisfies((claim) -> assertThat(claim.value()).isEqualTo("billing"));
		AuthContext verified = verifier(true, KEY).verify(snapshot.envelope(), SnapshotFixtures.INVOCATION);
		assertThat(verified.claim("aud")).isEmpty();
		assertThat(verified.claim("email")).isPresent();
		// Signed again without an audience, the next hop's snapshot names none.
		String next = this.signer.sign(new SnapshotSignRequest(verified, null)).envelope();
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> verifier(true, KEY).verify(next, SnapshotFixtures.INVOCATION))
			.withMessage("the snapshot names no audience");
	}

	@Test
	void aCachedEd25519EnvelopeIsCheckedAgainstEachCallsAudience() {
		SnapshotVerificationKey ed = SnapshotVerificationKey.ed25519("ed", SnapshotFixtures.ED25519.getPublic());
		SnapshotEnvelopeVerifier verifier = SnapshotEnvelopeVerifier.builder(List.of(ed))
			.clock(SnapshotFixtures.CLOCK)
			.audiences(List.of("billing"))
			.build();
		String envelope = SnapshotFixtures.ed25519Signer("ed", SnapshotFixtures.CLOCK)
			.sign(new SnapshotSignRequest(SnapshotFixtures.context("ada"), null, "channel:orders"))
			.envelope();
		assertThat(verifier.verify(envelope, message("channel:orders"))).isNotNull();
		assertThat(verifier.cachedEnvelopes()).isEqualTo(1);
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> verifier.verify(envelope, message("channel:audit")));
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> verifier.verify(envelope, SnapshotFixtures.INVOCATION));
		assertThat(verifier.toString()).contains("audiences=[billing]", "requireAudience=true");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SnapshotEnvelopeVerifier.builder(List.of(ed)).audiences(List.of("")));
	}

	@Test
	void anEnvelopeWithAnAudienceHasExactlyTheReferenceKeysAndThePythonReferenceVerifiesIt() throws Exception {
		String envelope = sign("billing");
		JsonNode json = JSON.readTree(decode(envelope));
		assertThat(json.propertyNames()).containsExactly("correlation_id", "delegation_chain", "expires_at",
				"issued_at", "issuer", "roles", "schema_version", "scopes", "selected_claims", "signature", "subject",
				"tenant");
		assertThat(json.get("selected_claims").get("aud").asString()).isEqualTo("billing");
		String key = Base64.getUrlEncoder().withoutPadding().encodeToString(SnapshotFixtures.secret(7));
		assertThat(python("envelope", key, envelope)).isEqualTo("VALID");
		String tampered = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(decode(envelope).replace("\"aud\":\"billing\"", "\"aud\":\"payments\"")
				.getBytes(StandardCharsets.UTF_8));
		assertThat(python("envelope", key, tampered)).isEqualTo("INVALID");
	}

	@Test
	void thePythonReferenceVerifiesTheReferenceVectors() throws Exception {
		assertThat(python("vectors", resource("/snapshot-vectors/hs256-reference.json"))).startsWith("VALID ");
	}

	private static AuthInvocation message(String destination) {
		return new AuthInvocation("MESSAGE", destination, null,
				Map.of(SnapshotVerifier.AUDIENCE_ATTRIBUTE, destination));
	}

	private static String decode(String envelope) {
		return new String(Base64.getUrlDecoder().decode(envelope), StandardCharsets.UTF_8);
	}

	private static String resource(String name) throws URISyntaxException {
		return Path.of(SnapshotAudienceTests.class.getResource(name).toURI()).toString();
	}

	private static String python(String... arguments) throws Exception {
		assumeTrue(onPath("python3"), "python3 is not installed");
		List<String> command = new ArrayList<>();
		command.add("python3");
		command.add(resource("/snapshot-vectors/verify_hs256.py"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return output;
	}

	private static boolean onPath(String executable) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String directory : path.split(File.pathSeparator)) {
			if (new File(directory, executable).canExecute()) {
				return true;
			}
		}
		return false;
	}

}
