package dev.gatehouse.auth.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.decision.AuthorizationDecisionState;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Mutates valid HS256 and Ed25519 envelopes in every way an attacker or a broken proxy
 * could, 10,500 cases in all: no altered envelope verifies, and nothing but the
 * documented snapshot exceptions ever escapes. Each case comes from its own seed, named
 * in the failure message, so a failure replays exactly.
 */
class SnapshotMutationTests {

	private static final int TRIES = 1500;

	private static final SnapshotEnvelopeVerifier VERIFIER = SnapshotFixtures.verifier(SnapshotFixtures.CLOCK,
			SnapshotVerificationKey.hs256("hs", SnapshotFixtures.secret(7)),
			SnapshotVerificationKey.ed25519("ed", SnapshotFixtures.ED25519.getPublic()));

	private static final List<String> ENVELOPES = envelopes();

	private static List<String> envelopes() {
		List<String> envelopes = new ArrayList<>();
		SnapshotEnvelopeSigner hs256 = SnapshotFixtures.hs256Signer("hs", 7, SnapshotFixtures.CLOCK);
		SnapshotEnvelopeSigner ed25519 = SnapshotFixtures.ed25519Signer("ed", SnapshotFixtures.CLOCK);
		for (int i = 0; i < 4; i++) {
			AuthContext context = SnapshotFixtures.context("user-" + i);
			envelopes.add(hs256.sign(new SnapshotSignRequest(context, null)).envelope());
			envelopes.add(ed25519.sign(new SnapshotSignRequest(context, "tenant-" + i)).envelope());
		}
		// The originals verify; every property below starts from a valid envelope.
		envelopes.forEach((envelope) -> VERIFIER.verify(envelope, SnapshotFixtures.INVOCATION));
		return List.copyOf(envelopes);
	}

	/**
	 * Runs one mutation per seed on a valid envelope chosen by the seed, and names the
	 * seed on failure.
	 */
	private static void forEachCase(String mutation, MutationCase check) {
		for (long seed = 1; seed <= TRIES; seed++) {
			Random random = new Random(seed * 0x9E3779B97F4A7C15L + mutation.hashCode());
			String envelope = ENVELOPES.get(random.nextInt(ENVELOPES.size()));
			try {
				check.run(envelope, random);
			}
			catch (AssertionError ex) {
				throw new AssertionError(mutation + " failed for seed " + seed + ": " + ex.getMessage(), ex);
			}
		}
	}

	@FunctionalInterface
	private interface MutationCase {

		void run(String envelope, Random random);

	}

	@Test
	void rejectsEveryBitFlipInTheJson() {
		forEachCase("bit flip", (envelope, random) -> {
			byte[] json = json(envelope);
			byte[] original = json.clone();
			// Distinct bits, so that no flip undoes another.
			random.ints(0, json.length * 8)
				.distinct()
				.limit(1 + random.nextInt(3))
				.forEach((bit) -> json[bit / 8] ^= (byte) (1 << (bit % 8)));
			assertThat(json).isNotEqualTo(original);
			assertRejected(encode(json));
		});
	}

	@Test
	void rejectsEveryTruncation() {
		forEachCase("truncation", (envelope, random) -> {
			int keep = random.nextInt(envelope.length());
			assertRejected(
					random.nextBoolean() ? envelope.substring(envelope.length() - keep) : envelope.substring(0, keep));
		});
	}

	@Test
	void rejectsBase64Junk() {
		forEachCase("base64 junk", (envelope, random) -> {
			String junk = "=+/ \t.%\u00e9\u0000!*~";
			StringBuilder mutated = new StringBuilder(envelope);
			int position = random.nextInt(envelope.length() + 1);
			switch (random.nextInt(3)) {
				case 0 -> mutated.insert(position, junk.charAt(random.nextInt(junk.length())));
				case 1 -> mutated.setCharAt(Math.min(position, envelope.length() - 1),
						junk.charAt(random.nextInt(junk.length())));
				default -> {
					// A valid base64url character in place of another changes at least
					// one decoded bit.
					int at = Math.min(position, envelope.length() - 1);
					char replacement = (char) ('A' + random.nextInt(26));
					mutated.setCharAt(at, (mutated.charAt(at) == replacement) ? 'z' : replacement);
				}
			}
			assertRejected(mutated.toString());
		});
	}

	@Test
	void rejectsValuesMovedBetweenFields() {
		forEachCase("moved value", (envelope, random) -> {
			String json = new String(json(envelope), StandardCharsets.US_ASCII);
			List<String[]> swaps = List.of(new String[] { "\"roles\":", "\"scopes\":" },
					new String[] { "\"issuer\":", "\"tenant\":" }, new String[] { "\"issued_at\":", "\"expires_at\":" },
					new String[] { "\"correlation_id\":", "\"issuer\":" },
					new String[] { "\"id\":", "\"display_name\":" }, new String[] { "\"key_id\":", "\"algorithm\":" });
			String[] swap = swaps.get(random.nextInt(swaps.size()));
			String mutated = json.replace(swap[0], "\u0001").replace(swap[1], swap[0]).replace("\u0001", swap[1]);
			assertRejected(encode(mutated.getBytes(StandardCharsets.US_ASCII)));
		});
	}

