package dev.gatehouse.auth.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.decision.AuthorizationReasonCode;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.gatehouse.auth.snapshot.SnapshotFixtures.CLOCK;
import static dev.gatehouse.auth.snapshot.SnapshotFixtures.INVOCATION;
import static dev.gatehouse.auth.snapshot.SnapshotFixtures.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The verifier checks the signature over the envelope's own bytes without the signature
 * member, so it must be sure those bytes are exactly the canonical JSON a signer writes.
 * These tests re-encode a validly signed envelope in ways that change no parsed value (so
 * the signature over the canonical signing input still matches) and show that each one is
 * rejected, and that the parser's canonical-form decision agrees with writing the value
 * again.
 */
class SnapshotCanonicalFormTests {

	private static final SnapshotVerificationKey HS = SnapshotVerificationKey.hs256("hs", secret(7));

	private static final SnapshotEnvelopeVerifier VERIFIER = SnapshotFixtures.verifier(CLOCK, HS);

	private static final AuthContext CONTEXT = AuthContext.builder("alice")
		.displayName("Zo\u00eb \"Q\" \\ a/b\n\t\u007f\u0001 \uD83D\uDE00")
		.issuer("https://idp.example")
		.tenant("tenant-1")
		.roles("role:admin", "role:user")
		.scopes("documents:read")
		.claim("count", 0)
		.claim("delta", -5)
		.claim("half", 1.5)
		.claim("big", 1e16)
		.claim("tiny", 1e-7)
		.claim("negativeZero", -0.0)
		.claim("tenth", 0.1)
		.claim("flag", true)
		.claim("none", null)
		.build();

	private static final String ENVELOPE = SnapshotFixtures.hs256Signer("hs", 7, CLOCK)
		.sign(new SnapshotSignRequest(CONTEXT, null))
		.envelope();

	@Test
	void verifiesTheCanonicalEnvelopeWithEveryEscapeAndNumberForm() {
		AuthContext verified = VERIFIER.verify(ENVELOPE, INVOCATION);

		assertThat(verified.subject().displayName()).isEqualTo(CONTEXT.subject().displayName());
		assertThat(verified.claim("half")).hasValueSatisfying((claim) -> assertThat(claim.value()).isEqualTo(1.5));
		assertThat(verified.claim("negativeZero"))
			.hasValueSatisfying((claim) -> assertThat(claim.value()).isEqualTo(-0.0));
		assertThat(verified.claim("delta")).hasValueSatisfying((claim) -> assertThat(claim.value()).isEqualTo(-5L));
		assertThat(verified.claim("none")).hasValueSatisfying((claim) -> assertThat(claim.value()).isNull());
	}

	@Test
	void rejectsEquivalentButNonCanonicalEncodingsOfAValidlySignedEnvelope() {
		String json = json(ENVELOPE);
		List<UnaryOperator<String>> reEncodings = List.of((text) -> " " + text, (text) -> text + "\n",
				(text) -> text.replace("\"tenant\":", "\"tenant\" :"), (text) -> text.replace("a/b", "a\\/b"),
				(text) -> text.replace("Zo\\u00eb", "Zo\\u00EB"),
				(text) -> text.replace("Zo\\u00eb", "\\u005ao\\u00eb"), (text) -> text.replace("\\n", "\\u000a"),
				(text) -> text.replace("\\t", "\\u0009"), (text) -> text.replace("\\\"Q", "\\u0022Q"),
				(text) -> text.replace("\\u007f", "\u007f"), (text) -> text.replace("\"count\":0", "\"count\":-0"),
				(text) -> text.replace("\"half\":1.5", "\"half\":1.50"),
				(text) -> text.replace("\"half\":1.5", "\"half\":15e-1"),
				(text) -> text.replace("\"big\":1e+16", "\"big\":1E+16"),
				(text) -> text.replace("\"big\":1e+16", "\"big\":1e16"),
				(text) -> text.replace("\"tiny\":1e-07", "\"tiny\":1e-7"),
				(text) -> text.replace("\"tenth\":0.1", "\"tenth\":0.10000000000000001"),
				(text) -> text.replace("{\"display_name\":", "{ \"display_name\":"), (text) -> swapSubjectMembers(text),
				// Re-encodings inside the signature member or moving it leave the rest of
				// the bytes, the signing
				// input, intact: only the canonical-form check catches these.
				(text) -> text.replace("{\"algorithm\":\"HS256\",\"key_id\":\"hs\",",
						"{\"key_id\":\"hs\",\"algorithm\":\"HS256\","),
				(text) -> text.replace("\"algorithm\":\"HS256\"", "\"algorithm\":\"\\u0048S256\""),
				(text) -> text.replace("\"key_id\":\"hs\"", "\"key_id\" : \"hs\""),
				(text) -> text.replace("\"signature\":{\"algorithm\"", "\"signature\": {\"algorithm\""),
				(text) -> moveSignatureFirst(text));
		for (UnaryOperator<String> reEncoding : reEncodings) {
			String mutated = reEncoding.apply(json);
			assertThat(mutated).isNotEqualTo(json);
			// The value is unchanged, so a lenient verifier would accept it: the signed
			// canonical input is intact.
			assertThat(new SnapshotEnvelopeDecoder().decode(encode(mutated)))
				.isEqualTo(new SnapshotEnvelopeDecoder().decode(ENVELOPE));
			assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
				.isThrownBy(() -> VERIFIER.verify(encode(mutated), INVOCATION))
				.satisfies((ex) -> {
					assertThat(ex.decision().state()).isEqualTo(AuthorizationDecisionState.CHALLENGE);
					assertThat(ex.decision().reasonCode()).isEqualTo(AuthorizationReasonCode.SNAPSHOT_INVALID);
				});
		}
	}

