package dev.gatehouse.auth.snapshot;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SnapshotEnvelopeDecoderTests {

	private final SnapshotEnvelopeDecoder decoder = new SnapshotEnvelopeDecoder();

	@Test
	void decodesEveryJsonValueType() {
		Map<String, Object> json = this.decoder
			.decode(encode("{\"s\":\"a\\u00e9\\n\\/\",\"i\":-12,\"d\":1.5e-3,\"t\":true,\"f\":false,\"n\":null,"
					+ "\"l\":[1,{}],\"o\":{\"x\":[]}}"));
		assertThat(json).containsEntry("s", "a\u00e9\n/")
			.containsEntry("i", -12L)
			.containsEntry("d", 0.0015)
			.containsEntry("t", true)
			.containsEntry("f", false)
			.containsEntry("n", null)
			.containsEntry("l", List.of(1L, Map.of()))
			.containsEntry("o", Map.of("x", List.of()));
		assertThat(json.keySet()).containsExactly("s", "i", "d", "t", "f", "n", "l", "o");
	}

	@ParameterizedTest
	@ValueSource(strings = { "[1,2]", "\"text\"", "1", "", " ", "{\"a\":1}x", "{\"a\":1}{}", "{\"a\":1,\"a\":1}",
			"{\"a\":01}", "{\"a\":1.}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":99999999999999999999}", "{\"a\":1e999}",
			"{\"a\":\"\u0001\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}", "{a:1}", "{\"a\" 1}", "{\"a\":1,}",
			"{\"a\":[1,]}", "{\"a\":tru}", "{\"a\":nul}", "{\"a\":[[[[[[[[[[1]]]]]]]]]]}", "{\"a\":\"x",
			"{\"a\":1111111111111111111111111111111111111111.0}", "{\"a\":[1 2]}", "\ufeff{}" })
	void rejectsJsonThatIsNotOneStrictObject(String json) {
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> this.decoder.decode(encode(json)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "e30=", "e30==", "e3 0", "e+0", "e/0", "e30.", "e", "e31", "\u00e930" })
	void rejectsAnythingButStrictUnpaddedBase64Url(String envelope) {
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> this.decoder.decode(envelope));
	}

	@Test
	void rejectsMalformedUtf8() {
		byte[] json = "{\"a\":\"xx\"}".getBytes(StandardCharsets.US_ASCII);
		json[6] = (byte) 0xC3;
		json[7] = (byte) 0x28;
		assertThatExceptionOfType(InvalidAuthContextSnapshotException.class)
			.isThrownBy(() -> this.decoder.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(json)))
			.withMessageContaining("UTF-8");
	}

	@Test
	void acceptsRawUtf8InStrings() {
		assertThat(this.decoder.decode(encode("{\"a\":\"caf\u00e9 \uD83D\uDE00\"}"))).containsEntry("a",
				"caf\u00e9 \uD83D\uDE00");
	}

	@Test
	void encodesAndDecodesEveryLengthOfBase64Url() {
		for (int length = 0; length < 40; length++) {
			byte[] bytes = new byte[length];
			for (int i = 0; i < length; i++) {
				bytes[i] = (byte) (i * 37 + 11);
			}
			String encoded = SnapshotEnvelopeDecoder.encodeBase64Url(bytes, length);
			assertThat(encoded).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
			assertThat(SnapshotEnvelopeDecoder.decodeBase64Url(encoded, "test")).isEqualTo(bytes);
		}
	}

	private static String encode(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
