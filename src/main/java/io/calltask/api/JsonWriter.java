package io.calltask.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * Writes JSON straight into a growing UTF-8 byte array, for the responses that write thousands of
 * keys per request (the task list). Names are encoded once ({@link Name}); strings, numbers and
 * UUIDs are encoded in place, with no intermediate strings.
 * <p>
 * The output is byte for byte what Jackson writes with its defaults: the same escapes ({@code \"},
 * {@code \\}, {@code \b \f \n \r \t}, a {@code \\u00XX} escape for other control characters), non-ASCII
 * characters as UTF-8. A lone surrogate, which UTF-8 cannot carry, is written as a {@code \\uXXXX}
 * escape. Commas are placed by the writer; the caller only opens, names and closes.
 */
public final class JsonWriter {

	/** An object member's name, encoded once as {@code "name":}. */
	public static final class Name {

		private final byte[] bytes;

		private Name(byte[] bytes) {
			this.bytes = bytes;
		}

		/** {@code name} is escaped like any string. */
		public static Name of(String name) {
			JsonWriter w = new JsonWriter(name.length() * 6 + 3);
			w.name(name);
			return new Name(w.toByteArray());
		}

	}

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] NULL = { 'n', 'u', 'l', 'l' };

	private static final byte[] TRUE = { 't', 'r', 'u', 'e' };

	private static final byte[] FALSE = { 'f', 'a', 'l', 's', 'e' };

	/** For each ASCII character: 0 written as is, -1 written as a \\u00XX escape, else the letter after a backslash. */
	private static final byte[] ESCAPES = new byte[128];

	static {
		for (int c = 0; c < 0x20; c++) {
			ESCAPES[c] = -1;
		}
		ESCAPES['\b'] = 'b';
		ESCAPES['\f'] = 'f';
		ESCAPES['\n'] = 'n';
		ESCAPES['\r'] = 'r';
		ESCAPES['\t'] = 't';
		ESCAPES['"'] = '"';
		ESCAPES['\\'] = '\\';
	}

	private byte[] buf;

	private int pos;

	/** Whether the next value is the first of its object or array (or comes right after a name). */
	private boolean first = true;

	public JsonWriter(int initialCapacity) {
		this.buf = new byte[Math.max(16, initialCapacity)];
	}

	public JsonWriter startObject() {
		comma();
		put((byte) '{');
		first = true;
		return this;
	}

	public JsonWriter endObject() {
		put((byte) '}');
		first = false;
		return this;
	}

	public JsonWriter startArray() {
		comma();
		put((byte) '[');
		first = true;
		return this;
	}

	public JsonWriter endArray() {
		put((byte) ']');
		first = false;
		return this;
	}

	/** The name of the next member; the value follows with one of the value methods. */
	public JsonWriter name(Name name) {
		literal(name.bytes);
		first = true;
		return this;
	}

	/** The name of the next member, for names known only at run time. */
	public JsonWriter name(String name) {
		comma();
		first = true;
		string(name);
		put((byte) ':');
		first = true;
		return this;
	}

	public JsonWriter nullValue() {
		return literal(NULL);
	}

	public JsonWriter bool(boolean value) {
		return literal(value ? TRUE : FALSE);
	}

	public JsonWriter number(long value) {
		comma();
		ensure(20);
		if (value < 0) {
			if (value == Long.MIN_VALUE) {
				return ascii("-9223372036854775808");
			}
			buf[pos++] = '-';
			value = -value;
		}
		int digits = digits(value);
		int end = pos + digits;
		for (int i = end - 1; i >= pos; i--) {
			buf[i] = (byte) ('0' + value % 10);
			value /= 10;
		}
		pos = end;
		return this;
	}

	/** {@code null} for null, else the number. */
	public JsonWriter number(Number value) {
		if (value == null) {
			return nullValue();
		}
		if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
			return number(value.longValue());
		}
		if (value instanceof BigInteger || value instanceof BigDecimal) {
			comma();
			return ascii(value.toString());
		}
		double d = value.doubleValue();
		if (Double.isNaN(d) || Double.isInfinite(d)) {
			// What Jackson writes by default: the value as a string.
			return string(value.toString());
		}
		comma();
		return ascii(value.toString());
	}

	/** A string value, escaped; {@code null} for null. */
	public JsonWriter string(String value) {
		if (value == null) {
			return nullValue();
		}
		comma();
		int length = value.length();
		ensure(length * 6 + 2);
		byte[] b = buf;
		int p = pos;
		b[p++] = '"';
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c < 0x80) {
				byte escape = ESCAPES[c];
				if (escape == 0) {
					b[p++] = (byte) c;
				}
				else if (escape > 0) {
					b[p++] = '\\';
					b[p++] = escape;
				}
				else {
					p = unicodeEscape(b, p, c);
				}
			}
			else if (c < 0x800) {
				b[p++] = (byte) (0xc0 | (c >> 6));
				b[p++] = (byte) (0x80 | (c & 0x3f));
			}
			else if (Character.isSurrogate(c)) {
				if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
					int cp = Character.toCodePoint(c, value.charAt(++i));
					b[p++] = (byte) (0xf0 | (cp >> 18));
					b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
					b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
					b[p++] = (byte) (0x80 | (cp & 0x3f));
				}
				else {
					p = unicodeEscape(b, p, c);
				}
			}
			else {
				b[p++] = (byte) (0xe0 | (c >> 12));
				b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
				b[p++] = (byte) (0x80 | (c & 0x3f));
			}
		}
		b[p++] = '"';
		pos = p;
		return this;
	}

	/** A UUID as its canonical string; {@code null} for null. */
	public JsonWriter uuid(UUID value) {
		if (value == null) {
			return nullValue();
		}
		comma();
		ensure(38);
		byte[] b = buf;
		int p = pos;
		b[p++] = '"';
		long msb = value.getMostSignificantBits();
		long lsb = value.getLeastSignificantBits();
		p = hex(b, p, msb >>> 32, 8);
		b[p++] = '-';
		p = hex(b, p, msb >>> 16, 4);
		b[p++] = '-';
		p = hex(b, p, msb, 4);
		b[p++] = '-';
		p = hex(b, p, lsb >>> 48, 4);
		b[p++] = '-';
		p = hex(b, p, lsb, 12);
		b[p++] = '"';
		pos = p;
		return this;
	}

	/**
	 * A value that is already JSON (a column stored as canonical JSON), copied as it is; the caller
	 * vouches that it is one well-formed value.
	 */
	public JsonWriter rawValue(String json) {
		comma();
		int length = json.length();
		ensure(length * 3);
		byte[] b = buf;
		int p = pos;
		for (int i = 0; i < length; i++) {
			char c = json.charAt(i);
			if (c < 0x80) {
				b[p++] = (byte) c;
			}
			else {
				pos = p;
				byte[] rest = json.substring(i).getBytes(StandardCharsets.UTF_8);
				ensure(rest.length);
				System.arraycopy(rest, 0, buf, pos, rest.length);
				pos += rest.length;
				return this;
			}
		}
		pos = p;
		return this;
	}

	/**
	 * Any of: {@code null}, {@link JsonWritable}, {@link CharSequence}, {@link Number},
	 * {@link Boolean}, {@link UUID}, a {@link Map} with string keys or a {@link Collection} of those.
	 */
	public JsonWriter value(Object value) {
		if (value == null) {
			return nullValue();
		}
		if (value instanceof String s) {
			return string(s);
		}
		if (value instanceof Number n) {
			return number(n);
		}
		if (value instanceof Boolean b) {
			return bool(b);
		}
		if (value instanceof UUID u) {
			return uuid(u);
		}
		if (value instanceof JsonWritable w) {
			w.writeTo(this);
			return this;
		}
		if (value instanceof CharSequence s) {
			return string(s.toString());
		}
		if (value instanceof Map<?, ?> map) {
			startObject();
			for (Map.Entry<?, ?> e : map.entrySet()) {
				name(String.valueOf(e.getKey()));
				value(e.getValue());
			}
			return endObject();
		}
		if (value instanceof Collection<?> items) {
			startArray();
			for (Object item : items) {
				value(item);
			}
			return endArray();
		}
		throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
	}

	/** How many bytes are written. */
	public int size() {
		return pos;
	}

	public byte[] toByteArray() {
		return Arrays.copyOf(buf, pos);
	}

	@Override
	public String toString() {
		return new String(buf, 0, pos, StandardCharsets.UTF_8);
	}

	private JsonWriter literal(byte[] bytes) {
		comma();
		ensure(bytes.length);
		System.arraycopy(bytes, 0, buf, pos, bytes.length);
		pos += bytes.length;
		return this;
	}

	/** An ASCII token whose comma is already written. */
	private JsonWriter ascii(String token) {
		int length = token.length();
		ensure(length);
		for (int i = 0; i < length; i++) {
			buf[pos++] = (byte) token.charAt(i);
		}
		return this;
	}

	private void comma() {
		if (first) {
			first = false;
		}
		else {
			put((byte) ',');
		}
	}

	private void put(byte b) {
		ensure(1);
		buf[pos++] = b;
	}

	private void ensure(int more) {
		if (buf.length - pos < more) {
			buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
		}
	}

	private static int unicodeEscape(byte[] b, int p, char c) {
		b[p++] = '\\';
		b[p++] = 'u';
		b[p++] = UPPER_HEX[(c >> 12) & 0xf];
		b[p++] = UPPER_HEX[(c >> 8) & 0xf];
		b[p++] = UPPER_HEX[(c >> 4) & 0xf];
		b[p++] = UPPER_HEX[c & 0xf];
		return p;
	}

	private static int hex(byte[] b, int p, long value, int digits) {
		for (int i = digits - 1; i >= 0; i--) {
			b[p + i] = HEX[(int) (value & 0xf)];
			value >>>= 4;
		}
		return p + digits;
	}

	private static int digits(long value) {
		int n = 1;
		long limit = 10;
		while (n < 19 && value >= limit) {
			n++;
			limit *= 10;
		}
		return n;
	}

}
