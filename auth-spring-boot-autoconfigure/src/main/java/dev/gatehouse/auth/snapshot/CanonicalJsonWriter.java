package dev.gatehouse.auth.snapshot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes the canonical JSON of snapshot envelopes byte for byte as the Python reference
 * implementation does
 * ({@code json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)}):
 * object keys sorted by code point, no whitespace, every character outside printable
 * ASCII escaped as lower-case {@code \\uXXXX} and floats as Python's {@code repr}.
 * Because every non-ASCII character is escaped, the output is pure ASCII and is written
 * straight into bytes without a charset encoder.
 *
 * <p>
 * Not thread-safe; one instance per signing or verification call.
 */
final class CanonicalJsonWriter {

	/**
	 * Orders strings by Unicode code point, as Python sorts {@code str}; UTF-16 order
	 * differs above U+FFFF.
	 */
	static final Comparator<String> CODE_POINT_ORDER = CanonicalJsonWriter::compareCodePoints;

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] NULL = { 'n', 'u', 'l', 'l' };

	private static final byte[] TRUE = { 't', 'r', 'u', 'e' };

	private static final byte[] FALSE = { 'f', 'a', 'l', 's', 'e' };

	private byte[] buffer;

	private int length;

	CanonicalJsonWriter(int initialCapacity) {
		this.buffer = new byte[initialCapacity];
	}

	/**
	 * Returns the bytes written so far.
	 * @return a copy of the ASCII output
	 */
	byte[] toByteArray() {
		return Arrays.copyOf(this.buffer, this.length);
	}

	/**
	 * Returns the output as a string; it is ASCII, so ISO-8859-1 decodes it without
	 * checks.
	 * @return the canonical JSON
	 */
	String asString() {
		return new String(this.buffer, 0, this.length, StandardCharsets.ISO_8859_1);
	}

	byte[] buffer() {
		return this.buffer;
	}

	int length() {
		return this.length;
	}

	/**
	 * Writes a JSON value: a map with string keys, a list, a string, an integer, a finite
	 * double, a boolean or {@code null}.
	 * @param value the value
	 * @throws IllegalArgumentException for any other value, a non-finite double or a
	 * non-string key
	 */
	void writeValue(@Nullable Object value) {
		if (value == null) {
			append(NULL);
		}
		else if (value instanceof String text) {
			writeString(text);
		}
		else if (value instanceof Boolean flag) {
			append(flag ? TRUE : FALSE);
		}
		else if (value instanceof Long || value instanceof Integer) {
			appendAscii(value.toString());
		}
		else if (value instanceof Double number) {
			writeDouble(number);
		}
		else if (value instanceof Map<?, ?> map) {
			writeObject(map);
		}
		else if (value instanceof List<?> list) {
			writeArray(list);
		}
		else {
			throw new IllegalArgumentException("a snapshot value must be a JSON value, not " + value.getClass());
		}
	}

	/**
	 * Writes an object and returns where one of its members, with one adjacent comma,
	 * starts and ends, so that the output without that range is the canonical JSON of the
	 * object without the member.
	 * @param map the object
	 * @param excluded the key of the member to locate
	 * @return {@code {start, end}} of the member and its comma, or {@code {0, 0}} when
	 * the key is absent
	 */
	int[] writeObjectLocating(Map<?, ?> map, String excluded) {
		int start = 0;
		int end = 0;
		int index = 0;
		append('{');
		for (Map.Entry<?, ?> entry : orderedEntries(map)) {
			int memberStart = this.length;
			writeMember(index++, entry);
			if (excluded.equals(entry.getKey())) {
				start = memberStart;
				end = this.length;
			}
		}
		if (start == 1 && index > 1) {
			// The first member has no comma before it, so it takes the one after it.
			end++;
		}
		append('}');
		return new int[] { start, end };
	}

	private void writeObject(Map<?, ?> map) {
		int index = 0;
		append('{');
		for (Map.Entry<?, ?> entry : orderedEntries(map)) {
			writeMember(index++, entry);
		}
		append('}');
	}

	private void writeMember(int index, Map.Entry<?, ?> entry) {
		if (index > 0) {
			append(',');
		}
		writeString((String) entry.getKey());
		append(':');
		writeValue(entry.getValue());
	}

	/**
	 * Returns the entries in code-point order of their keys. Parsed canonical envelopes
	 * and the signer's maps are already in that order, so the common case only checks it
	 * and allocates nothing.
	 */
	private static Iterable<? extends Map.Entry<?, ?>> orderedEntries(Map<?, ?> map) {
		String previous = null;
		boolean ordered = true;
		for (Object key : map.keySet()) {
			if (!(key instanceof String name)) {
				throw new IllegalArgumentException("JSON object keys must be strings");
			}
			if (previous != null && CODE_POINT_ORDER.compare(previous, name) >= 0) {
				ordered = false;
			}
			previous = name;
		}
		if (ordered) {
			return map.entrySet();
		}
		List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
		entries.sort((left, right) -> CODE_POINT_ORDER.compare((String) left.getKey(), (String) right.getKey()));
		return entries;
	}

	private void writeArray(List<?> list) {
		append('[');
		for (int i = 0; i < list.size(); i++) {
			if (i > 0) {
				append(',');
			}
			writeValue(list.get(i));
		}
		append(']');
	}

	/**
	 * Writes a string with Python's {@code ensure_ascii} escaping: {@code "} and
	 * {@code \\} escaped, the five short control escapes, and every other character
	 * outside {@code ' '..'~'} (including DEL) as {@code \\u00xx}; astral characters come
	 * out as their two escaped surrogates.
	 * @param text the string
	 */
	void writeString(String text) {
		int length = text.length();
		// One capacity check for the worst case (every character a six-byte escape)
		// instead of one per character.
		ensure(length * 6 + 2);
		byte[] out = this.buffer;
		int at = this.length;
		out[at++] = '"';
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c >= ' ' && c <= '~') {
				if (c == '"' || c == '\\') {
					out[at++] = '\\';
				}
				out[at++] = (byte) c;
				continue;
			}
			out[at++] = '\\';
			switch (c) {
				case '\n' -> out[at++] = 'n';
				case '\r' -> out[at++] = 'r';
				case '\t' -> out[at++] = 't';
				case '\b' -> out[at++] = 'b';
				case '\f' -> out[at++] = 'f';
				default -> {
					out[at++] = 'u';
					out[at++] = HEX[(c >> 12) & 0xF];
					out[at++] = HEX[(c >> 8) & 0xF];
					out[at++] = HEX[(c >> 4) & 0xF];
					out[at++] = HEX[c & 0xF];
				}
			}
		}
		out[at++] = '"';
		this.length = at;
	}

	/**
	 * Writes a double exactly as Python's {@code repr(float)}: the shortest digits that
	 * read back as the same double, plain notation for {@code 1e-4 <= |x| < 1e16} (with
	 * {@code .0} when integral) and {@code d.ddde±XX} otherwise. Java's
	 * {@code Double.toString} is not used: before JDK 19 it does not always give the
	 * shortest digits, and its notation rules differ.
	 * @param value the value
	 * @throws IllegalArgumentException for NaN or an infinity, which JSON cannot carry
	 */
	void writeDouble(double value) {
		appendAscii(pythonRepr(value));
	}

	static String pythonRepr(double value) {
		if (!Double.isFinite(value)) {
			throw new IllegalArgumentException("NaN and infinite numbers cannot be written to a snapshot");
		}
		if (value == 0.0d) {
			return (Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0";
		}
		BigDecimal shortest = shortestRoundTrip(value).stripTrailingZeros();
		String digits = shortest.unscaledValue().abs().toString();
		int exponent = digits.length() - 1 - shortest.scale();
		StringBuilder out = new StringBuilder(26);
		if (value < 0) {
			out.append('-');
		}
		if (exponent >= -4 && exponent < 16) {
			if (exponent < 0) {
				out.append("0.");
				out.append("0".repeat(-exponent - 1));
				out.append(digits);
			}
			else if (digits.length() <= exponent + 1) {
				out.append(digits);
				out.append("0".repeat(exponent + 1 - digits.length()));
				out.append(".0");
			}
			else {
				out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
			}
			return out.toString();
		}
		out.append(digits.charAt(0));
		if (digits.length() > 1) {
			out.append('.').append(digits, 1, digits.length());
		}
		out.append('e').append((exponent < 0) ? '-' : '+');
		int magnitude = Math.abs(exponent);
		if (magnitude < 10) {
			out.append('0');
		}
		return out.append(magnitude).toString();
	}

	private static BigDecimal shortestRoundTrip(double value) {
		BigDecimal exact = new BigDecimal(value);
		for (int precision = 1; precision < 17; precision++) {
			BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
			if (nearest.doubleValue() == value) {
				return nearest;
			}
			// Next to a power of two the round-trip interval is lopsided: the nearest
			// short decimal may fall
			// outside it while its other neighbour is inside, and Python then prints that
			// neighbour.
			BigDecimal down = exact.round(new MathContext(precision, RoundingMode.DOWN));
			if (down.doubleValue() == value) {
				return down;
			}
			BigDecimal up = exact.round(new MathContext(precision, RoundingMode.UP));
			if (up.doubleValue() == value) {
				return up;
			}
		}
		// Seventeen significant digits always identify a double.
		return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
	}

	/**
	 * Formats an instant as Python's {@code datetime.isoformat()} of an aware UTC
	 * datetime: {@code YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00}, microseconds only when
	 * non-zero.
	 * @param instant an instant of microsecond precision in years 1 to 9999
	 * @return the timestamp
	 * @throws IllegalArgumentException when the instant has sub-microsecond digits or is
	 * out of range
	 */
	static String formatTimestamp(Instant instant) {
		if (instant.getNano() % 1000 != 0) {
			throw new IllegalArgumentException("snapshot timestamps carry microseconds at most");
		}
		LocalDateTime time = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
		if (time.getYear() < 1 || time.getYear() > 9999) {
			throw new IllegalArgumentException("snapshot timestamps must lie in years 1 to 9999");
		}
		char[] out = new char[32];
		int at = digits(out, 0, time.getYear(), 4);
		out[at++] = '-';
		at = digits(out, at, time.getMonthValue(), 2);
		out[at++] = '-';
		at = digits(out, at, time.getDayOfMonth(), 2);
		out[at++] = 'T';
		at = digits(out, at, time.getHour(), 2);
		out[at++] = ':';
		at = digits(out, at, time.getMinute(), 2);
		out[at++] = ':';
		at = digits(out, at, time.getSecond(), 2);
		int micros = time.getNano() / 1000;
		if (micros != 0) {
			out[at++] = '.';
			at = digits(out, at, micros, 6);
		}
		for (char c : new char[] { '+', '0', '0', ':', '0', '0' }) {
			out[at++] = c;
		}
		return new String(out, 0, at);
	}

	private static int digits(char[] out, int at, int value, int width) {
		int remaining = value;
		for (int i = at + width - 1; i >= at; i--) {
			out[i] = (char) ('0' + remaining % 10);
			remaining /= 10;
		}
		return at + width;
	}

	private static int compareCodePoints(String left, String right) {
		int length = Math.min(left.length(), right.length());
		for (int i = 0; i < length; i++) {
			char a = left.charAt(i);
			char b = right.charAt(i);
			if (a != b) {
				// Surrogates (U+D800..U+DFFF) encode code points above every BMP
				// character, so they sort last.
				if (Character.isSurrogate(a) != Character.isSurrogate(b)) {
					return Character.isSurrogate(a) ? 1 : -1;
				}
				return a - b;
			}
		}
		return left.length() - right.length();
	}

	private void appendAscii(String ascii) {
		ensure(ascii.length());
		for (int i = 0; i < ascii.length(); i++) {
			this.buffer[this.length++] = (byte) ascii.charAt(i);
		}
	}

	private void append(byte[] bytes) {
		ensure(bytes.length);
		System.arraycopy(bytes, 0, this.buffer, this.length, bytes.length);
		this.length += bytes.length;
	}

	private void append(char c) {
		ensure(1);
		this.buffer[this.length++] = (byte) c;
	}

	private void ensure(int extra) {
		if (this.length + extra > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.max(this.buffer.length * 2, this.length + extra));
		}
	}

}
