package dev.gatehouse.auth.snapshot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Decodes the transport form of a snapshot strictly: base64url without padding and with
 * zero unused bits (so exactly one string encodes given bytes), UTF-8 through a
 * {@link CharsetDecoder} that reports malformed input instead of replacing it, and JSON
 * through a small strict parser of Gatehouse's own, independent of whichever Jackson
 * major the application uses. It does not check signatures;
 * {@link SnapshotEnvelopeVerifier} does.
 *
 * <p>
 * The parser is Gatehouse's own rather than Jackson 3's streaming parser: it reads an
 * envelope faster (see {@code docs/benchmarks.md}), needs no dependency, so the envelope
 * does not depend on the application's Jackson major, enforces the envelope's limits
 * directly, and decides while parsing whether the bytes are canonical, which lets the
 * verifier check the signature over them without writing the object again. Thread-safe.
 */
public final class SnapshotEnvelopeDecoder {

	private static final byte[] BASE64URL_VALUES = new byte[128];

	private static final byte[] BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
		.getBytes(StandardCharsets.US_ASCII);

	static {
		Arrays.fill(BASE64URL_VALUES, (byte) -1);
		for (int i = 0; i < BASE64URL_ALPHABET.length; i++) {
			BASE64URL_VALUES[BASE64URL_ALPHABET[i]] = (byte) i;
		}
	}

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

	private static final ThreadLocal<CharsetDecoder> UTF8 = ThreadLocal
		.withInitial(() -> StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT));

	/**
	 * Decodes an envelope into its JSON object.
	 * @param envelope the transport form
	 * @return the top-level object, keys in document order; values are maps, lists,
	 * strings, longs, finite doubles, booleans or {@code null}
	 * @throws InvalidAuthContextSnapshotException when any layer is not strictly
	 * well-formed
	 */
	public Map<String, @Nullable Object> decode(String envelope) {
		return decodeEnvelope(envelope).json();
	}

	/**
	 * Decodes an envelope and keeps its JSON bytes, whether they are canonical and where
	 * the signature member lies, which the verifier needs to check the signature over the
	 * bytes themselves.
	 * @param envelope the transport form
	 * @return the bytes, the parsed object and what the parser learnt about the bytes
	 */
	DecodedEnvelope decodeEnvelope(String envelope) {
		byte[] json = decodeBase64Url(envelope, "envelope");
		if (!isAscii(json)) {
			// Canonical envelopes are pure ASCII (every other character is escaped), so
			// only the rest pay for the
			// strict decoder. The parser then reads the validated bytes themselves.
			try {
				CharsetDecoder decoder = UTF8.get();
				decoder.reset();
				decoder.decode(ByteBuffer.wrap(json));
			}
			catch (CharacterCodingException ex) {
				throw new InvalidAuthContextSnapshotException("the snapshot envelope is not valid UTF-8");
			}
		}
		StrictJsonParser.Result parsed = StrictJsonParser.parse(json, json.length);
		return new DecodedEnvelope(json, parsed.object(), parsed.canonical(), parsed.signatureStart(),
				parsed.signatureEnd());
	}

	private static boolean isAscii(byte[] bytes) {
		int i = 0;
		// Eight bytes at a time: a non-ASCII byte has its high bit set.
		for (; i + 8 <= bytes.length; i += 8) {
			if (((long) LONGS.get(bytes, i) & 0x8080808080808080L) != 0) {
				return false;
			}
		}
		for (; i < bytes.length; i++) {
			if (bytes[i] < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Decodes strict base64url: only the URL-safe alphabet, no padding, no whitespace,
	 * and zero unused bits in the last character. The JDK's decoder does the work; it
	 * accepts padding and ignores unused bits, so those two are checked here.
	 * @param text the encoded text
	 * @param what what the text is, for the message
	 * @return the bytes
	 * @throws InvalidAuthContextSnapshotException when the text is not strict base64url
	 */
	static byte[] decodeBase64Url(String text, String what) {
		int length = text.length();
		if (length % 4 == 1 || text.indexOf('=') >= 0) {
			throw new InvalidAuthContextSnapshotException("the snapshot " + what + " is not base64url");
		}
		byte[] out;
		try {
			out = BASE64URL.decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidAuthContextSnapshotException("the snapshot " + what + " is not base64url");
		}
		if (length % 4 != 0) {
			// Non-zero unused bits would let several strings decode to the same bytes.
			int last = BASE64URL_VALUES[text.charAt(length - 1)];
			int unused = (length % 4 == 2) ? 0x0F : 0x03;
			if ((last & unused) != 0) {
				throw new InvalidAuthContextSnapshotException("the snapshot " + what + " is not canonical base64url");
			}
		}
		return out;
	}

	/**
	 * An envelope's JSON bytes, the object they parse to, whether the bytes are that
	 * object's canonical JSON and where the top-level {@code signature} member (with the
	 * comma the writer leaves out with it) lies, so that the bytes without that range are
	 * the signing input.
	 *
	 * @param bytes the UTF-8 JSON
	 * @param json the parsed object
	 * @param canonical whether {@code bytes} are exactly the canonical JSON of
	 * {@code json}
	 * @param signatureStart where the signature member starts, or {@code -1}
	 * @param signatureEnd where it ends, or {@code -1}
	 */
	record DecodedEnvelope(byte[] bytes, Map<String, @Nullable Object> json, boolean canonical, int signatureStart,
			int signatureEnd) {
	}

	/**
	 * Encodes bytes as base64url without padding.
	 * @param bytes the bytes
	 * @param length how many bytes to encode
	 * @return the text
	 */
	static String encodeBase64Url(byte[] bytes, int length) {
		byte[] out = new byte[(length * 4 + 2) / 3];
		int at = 0;
		int i = 0;
		for (; i + 2 < length; i += 3) {
			int block = ((bytes[i] & 0xFF) << 16) | ((bytes[i + 1] & 0xFF) << 8) | (bytes[i + 2] & 0xFF);
			out[at++] = BASE64URL_ALPHABET[block >>> 18];
			out[at++] = BASE64URL_ALPHABET[(block >>> 12) & 0x3F];
			out[at++] = BASE64URL_ALPHABET[(block >>> 6) & 0x3F];
			out[at++] = BASE64URL_ALPHABET[block & 0x3F];
		}
		int rest = length - i;
		if (rest == 1) {
			int block = (bytes[i] & 0xFF) << 4;
			out[at++] = BASE64URL_ALPHABET[block >>> 6];
			out[at++] = BASE64URL_ALPHABET[block & 0x3F];
		}
		else if (rest == 2) {
			int block = (((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF)) << 2;
			out[at++] = BASE64URL_ALPHABET[block >>> 12];
			out[at++] = BASE64URL_ALPHABET[(block >>> 6) & 0x3F];
			out[at++] = BASE64URL_ALPHABET[block & 0x3F];
		}
		return new String(out, 0, at, StandardCharsets.ISO_8859_1);
	}

}
