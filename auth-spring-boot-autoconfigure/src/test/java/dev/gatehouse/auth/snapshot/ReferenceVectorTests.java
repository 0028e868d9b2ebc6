package dev.gatehouse.auth.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.gatehouse.auth.context.AuthClaim;
import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.spi.AuthContextSnapshot;
import dev.gatehouse.auth.spi.AuthInvocation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Replays the vectors produced with the Python reference implementation: Gatehouse must
 * produce the same bytes and reach the same verdicts, so the two verify each other's
 * snapshots.
 */
class ReferenceVectorTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AuthInvocation INVOCATION = AuthInvocation.of("TEST", "vectors");

	static Stream<Arguments> cases() throws IOException {
		JsonNode root = vectors();
		List<Arguments> cases = new ArrayList<>();
		for (JsonNode vector : root.get("cases")) {
			cases.add(Arguments.of(vector.get("name").asString(), vector));
		}
		assertThat(cases).hasSizeGreaterThanOrEqualTo(17);
		return cases.stream();
	}

	private static JsonNode vectors() throws IOException {
		String vectors = "/snapshot-vectors/hs256-reference.json";
		try (InputStream in = ReferenceVectorTests.class.getResourceAsStream(vectors)) {
			return JSON.readTree(in);
		}
	}

	private static byte[] key() throws IOException {
		return Base64.getUrlDecoder().decode(vectors().get("keyBase64Url").asString());
	}

	private static SnapshotEnvelopeVerifier verifier(Instant now) throws IOException {
		String keyId = vectors().get("keyId").asString();
		return SnapshotEnvelopeVerifier.builder(List.of(SnapshotVerificationKey.hs256(keyId, key())))
			.clock(Clock.fixed(now, ZoneOffset.UTC))
			.clockSkew(Duration.ofSeconds(60))
			.maxTtl(Duration.ofHours(1))
			// The reference implementation signs no "aud".
			.requireAudience(false)
			.build();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void reachesTheReferenceVerdictAndReproducesValidEnvelopesByteForByte(String name, JsonNode vector)
			throws IOException {
		Instant now = OffsetDateTime.parse(vector.get("verifyAt").asString()).toInstant();
		SnapshotEnvelopeVerifier verifier = verifier(now);
		String envelope = vector.get("envelope").asString();
		String expect = vector.get("expect").asString();
		if (!"VALID".equals(expect)) {
			AuthContextSnapshotException failure = catchThrowableOfType(AuthContextSnapshotException.class,
					() -> verifier.verify(envelope, INVOCATION));
			assertThat(failure).as(name).isNotNull();
			assertThat(failure.decision().reasonCode().name()).as(name).isEqualTo(expect);
			return;
		}
		AuthContext verified = verifier.verify(envelope, INVOCATION);
		JsonNode expected = vector.get("context");
		assertThat(verified.subject().id()).isEqualTo(expected.get("subject").asString());
		assertThat(verified.subject().displayName()).isEqualTo(text(expected.get("displayName")));
		assertThat(verified.issuer()).isEqualTo(text(expected.get("issuer")));
		assertThat(verified.tenant()).isEqualTo(text(expected.get("tenant")));
		assertThat(verified.roles()).containsExactlyElementsOf(strings(expected.get("roles")));
		assertThat(verified.scopes()).containsExactlyElementsOf(strings(expected.get("scopes")));
		assertThat(verified.correlationId()).isEqualTo(text(expected.get("correlationId")));
		assertThat(verified.delegationChain()).containsExactlyElementsOf(strings(expected.get("delegationChain")));
		assertThat(verified.claims()).containsExactlyElementsOf(claims(expected.get("claims"), true));

		// Signing the same values must give the reference's signing input and envelope,
		// byte for byte.
		Map<String, Object> decoded = new SnapshotEnvelopeDecoder().decode(envelope);
		Instant issuedAt = SnapshotEnvelopeVerifier.parseTimestamp(decoded.get("issued_at"), "issued_at");
		Instant expiresAt = SnapshotEnvelopeVerifier.parseTimestamp(decoded.get("expires_at"), "expires_at");
		AuthContext source = AuthContext.builder(expected.get("subject").asString())
			.displayName(text(expected.get("displayName")))
			.issuer(text(expected.get("issuer")))
			.roles(strings(expected.get("roles")))
			.scopes(strings(expected.get("scopes")))
			.claims(claims(expected.get("claims"), false))
			.build();
		SnapshotEnvelopeSigner signer = new SnapshotEnvelopeSigner(
				SnapshotSigningKey.hs256(vectors().get("keyId").asString(), key()), "unused", Duration.ofMinutes(5),
				null, Clock.systemUTC());
		AuthContextSnapshot snapshot = signer.sign(source, text(expected.get("tenant")), issuedAt, expiresAt,
				text(expected.get("correlationId")), strings(expected.get("delegationChain")));
		assertThat(snapshot.signingInput()).isEqualTo(vector.get("signingInput").asString());
		assertThat(snapshot.envelope()).isEqualTo(envelope);
	}

	private static String text(JsonNode node) {
		return node.isNull() ? null : node.asString();
	}

	private static List<String> strings(JsonNode node) {
		List<String> values = new ArrayList<>();
		node.forEach((element) -> values.add(element.asString()));
		return values;
	}

	private static List<AuthClaim> claims(JsonNode node, boolean integersAsLong) {
		List<AuthClaim> claims = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			JsonNode value = entry.getValue();
			Object scalar;
			if (value.isNull()) {
				scalar = null;
			}
			else if (value.isBoolean()) {
				scalar = value.asBoolean();
			}
			else if (value.isIntegralNumber()) {
				scalar = (integersAsLong || value.canConvertToInt() == false) ? (Object) value.asLong()
						: (Object) value.asInt();
			}
			else if (value.isNumber()) {
				scalar = value.asDouble();
			}
			else {
				scalar = value.asString();
			}
			claims.add(new AuthClaim(entry.getKey(), scalar));
		}
		claims.sort((left, right) -> CanonicalJsonWriter.CODE_POINT_ORDER.compare(left.name(), right.name()));
		return claims;
	}

}
