package io.calltask.freeswitch.esl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a {@code text/event-json} body into an {@link EslEvent}. FreeSWITCH writes one flat object
 * of string values: that is indexed without decoding anything, each value unescaped only when asked
 * for (as plain values are URL-decoded only when asked for); any other JSON is read with Jackson.
 */
final class JsonEventReader {

	private static final JsonFactory JSON = new JsonFactory();

	/** One object of string values, {@code _body} holding the event's body; keys may repeat. */
	static EslEvent read(byte[] data) {
		EslEvent flat = flat(data);
		return flat != null ? flat : parsed(data);
	}

	/**
	 * Indexes a flat object of string values without decoding any; null if the body is anything else
	 * (a number, a nested value, an escaped name, broken JSON), which {@link #parsed} then reads.
	 */
	private static EslEvent flat(byte[] data) {
		int[] index = new int[4 * 64];
		int count = 0;
		String body = "";
		int pos = skipSpace(data, 0);
		if (pos >= data.length || data[pos] != '{') {
			return null;
		}
		pos = skipSpace(data, pos + 1);
		if (pos < data.length && data[pos] == '}') {
			return new EslEvent(data, null, new int[0], null, null, 0, body);
		}
		while (true) {
			if (pos >= data.length || data[pos] != '"') {
				return null;
			}
			int nameStart = pos + 1;
			int nameEnd = stringEnd(data, nameStart);
			if (nameEnd < 0 || EslEvent.indexOf(data, nameStart, nameEnd, (byte) '\\') >= 0) {
				return null;
			}
			pos = skipSpace(data, nameEnd + 1);
			if (pos >= data.length || data[pos] != ':') {
				return null;
			}
			pos = skipSpace(data, pos + 1);
			if (pos >= data.length || data[pos] != '"') {
				return null;
			}
			int valueStart = pos + 1;
			int valueEnd = stringEnd(data, valueStart);
			if (valueEnd < 0) {
				return null;
			}
			if (nameEnd - nameStart == 5 && EslEvent.startsWith(data, nameStart, "_body")) {
				body = string(data, valueStart, valueEnd);
			}
			else {
				if (4 * count == index.length) {
					index = java.util.Arrays.copyOf(index, index.length * 2);
				}
				index[4 * count] = nameStart;
				index[4 * count + 1] = nameEnd;
				index[4 * count + 2] = valueStart;
				index[4 * count + 3] = valueEnd;
				count++;
			}
			pos = skipSpace(data, valueEnd + 1);
			if (pos < data.length && data[pos] == ',') {
				pos = skipSpace(data, pos + 1);
				continue;
			}
			if (pos < data.length && data[pos] == '}' && skipSpace(data, pos + 1) == data.length) {
				return new EslEvent(data, null, index, null, null, count, body);
			}
			return null;
		}
	}

	private static int skipSpace(byte[] data, int pos) {
		while (pos < data.length && (data[pos] == ' ' || data[pos] == '\n' || data[pos] == '\r' || data[pos] == '\t')) {
			pos++;
		}
		return pos;
	}

	/** Where the string starting at {@code from} (after its opening quote) closes; -1 if it does not. */
	private static int stringEnd(byte[] data, int from) {
		for (int k = from; k < data.length; k++) {
			byte b = data[k];
			if (b == '\\') {
				k++;
			}
			else if (b == '"') {
				return k;
			}
		}
		return -1;
	}

	/** A JSON string's contents (between its quotes), unescaped; how a flat event's values are read when asked for. */
	static String string(byte[] data, int from, int to) {
		if (EslEvent.indexOf(data, from, to, (byte) '\\') < 0) {
			return new String(data, from, to - from, StandardCharsets.UTF_8);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
		for (int k = from; k < to; k++) {
			byte b = data[k];
			if (b != '\\' || k + 1 >= to) {
				out.write(b);
				continue;
			}
			byte e = data[++k];
			switch (e) {
				case 'n' -> out.write('\n');
				case 'r' -> out.write('\r');
				case 't' -> out.write('\t');
				case 'b' -> out.write('\b');
				case 'f' -> out.write('\f');
				case 'u' -> {
					int c = k + 4 < to ? hex4(data, k + 1) : -1;
					if (c < 0) {
						out.write('?');
						break;
					}
					k += 4;
					if (Character.isHighSurrogate((char) c) && k + 6 < to && data[k + 1] == '\\' && data[k + 2] == 'u') {
						int low = hex4(data, k + 3);
						if (low >= 0 && Character.isLowSurrogate((char) low)) {
							k += 6;
							byte[] utf8 = new String(new char[] { (char) c, (char) low }).getBytes(StandardCharsets.UTF_8);
							out.write(utf8, 0, utf8.length);
							break;
						}
					}
					byte[] utf8 = String.valueOf((char) c).getBytes(StandardCharsets.UTF_8);
					out.write(utf8, 0, utf8.length);
				}
				default -> out.write(e); // \" \\ \/
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	private static int hex4(byte[] data, int from) {
		int value = 0;
		for (int k = from; k < from + 4; k++) {
			int d = Character.digit(data[k], 16);
			if (d < 0) {
				return -1;
			}
			value = value << 4 | d;
		}
		return value;
	}

	/** Reads any JSON object with Jackson: values that are not strings are read as text, nested ones skipped. */
	private static EslEvent parsed(byte[] data) {
		List<String> names = new ArrayList<>(64);
		List<String> values = new ArrayList<>(64);
		String body = "";
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), data)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("ESL JSON event is not an object");
			}
			JsonToken token;
			while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				String text;
				if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
					parser.skipChildren();
					continue;
				}
				text = value == JsonToken.VALUE_NULL ? "" : parser.getString();
				if (name.equals("_body")) {
					body = text;
				}
				else {
					names.add(name);
					values.add(text);
				}
			}
			if (token != JsonToken.END_OBJECT) {
				throw new IllegalArgumentException("ESL JSON event is cut short");
			}
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("ESL JSON event is not JSON: " + ex.getOriginalMessage(), ex);
		}
		return new EslEvent(null, null, names.toArray(new String[0]), values.toArray(new String[0]), names.size(), body);
	}

	private JsonEventReader() {
	}

}