	@Test
	void rejectsReorderedKeysAndOtherNonCanonicalEncodings() {
		forEachCase("re-encoding", (envelope, random) -> {
			// Semantically equal re-encodings alter no signed value, but the envelope
			// must be the canonical JSON a
			// signer writes, so they are rejected too: an envelope verifies only exactly
			// as it was signed.
			String json = new String(json(envelope), StandardCharsets.US_ASCII);
			String mutated;
			switch (random.nextInt(3)) {
				case 0 -> {
					List<String> members = topLevelMembers(json.substring(1, json.length() - 1));
					List<String> shuffled = new ArrayList<>(members);
					while (shuffled.equals(members)) {
						Collections.shuffle(shuffled, random);
					}
					mutated = "{" + String.join(",", shuffled) + "}";
				}
				case 1 -> mutated = json.replace(",", random.nextBoolean() ? ", " : ",\n");
				default -> {
					// Upper-case hex in a \\u escape and an escaped slash read back as
					// the same characters.
					int escape = json.indexOf("\\u00");
					mutated = json.substring(0, escape + 2) + json.substring(escape + 2, escape + 6).toUpperCase()
							+ json.substring(escape + 6).replace("https://", "https:\\/\\/");
				}
			}
			assertThat(mutated).isNotEqualTo(json);
			assertRejected(encode(mutated.getBytes(StandardCharsets.US_ASCII)));
		});
	}

	@Test
	void rejectsDuplicateKeysAndHugeNumbers() {
		forEachCase("duplicate key or huge number", (envelope, random) -> {
			String json = new String(json(envelope), StandardCharsets.US_ASCII);
			String[] injections = { "\"schema_version\":1,", "\"roles\":[],", "\"signature\":{},", "\"tenant\":null," };
			String mutated = switch (random.nextInt(4)) {
				case 0 -> "{" + injections[random.nextInt(injections.length)] + json.substring(1);
				case 1 -> json.replace("\"schema_version\":1", "\"schema_version\":" + hugeInteger(random));
				case 2 -> json.replace("\"age\":42", "\"age\":1" + "0".repeat(20 + random.nextInt(400)));
				default -> json.replace("\"age\":42",
						"\"age\":" + (1 + random.nextInt(9)) + "e" + (309 + random.nextInt(5000)));
			};
			assertThat(mutated).isNotEqualTo(json);
			assertRejected(encode(mutated.getBytes(StandardCharsets.US_ASCII)));
		});
	}

	@Test
	void rejectsDeepNesting() {
		forEachCase("deep nesting", (envelope, random) -> {
			int depth = 1 + random.nextInt(2000);
			boolean objects = random.nextBoolean();
			String json = new String(json(envelope), StandardCharsets.US_ASCII);
			String open = objects ? "{\"a\":" : "[";
			String close = objects ? "}" : "]";
			String nested = open.repeat(depth) + "1" + close.repeat(depth);
			String mutated = json.replace("\"age\":42", "\"age\":" + nested);
			assertRejected(encode(mutated.getBytes(StandardCharsets.US_ASCII)));
		});
	}

	private static String hugeInteger(Random random) {
		return "1" + "0".repeat(19 + random.nextInt(300));
	}

	private static void assertRejected(String envelope) {
		Throwable failure = catchThrowable(() -> VERIFIER.verify(envelope, SnapshotFixtures.INVOCATION));
		assertThat(failure).isInstanceOfAny(InvalidAuthContextSnapshotException.class,
				MissingAuthContextSnapshotException.class);
		assertThat(((dev.gatehouse.auth.decision.AuthException) failure).decision().state())
			.isEqualTo(AuthorizationDecisionState.CHALLENGE);
	}

	private static List<String> topLevelMembers(String body) {
		List<String> members = new ArrayList<>();
		int depth = 0;
		boolean inString = false;
		int start = 0;
		for (int i = 0; i < body.length(); i++) {
			char c = body.charAt(i);
			if (inString) {
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (c == '"') {
				inString = true;
			}
			else if (c == '{' || c == '[') {
				depth++;
			}
			else if (c == '}' || c == ']') {
				depth--;
			}
			else if (c == ',' && depth == 0) {
				members.add(body.substring(start, i));
				start = i + 1;
			}
		}
		members.add(body.substring(start));
		return members;
	}

	private static byte[] json(String envelope) {
		return Base64.getUrlDecoder().decode(envelope);
	}

	private static String encode(byte[] json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
	}

}
