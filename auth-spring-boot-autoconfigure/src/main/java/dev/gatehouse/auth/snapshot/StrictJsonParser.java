package dev.gatehouse.auth.snapshot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A small strict JSON (RFC 8259) parser for snapshot envelopes that reads the UTF-8 bytes
 * directly. It yields {@link JsonObject}s in document order, {@link ArrayList}s, strings,
 * {@link Long}s, finite {@link Double}s, booleans and {@code null}, and rejects
 * everything a lenient parser would let through: duplicate keys, trailing data, unescaped
 * control characters, leading zeros, integers outside the {@code long} range, numbers
 * that overflow a double, over-long number literals and nesting deeper than
 * {@link #MAX_DEPTH}.
 *
 * <p>
 * While parsing it also decides whether the bytes are exactly what
 * {@link CanonicalJsonWriter} writes for the parsed value (no whitespace, keys strictly
 * increasing by code point, only the writer's escapes, numbers in the writer's form), and
 * where the top-level {@code signature} member lies. The verifier then checks the
 * signature over the envelope's own bytes without that member instead of writing the
 * object again. The input must be valid UTF-8; structural characters are ASCII and never
 * occur inside a multi-byte sequence, so a byte-level scan is exact.
 *
 * <p>
 * Every failure is an {@link InvalidAuthContextSnapshotException} whose message names the
 * rule, never the input. Not thread-safe; one instance per envelope.
 */
final class StrictJsonParser {

	/** The envelope needs three levels; anything deeper is hostile. */
	static final int MAX_DEPTH = 8;

	/**
	 * Canonical numbers are at most 24 characters; longer literals only cost parse time.
	 */
	private static final int MAX_NUMBER_LENGTH = 40;

	/** The member the signing input leaves out. */
	private static final String SIGNATURE = "signature";

	/**
	 * The envelope's own keys, returned as these constants instead of new strings:
	 * matching a few bytes is cheaper than allocating, and the verifier's set comparisons
	 * then hash strings whose hash is already cached.
	 */
	private static final String[] KNOWN_KEYS = { "correlation_id", "delegation_chain", "expires_at", "issued_at",
			"issuer", "roles", "schema_version", "scopes", "selected_claims", SIGNATURE, "subject", "tenant",
			"display_name", "id", "algorithm", "key_id" };

	/**
	 * The known keys grouped by length, so that a key is compared with two or three
	 * candidates at most.
	 */
	private static final String[][] KNOWN_KEYS_BY_LENGTH;

	private static final byte[][][] KNOWN_KEY_BYTES_BY_LENGTH;

	static {
		int longest = 0;
		for (String key : KNOWN_KEYS) {
			longest = Math.max(longest, key.length());
		}
		KNOWN_KEYS_BY_LENGTH = new String[longest + 1][];
		KNOWN_KEY_BYTES_BY_LENGTH = new byte[longest + 1][][];
		for (int length = 0; length <= longest; length++) {
			int size = length;
			KNOWN_KEYS_BY_LENGTH[length] = Arrays.stream(KNOWN_KEYS)
				.filter((key) -> key.length() == size)
				.toArray(String[]::new);
			KNOWN_KEY_BYTES_BY_LENGTH[length] = Arrays.stream(KNOWN_KEYS_BY_LENGTH[length])
				.map((key) -> key.getBytes(StandardCharsets.US_ASCII))
				.toArray(byte[][]::new);
		}
	}

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	/**
	 * Bytes a canonical string holds as themselves: printable ASCII except the quote and
	 * the backslash.
	 */
	private static final boolean[] PLAIN = new boolean[256];

	static {
		for (int c = ' '; c <= '~'; c++) {
			PLAIN[c] = c != '"' && c != '\\';
		}
	}

	private final byte[] input;

	private final int end;

	private int position;

	private boolean canonical = true;

	private int signatureStart = -1;

	private int signatureEnd = -1;

	private StrictJsonParser(byte[] input, int end) {
		this.input = input;
		this.end = end;
	}

	/**
	 * Parses one JSON object that spans the whole input.
	 * @param input valid UTF-8 bytes
	 * @param end the number of bytes to read
	 * @return the object, keys in document order
	 * @throws InvalidAuthContextSnapshotException when the input is not exactly one
	 * strict JSON object
	 */
	static JsonObject parseObject(byte[] input, int end) {
		return parse(input, end).object;
	}

	/**
	 * Parses one JSON object that spans the whole input and reports whether the input is
	 * in canonical form.
	 * @param input valid UTF-8 bytes
	 * @param end the number of bytes to read
	 * @return the object, whether it is canonical and where its top-level
	 * {@code signature} member lies
	 * @throws InvalidAuthContextSnapshotException when the input is not exactly one
	 * strict JSON object
	 */
	static Result parse(byte[] input, int end) {
		StrictJsonParser parser = new StrictJsonParser(input, end);
		parser.skipWhitespace();
		if (parser.peek() != '{') {
			throw invalid("the snapshot envelope is not a JSON object");
		}
		JsonObject object = parser.readObject(1);
		parser.skipWhitespace();
		if (parser.position != end) {
			throw invalid("the snapshot envelope has data after its JSON object");
		}
		return new Result(object, parser.canonical, parser.signatureStart, parser.signatureEnd);
	}

	private @Nullable Object readValue(int depth) {
		if (depth > MAX_DEPTH) {
			throw invalid("the snapshot envelope nests deeper than " + MAX_DEPTH + " levels");
		}
		byte c = peek();
		switch (c) {
			case '{':
				return readObject(depth);
			case '[':
				return readArray(depth);
			case '"':
				return readString(false);
			case 't':
				expectLiteral("true");
				return Boolean.TRUE;
			case 'f':
				expectLiteral("false");
				return Boolean.FALSE;
			case 'n':
				expectLiteral("null");
				return null;
			default:
				if (c == '-' || isDigit(c)) {
					return readNumber();
				}
				throw invalid("the snapshot envelope is not valid JSON");
		}
	}

	private JsonObject readObject(int depth) {
		this.position++;
		JsonObject object = new JsonObject();
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return object;
		}
		String previous = null;
		// While keys strictly increase none can repeat an earlier one; only after the
		// first that does not is a set
		// of the keys needed to find duplicates.
		Set<String> seen = null;
		while (true) {
			// A member starts at its separating comma, the first one right after the
			// brace.
			int memberStart = this.position - 1;
			skipWhitespace();
			if (peek() != '"') {
				throw invalid("the snapshot envelope has an object key that is not a string");
			}
			String key = readString(true);
			skipWhitespace();
			expect(':');
			skipWhitespace();
			if (seen == null && previous != null && CanonicalJsonWriter.CODE_POINT_ORDER.compare(previous, key) >= 0) {
				this.canonical = false;
				seen = new HashSet<>();
				for (int i = 0; i < object.size(); i++) {
					seen.add(object.keyAt(i));
				}
			}
			if (seen != null && !seen.add(key)) {
				throw invalid("the snapshot envelope has a duplicate key");
			}
			previous = key;
			object.append(key, readValue(depth + 1));
			if (depth == 1 && SIGNATURE.equals(key)) {
				// The writer leaves out the member with its leading comma, or the first
				// member with its trailing one.
				boolean first = object.size() == 1;
				this.signatureStart = first ? memberStart + 1 : memberStart;
				this.signatureEnd = first ? this.position + 1 : this.position;
			}
			skipWhitespace();
			byte c = next();
			if (c == '}') {
				if (depth == 1 && object.size() == 1 && this.signatureStart >= 0) {
					// A lone member has no comma to take with it.
					this.signatureEnd--;
				}
				return object;
			}
			if (c != ',') {
				throw invalid("the snapshot envelope is not valid JSON");
			}
		}
	}

	private List<@Nullable Object> readArray(int depth) {
		this.position++;
		List<@Nullable Object> array = new ArrayList<>();
		skipWhitespace();
		if (peek() == ']') {
			this.position++;
			return array;
		}
		while (true) {
			skipWhitespace();
			array.add(readValue(depth + 1));
			skipWhitespace();
			byte c = next();
			if (c == ']') {
				return array;
			}
			if (c != ',') {
				throw invalid("the snapshot envelope is not valid JSON");
			}
		}
	}

	private String readString(boolean key) {
		int start = this.position + 1;
		byte[] in = this.input;
		int end = this.end;
		int at = start;
		// Fast path: most strings are printable ASCII without escapes. Eight bytes at a
		// time are tested for a byte
		// that is not (a quote, a backslash, a control character, DEL or non-ASCII), then
		// the table finds it.
		while (at + 8 <= end && plainWord((long) LONGS.get(in, at))) {
			at += 8;
		}
		while (at < end && PLAIN[in[at] & 0xFF]) {
			at++;
		}
		if (at < end && in[at] == '"') {
			this.position = at + 1;
			int length = at - start;
			if (key) {
				String known = knownKey(start, length);
				if (known != null) {
					return known;
				}
			}
			return text(start, length, true);
		}
		this.position = start;
		boolean ascii = true;
		while (this.position < this.end) {
			byte c = this.input[this.position];
			if (c == '"') {
				return text(start, this.position++ - start, ascii);
			}
			if (c == '\\' || (c >= 0 && c < ' ')) {
				break;
			}
			if (c < 0 || c == 0x7F) {
				// The writer escapes DEL and every non-ASCII character.
				ascii &= c >= 0;
				this.canonical = false;
			}
			this.position++;
		}
		StringBuilder text = new StringBuilder(this.position - start + 16);
		text.append(text(start, this.position - start, ascii));
		while (true) {
			int run = this.position;
			boolean runAscii = true;
			byte c = next();
			while (c != '"' && c != '\\' && (c < 0 || c >= ' ')) {
				if (c < 0 || c == 0x7F) {
					runAscii &= c >= 0;
					this.canonical = false;
				}
				c = next();
			}
			text.append(text(run, this.position - 1 - run, runAscii));
			if (c == '"') {
				return text.toString();
			}
			if (c != '\\') {
				throw invalid("the snapshot envelope has an unescaped control character in a string");
			}
			byte escape = next();
			switch (escape) {
				case '"', '\\', 'b', 'f', 'n', 'r', 't' -> text.append(unescape(escape));
				case '/' -> {
					this.canonical = false;
					text.append('/');
				}
				case 'u' -> text.append(readHexChar());
				default -> throw invalid("the snapshot envelope has an invalid string escape");
			}
		}
	}

	/**
	 * Whether all eight bytes of a word are {@link #PLAIN}. Each test below is exact for
	 * "some byte matches": {@code (v - 0x01..) & ~v & 0x80..} finds a zero byte, so XOR
	 * finds a given byte and subtracting 0x20 finds a byte below 0x20; adding 0x01 sets
	 * the high bit of 0x7F, and bytes of 0x80 and above already have it.
	 */
	private static boolean plainWord(long word) {
		long quote = word ^ 0x2222222222222222L;
		long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
		long special = ((quote - 0x0101010101010101L) & ~quote) | ((backslash - 0x0101010101010101L) & ~backslash)
				| ((word - 0x2020202020202020L) & ~word) | word | (word + 0x0101010101010101L);
		return (special & 0x8080808080808080L) == 0;
	}

	private static char unescape(byte escape) {
		return switch (escape) {
			case 'b' -> '\b';
			case 'f' -> '\f';
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 't' -> '\t';
			default -> (char) escape;
		};
	}

	private String text(int start, int length, boolean ascii) {
		// ISO-8859-1 maps ASCII bytes straight into a compact string; only raw UTF-8
		// needs the decoder.
		return new String(this.input, start, length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
	}

	private @Nullable String knownKey(int start, int length) {
		if (length >= KNOWN_KEYS_BY_LENGTH.length) {
			return null;
		}
		byte[] in = this.input;
		byte[][] candidates = KNOWN_KEY_BYTES_BY_LENGTH[length];
		for (int c = 0; c < candidates.length; c++) {
			byte[] candidate = candidates[c];
			int i = 0;
			while (i < length && candidate[i] == in[start + i]) {
				i++;
			}
			if (i == length) {
				return KNOWN_KEYS_BY_LENGTH[length][c];
			}
		}
		return null;
	}

	private char readHexChar() {
		int value = 0;
		boolean lowerCase = true;
		for (int i = 0; i < 4; i++) {
			byte c = next();
			int digit = Character.digit(c, 16);
			if (digit < 0) {
				throw invalid("the snapshot envelope has an invalid \\u escape");
			}
			lowerCase &= c <= '9' || c >= 'a';
			value = (value << 4) | digit;
		}
		// The writer uses \\u only, and always, for characters it has no other form for,
		// in lower-case hex.
		if (!lowerCase || (value >= ' ' && value <= '~') || value == '\b' || value == '\f' || value == '\n'
				|| value == '\r' || value == '\t') {
			this.canonical = false;
		}
		return (char) value;
	}

	private Object readNumber() {
		int start = this.position;
		if (peekOrZero() == '-') {
			this.position++;
		}
		byte first = next();
		if (first == '0') {
			if (isDigit(peekOrZero())) {
				throw invalid("the snapshot envelope has a number with a leading zero");
			}
		}
		else if (!isDigit(first)) {
			throw invalid("the snapshot envelope has an invalid number");
		}
		skipDigits();
		boolean integral = true;
		if (peekOrZero() == '.') {
			integral = false;
			this.position++;
			requireDigit();
			skipDigits();
		}
		byte c = peekOrZero();
		if (c == 'e' || c == 'E') {
			integral = false;
			this.position++;
			c = peekOrZero();
			if (c == '+' || c == '-') {
				this.position++;
			}
			requireDigit();
			skipDigits();
		}
		int length = this.position - start;
		if (length > MAX_NUMBER_LENGTH) {
			throw invalid("the snapshot envelope has a number literal longer than " + MAX_NUMBER_LENGTH);
		}
		if (integral && length < 19) {
			// Up to 18 digits always fit a long; accumulate without a string.
			long value = 0;
			for (int i = (this.input[start] == '-') ? start + 1 : start; i < this.position; i++) {
				value = value * 10 + (this.input[i] - '0');
			}
			if (this.input[start] == '-') {
				// Long.toString never writes "-0".
				this.canonical &= value != 0;
				value = -value;
			}
			return value;
		}
		String literal = new String(this.input, start, length, StandardCharsets.ISO_8859_1);
		if (integral) {
			try {
				return Long.parseLong(literal);
			}
			catch (NumberFormatException ex) {
				throw invalid("the snapshot envelope has an integer outside the 64-bit range");
			}
		}
		double value = Double.parseDouble(literal);
		if (Double.isInfinite(value)) {
			throw invalid("the snapshot envelope has a number outside the double range");
		}
		if (this.canonical && !CanonicalJsonWriter.pythonRepr(value).equals(literal)) {
			// Only float tokens are rendered again: their canonical form is Python's
			// repr.
			this.canonical = false;
		}
		return value;
	}

	private void requireDigit() {
		if (!isDigit(peekOrZero())) {
			throw invalid("the snapshot envelope has an invalid number");
		}
	}

	private void skipDigits() {
		while (this.position < this.end && isDigit(this.input[this.position])) {
			this.position++;
		}
	}

	private static boolean isDigit(byte c) {
		return c >= '0' && c <= '9';
	}

	private void expectLiteral(String literal) {
		for (int i = 0; i < literal.length(); i++) {
			if (next() != literal.charAt(i)) {
				throw invalid("the snapshot envelope is not valid JSON");
			}
		}
	}

	private void expect(char expected) {
		if (next() != expected) {
			throw invalid("the snapshot envelope is not valid JSON");
		}
	}

	private void skipWhitespace() {
		// Canonical input has no whitespace, and every JSON token starts above the space
		// character.
		if (this.position < this.end && this.input[this.position] > ' ') {
			return;
		}
		while (this.position < this.end) {
			byte c = this.input[this.position];
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return;
			}
			// The writer never writes whitespace between tokens.
			this.canonical = false;
			this.position++;
		}
	}

	private byte peek() {
		if (this.position >= this.end) {
			throw invalid("the snapshot envelope ends inside its JSON");
		}
		return this.input[this.position];
	}

	private byte peekOrZero() {
		return (this.position < this.end) ? this.input[this.position] : 0;
	}

	private byte next() {
		byte c = peek();
		this.position++;
		return c;
	}

	private static InvalidAuthContextSnapshotException invalid(String message) {
		return new InvalidAuthContextSnapshotException(message);
	}

	/**
	 * A parsed object with what the verifier needs about its bytes.
	 *
	 * @param object the object, keys in document order
	 * @param canonical whether the bytes are exactly the canonical JSON of the object
	 * @param signatureStart where the top-level {@code signature} member starts, with the
	 * comma the writer leaves out with it; {@code -1} when there is none
	 * @param signatureEnd where that range ends
	 */
	record Result(JsonObject object, boolean canonical, int signatureStart, int signatureEnd) {
	}

}
