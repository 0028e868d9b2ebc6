package dev.gatehouse.auth.snapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

import dev.gatehouse.auth.error.InvalidAuthContextSnapshotException;
import org.jspecify.annotations.Nullable;

/**
 * A small strict JSON (RFC 8259) parser for snapshot envelopes. It yields {@link LinkedHashMap}s in document
 * order, {@link ArrayList}s, strings, {@link Long}s, finite {@link Double}s, booleans
 * and {@code null}, and rejects everything a lenient parser would let through: duplicate keys, trailing data,
 * unescaped control characters, leading zeros, integers outside the {@code long} range, numbers that overflow a
 * double, over-long number literals and nesting deeper than {@link #MAX_DEPTH}.
 *
 * <p>Every failure is an {@link InvalidAuthContextSnapshotException} whose message names the rule, never the
 * input. Not thread-safe; one instance per envelope.
 */
final class StrictJsonParser {

	/** The envelope needs three levels; anything deeper is hostile. */
	static final int MAX_DEPTH = 8;

	/** Canonical numbers are at most 24 characters; longer literals only cost parse time. */
	private static final int MAX_NUMBER_LENGTH = 40;

	private final char[] input;

	private final int end;

	private int position;

	private StrictJsonParser(char[] input, int end) {
		this.input = input;
		this.end = end;
	}

	/**
	 * Parses one JSON object that spans the whole input.
	 * @param input the characters
	 * @param end the number of characters to read
	 * @return the object, keys in document order
	 * @throws InvalidAuthContextSnapshotException when the input is not exactly one strict JSON object
	 */
	static LinkedHashMap<String, @Nullable Object> parseObject(char[] input, int end) {
		StrictJsonParser parser = new StrictJsonParser(input, end);
		parser.skipWhitespace();
		if (parser.peek() != '{') {
			throw invalid("the snapshot envelope is not a JSON object");
		}
		LinkedHashMap<String, @Nullable Object> object = parser.readObject(1);
		parser.skipWhitespace();
		if (parser.position != end) {
			throw invalid("the snapshot envelope has data after its JSON object");
		}
		return object;
	}

	private @Nullable Object readValue(int depth) {
		if (depth > MAX_DEPTH) {
			throw invalid("the snapshot envelope nests deeper than " + MAX_DEPTH + " levels");
		}
		char c = peek();
		switch (c) {
			case '{':
				return readObject(depth);
			case '[':
				return readArray(depth);
			case '"':
				return readString();
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
				if (c == '-' || (c >= '0' && c <= '9')) {
					return readNumber();
				}
				throw invalid("the snapshot envelope is not valid JSON");
		}
	}

	private LinkedHashMap<String, @Nullable Object> readObject(int depth) {
		this.position++;
		LinkedHashMap<String, @Nullable Object> object = new LinkedHashMap<>();
		int members = 0;
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return object;
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw invalid("the snapshot envelope has an object key that is not a string");
			}
			String key = readString();
			skipWhitespace();
			expect(':');
			skipWhitespace();
			if (object.put(key, readValue(depth + 1)) != null || object.size() != ++members) {
				throw invalid("the snapshot envelope has a duplicate key");
			}
			skipWhitespace();
			char c = next();
			if (c == '}') {
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
			char c = next();
			if (c == ']') {
				return array;
			}
			if (c != ',') {
				throw invalid("the snapshot envelope is not valid JSON");
			}
		}
	}

	private String readString() {
		this.position++;
		int start = this.position;
		// Fast path: most strings have no escapes, so they are copied in one go.
		while (this.position < this.end) {
			char c = this.input[this.position];
			if (c == '"') {
				return new String(this.input, start, this.position++ - start);
			}
			if (c == '\\' || c < ' ') {
				break;
			}
			this.position++;
		}
		StringBuilder text = new StringBuilder(this.position - start + 16);
		text.append(this.input, start, this.position - start);
		while (true) {
			char c = next();
			if (c == '"') {
				return text.toString();
			}
			if (c < ' ') {
				throw invalid("the snapshot envelope has an unescaped control character in a string");
			}
			if (c != '\\') {
				text.append(c);
				continue;
			}
			char escape = next();
			switch (escape) {
				case '"', '\\', '/' -> text.append(escape);
				case 'b' -> text.append('\b');
				case 'f' -> text.append('\f');
				case 'n' -> text.append('\n');
				case 'r' -> text.append('\r');
				case 't' -> text.append('\t');
				case 'u' -> text.append(readHexChar());
				default -> throw invalid("the snapshot envelope has an invalid string escape");
			}
		}
	}

	private char readHexChar() {
		int value = 0;
		for (int i = 0; i < 4; i++) {
			int digit = Character.digit(next(), 16);
			if (digit < 0) {
				throw invalid("the snapshot envelope has an invalid \\u escape");
			}
			value = (value << 4) | digit;
		}
		return (char) value;
	}

	private Object readNumber() {
		int start = this.position;
		if (peekOrZero() == '-') {
			this.position++;
		}
		char first = next();
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
		char c = peekOrZero();
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
		String literal = new String(this.input, start, length);
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

	private static boolean isDigit(char c) {
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
		while (this.position < this.end) {
			char c = this.input[this.position];
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return;
			}
			this.position++;
		}
	}

	private char peek() {
		if (this.position >= this.end) {
			throw invalid("the snapshot envelope ends inside its JSON");
		}
		return this.input[this.position];
	}

	private char peekOrZero() {
		return (this.position < this.end) ? this.input[this.position] : 0;
	}

	private char next() {
		char c = peek();
		this.position++;
		return c;
	}

	private static InvalidAuthContextSnapshotException invalid(String message) {
		return new InvalidAuthContextSnapshotException(message);
	}

}
