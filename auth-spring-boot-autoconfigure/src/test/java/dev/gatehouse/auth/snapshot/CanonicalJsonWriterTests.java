package dev.gatehouse.auth.snapshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CanonicalJsonWriterTests {

	@Test
	void writesEveryDoubleExactlyAsPythonRepr() throws IOException {
		List<String> mismatches = new ArrayList<>();
		int count = 0;
		InputStream expectations = getClass().getResourceAsStream("/snapshot-vectors/python-float-repr.txt");
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(expectations, StandardCharsets.US_ASCII))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("#")) {
					continue;
				}
				String[] parts = line.split(" ");
				double value = Double.longBitsToDouble(Long.parseUnsignedLong(parts[0], 16));
				String written = CanonicalJsonWriter.pythonRepr(value);
				if (!written.equals(parts[1])) {
					mismatches.add(parts[1] + " written as " + written);
				}
				count++;
			}
		}
		assertThat(count).isEqualTo(3000);
		assertThat(mismatches).isEmpty();
	}

	@Test
	void rejectsNanAndInfinities() {
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJsonWriter.pythonRepr(Double.NaN));
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJsonWriter.pythonRepr(Double.POSITIVE_INFINITY));
		assertThatIllegalArgumentException().isThrownBy(() -> CanonicalJsonWriter.pythonRepr(Double.NEGATIVE_INFINITY));
	}

	@Test
	void escapesLikePythonEnsureAscii() {
		assertThat(write("a\"b\\c/d")).isEqualTo("\"a\\\"b\\\\c/d\"");
		assertThat(write("\n\r\t\b\f\u0000\u001f\u007f")).isEqualTo("\"\\n\\r\\t\\b\\f\\u0000\\u001f\\u007f\"");
		assertThat(write("caf\u00e9 \u2615 \uD83D\uDE00")).isEqualTo("\"caf\\u00e9 \\u2615 \\ud83d\\ude00\"");
	}

	@Test
	void sortsKeysByCodePointAtEveryLevelAndEmitsNulls() {
		Map<String, Object> inner = new LinkedHashMap<>();
		inner.put("b", null);
		inner.put("a", List.of(1L, 2, true, false));
		Map<String, Object> outer = new LinkedHashMap<>();
		// U+FF5E sorts before U+1F600 by code point, after it in UTF-16 order.
		outer.put("\uD83D\uDE00", 1L);
		outer.put("\uFF5E", 2L);
		outer.put("z", inner);
		outer.put("A", 1.5);
		assertThat(write(outer))
			.isEqualTo("{\"A\":1.5,\"z\":{\"a\":[1,2,true,false],\"b\":null},\"\\uff5e\":2,\"\\ud83d\\ude00\":1}");
	}

	@Test
	void rejectsValuesThatAreNotJson() {
		assertThatIllegalArgumentException().isThrownBy(() -> write(new Object()));
		assertThatIllegalArgumentException().isThrownBy(() -> write(Map.of(1, "a")));
	}

	@Test
	void formatsTimestampsLikePythonIsoformatInUtc() {
		assertThat(CanonicalJsonWriter.formatTimestamp(Instant.parse("2026-05-15T01:02:03Z")))
			.isEqualTo("2026-05-15T01:02:03+00:00");
		assertThat(CanonicalJsonWriter.formatTimestamp(Instant.parse("2026-05-15T01:02:03.000120Z")))
			.isEqualTo("2026-05-15T01:02:03.000120+00:00");
		assertThat(CanonicalJsonWriter.formatTimestamp(Instant.parse("0001-01-01T00:00:00Z")))
			.isEqualTo("0001-01-01T00:00:00+00:00");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CanonicalJsonWriter.formatTimestamp(Instant.parse("2026-05-15T01:02:03.000000001Z")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CanonicalJsonWriter.formatTimestamp(Instant.parse("+10000-01-01T00:00:00Z")));
	}

	@Test
	void locatesAMemberSoThatTheRestIsTheObjectWithoutIt() {
		for (List<String> keys : List.of(List.of("a", "s", "z"), List.of("s", "z"), List.of("a", "s"), List.of("s"))) {
			Map<String, Object> object = new LinkedHashMap<>();
			keys.forEach((key) -> object.put(key, key.equals("s") ? Map.of("k", "v") : 1L));
			CanonicalJsonWriter writer = new CanonicalJsonWriter(4);
			int[] range = writer.writeObjectLocating(object, "s");
			byte[] rest = new byte[writer.length() - (range[1] - range[0])];
			System.arraycopy(writer.buffer(), 0, rest, 0, range[0]);
			System.arraycopy(writer.buffer(), range[1], rest, range[0], writer.length() - range[1]);
			Map<String, Object> without = new LinkedHashMap<>(object);
			without.remove("s");
			assertThat(new String(rest, StandardCharsets.US_ASCII)).isEqualTo(write(without));
			assertThat(Arrays.copyOf(writer.toByteArray(), writer.length())).asString(StandardCharsets.US_ASCII)
				.isEqualTo(write(object));
		}
	}

	private static String write(Object value) {
		CanonicalJsonWriter writer = new CanonicalJsonWriter(2);
		writer.writeValue(value);
		return writer.asString();
	}

}
