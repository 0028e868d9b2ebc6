package dev.gatehouse.benchmarks.snapshot;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.gatehouse.auth.context.AuthContext;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeDecoder;
import dev.gatehouse.auth.snapshot.SnapshotEnvelopeSigner;
import dev.gatehouse.auth.snapshot.SnapshotSigningKey;
import dev.gatehouse.auth.spi.SnapshotSignRequest;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/**
 * Which parser reads envelopes: Gatehouse's strict decoder (base64url, UTF-8 and JSON,
 * all strict) against java.util's base64url decoder plus Jackson 3's streaming parser
 * with duplicate detection, building the same code-point-ordered maps. Published with
 * {@link SnapshotBenchmarks}'s settings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EnvelopeParserBenchmarks {

	private final SnapshotEnvelopeDecoder decoder = new SnapshotEnvelopeDecoder();

	private final JsonFactory jackson = JsonFactory.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private String envelope;

	/** Signs the envelope both parsers read. */
	@Setup
	public void setUp() {
		AuthContext context = AuthContext.builder("user-1")
			.displayName("User One")
			.issuer("https://idp.example")
			.tenant("tenant-1")
			.roles("role:admin", "role:user")
			.scopes("documents:read", "documents:write")
			.claim("email", "user@example.com")
			.claim("age", 42)
			.build();
		this.envelope = new SnapshotEnvelopeSigner(
				SnapshotSigningKey.hs256("hs", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)),
				"gateway", Duration.ofMinutes(5), null,
				Clock.fixed(Instant.parse("2026-05-15T01:02:03Z"), ZoneOffset.UTC))
			.sign(new SnapshotSignRequest(context, null))
			.envelope();
		if (!gatehouseDecoder().equals(jacksonStreaming())) {
			throw new IllegalStateException("the parsers disagree");
		}
	}

	/** Gatehouse's own strict decoder. */
	@Benchmark
	public Map<String, @Nullable Object> gatehouseDecoder() {
		return this.decoder.decode(this.envelope);
	}

	/**
	 * Jackson 3's streaming parser with duplicate detection, after java.util's base64url
	 * decoder.
	 */
	@Benchmark
	public Map<String, @Nullable Object> jacksonStreaming() {
		byte[] json = Base64.getUrlDecoder().decode(this.envelope);
		try (JsonParser parser = this.jackson.createParser(ObjectReadContext.empty(), json)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalStateException("not an object");
			}
			Map<String, @Nullable Object> object = readObject(parser);
			if (parser.nextToken() != null) {
				throw new IllegalStateException("trailing data");
			}
			return object;
		}
	}

	private static Map<String, @Nullable Object> readObject(JsonParser parser) {
		Map<String, @Nullable Object> object = new TreeMap<>();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			parser.nextToken();
			object.put(name, readValue(parser));
		}
		return object;
	}

	private static @Nullable Object readValue(JsonParser parser) {
		return switch (parser.currentToken()) {
			case START_OBJECT -> readObject(parser);
			case START_ARRAY -> {
				List<@Nullable Object> array = new ArrayList<>();
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					array.add(readValue(parser));
				}
				yield array;
			}
			case VALUE_STRING -> parser.getString();
			case VALUE_NUMBER_INT -> parser.getLongValue();
			case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
			case VALUE_TRUE -> Boolean.TRUE;
			case VALUE_FALSE -> Boolean.FALSE;
			case VALUE_NULL -> null;
			default -> throw new IllegalStateException("unexpected token");
		};
	}

}