	@Test
	void rejectsRawUtf8WhereTheWriterEscapes() {
		String mutated = json(ENVELOPE).replace("Zo\\u00eb", "Zo\u00eb");
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class).isThrownBy(() -> VERIFIER.verify(
				Base64.getUrlEncoder().withoutPadding().encodeToString(mutated.getBytes(StandardCharsets.UTF_8)),
				INVOCATION));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"a\":1}", "{\"a\":[],\"b\":{},\"c\":\"\\u00e9\\\\\\\"\",\"d\":-1.5e-05}",
			"{\"a\":[1,2.0,null,true,false],\"b\":{\"x\":\"\\ud83d\\ude00\"}}", "{\" \":1,\"~\":2,\"\\u007f\":3}",
			"{\"\\uffff\":1,\"\\ud800\":2}", "{\"n\":-9223372036854775808,\"p\":9223372036854775807}", "{\"a\":1}\n",
			"{\"b\":1,\"a\":2}", "{\"a\":1 }", "{\"a\":\"\\/\"}", "{\"a\":\"\\u00E9\"}", "{\"a\":\"\\u0041\"}",
			"{\"a\":\"\\u000a\"}", "{\"a\":-0}", "{\"a\":1E2}", "{\"a\":100.00}", "{\"a\":\"\u007f\"}",
			"{\"\\ud800\":1,\"\\uffff\":2}", "{\"a\":{\"y\":1,\"x\":2}}" })
	void decidesCanonicalFormExactlyAsWritingTheValueAgainDoes(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		StrictJsonParser.Result parsed = StrictJsonParser.parse(bytes, bytes.length);
		CanonicalJsonWriter writer = new CanonicalJsonWriter(16);
		writer.writeValue(parsed.object());

		assertThat(parsed.canonical()).isEqualTo(writer.asString().equals(json));
	}

	@Test
	void locatesTheSignatureMemberSoThatTheRestIsTheSigningInput() {
		for (List<String> keys : List.of(List.of("a", "signature", "z"), List.of("signature", "z"),
				List.of("a", "signature"), List.of("signature"), List.of("a", "b"))) {
			Map<String, Object> object = new LinkedHashMap<>();
			keys.forEach((key) -> object.put(key, key.equals("signature") ? Map.of("k", List.of("v")) : 1L));
			CanonicalJsonWriter writer = new CanonicalJsonWriter(16);
			writer.writeValue(object);
			byte[] bytes = writer.toByteArray();
			StrictJsonParser.Result parsed = StrictJsonParser.parse(bytes, bytes.length);

			assertThat(parsed.canonical()).isTrue();
			if (!keys.contains("signature")) {
				assertThat(parsed.signatureStart()).isEqualTo(-1);
				continue;
			}
			String rest = writer.asString().substring(0, parsed.signatureStart())
					+ writer.asString().substring(parsed.signatureEnd());
			object.remove("signature");
			CanonicalJsonWriter without = new CanonicalJsonWriter(16);
			without.writeValue(object);
			assertThat(rest).isEqualTo(without.asString());
		}
	}

	private static String swapSubjectMembers(String json) {
		int start = json.indexOf("\"subject\":{") + "\"subject\":{".length();
		int end = json.indexOf('}', start);
		String members = json.substring(start, end);
		int split = members.indexOf(",\"id\":");
		String swapped = members.substring(split + 1) + "," + members.substring(0, split);
		return json.substring(0, start) + swapped + json.substring(end);
	}

	private static String moveSignatureFirst(String json) {
		int start = json.indexOf(",\"signature\":");
		int end = json.indexOf('}', start) + 1;
		return "{" + json.substring(start + 1, end) + "," + json.substring(1, start) + json.substring(end);
	}

	private static String json(String envelope) {
		return new String(Base64.getUrlDecoder().decode(envelope), StandardCharsets.US_ASCII);
	}

	private static String encode(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.US_ASCII));
	}

}
