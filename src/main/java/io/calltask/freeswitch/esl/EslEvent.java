package io.calltask.freeswitch.esl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An event's headers and body, from a {@code text/event-plain} or {@code text/event-json} frame.
 * Headers keep their order and repeats ({@code Hangup-Cause} comes twice in
 * {@code CHANNEL_HANGUP_COMPLETE}). A plain body is indexed once and each value is URL-decoded only
 * when asked for: a hangup event has some 200 headers, a dialer reads ten of them.
 * FreeSWITCH's {@code _undef_} (an empty value) reads as "". JSON bodies are indexed the same way
 * by {@link JsonEventReader}.
 */
public final class EslEvent {

	private static final String UNDEF = "_undef_";

	/** Plain: the body bytes; per header i, {@code index[3i]} name start, {@code [3i+1]} colon, {@code [3i+2]} line end. */
	private final byte[] data;

	private final int[] index;

	/**
	 * Flat JSON (what FreeSWITCH writes): per header i, {@code jsonIndex[4i..4i+3]} name start and end,
	 * value start and end (inside the quotes); a value is unescaped only when asked for.
	 */
	private final int[] jsonIndex;

	/** JSON that is not flat strings: names and values, already decoded. */
	private final String[] names;

	private final String[] values;

	private final int count;

	private final String body;

	EslEvent(byte[] data, int[] index, String[] names, String[] values, int count, String body) {
		this(data, index, null, names, values, count, body);
	}

	EslEvent(byte[] data, int[] index, int[] jsonIndex, String[] names, String[] values, int count,
			String body) {
		this.data = data;
		this.index = index;
		this.jsonIndex = jsonIndex;
		this.names = names;
		this.values = values;
		this.count = count;
		this.body = body;
	}

	/** The event a frame carries, or null if the frame is not an event. */
	public static EslEvent of(EslFrame frame) {
		String type = frame.contentType();
		if (type.equals("text/event-plain")) {
			return plain(frame.body());
		}
		if (type.equals("text/event-json")) {
			return json(frame.body());
		}
		return null;
	}

	/** Indexes a plain body: {@code Name: value} lines, a blank line, and a body if a {@code Content-Length} said so. */
	public static EslEvent plain(byte[] data) {
		int[] index = new int[3 * 64];
		int count = 0;
		int pos = 0;
		int end = data.length;
		int bodyLength = -1;
		while (pos < end) {
			int eol = pos;
			while (eol < end && data[eol] != '\n') {
				eol++;
			}
			int lineEnd = eol > pos && data[eol - 1] == '\r' ? eol - 1 : eol;
			if (lineEnd == pos) {
				pos = eol + 1;
				break; // the blank line: headers end
			}
			int colon = pos;
			while (colon < lineEnd && data[colon] != ':') {
				colon++;
			}
			if (colon < lineEnd) {
				if (count * 3 == index.length) {
					index = java.util.Arrays.copyOf(index, index.length * 2);
				}
				index[3 * count] = pos;
				index[3 * count + 1] = colon;
				index[3 * count + 2] = lineEnd;
				if (colon - pos == 14 && startsWith(data, pos, "Content-Length")) {
					bodyLength = parseInt(data, colon + 1, lineEnd);
				}
				count++;
			}
			pos = eol + 1;
		}
		String body = "";
		if (bodyLength > 0 && pos < end) {
			body = new String(data, pos, Math.min(bodyLength, end - pos), StandardCharsets.UTF_8);
		}
		return new EslEvent(data, index, null, null, count, body);
	}

	/** Reads a JSON body: one object of string values, {@code _body} holding the event's body; keys may repeat. */
	public static EslEvent json(byte[] data) {
		return JsonEventReader.read(data);
	}

	/** {@code Event-Name}, e.g. {@code CHANNEL_HANGUP_COMPLETE}. */
	public String name() {
		String name = header("Event-Name");
		return name == null ? "" : name;
	}

	/** The first value of {@code name}, decoded; null if absent. */
	public String header(String name) {
		for (int i = 0; i < count; i++) {
			if (nameIs(i, name)) {
				return value(i);
			}
		}
		return null;
	}

	/** Every value of {@code name}, in order. */
	public List<String> headers(String name) {
		List<String> found = new ArrayList<>(2);
		for (int i = 0; i < count; i++) {
			if (nameIs(i, name)) {
				found.add(value(i));
			}
		}
		return found;
	}

	/** How many headers (repeats counted). */
	public int size() {
		return count;
	}

	public String headerName(int i) {
		if (names != null) {
			return names[i];
		}
		if (jsonIndex != null) {
			return new String(data, jsonIndex[4 * i], jsonIndex[4 * i + 1] - jsonIndex[4 * i], StandardCharsets.UTF_8);
		}
		return new String(data, index[3 * i], index[3 * i + 1] - index[3 * i], StandardCharsets.ISO_8859_1);
	}

	public String headerValue(int i) {
		return value(i);
	}

	/** The event's own body ({@code BACKGROUND_JOB}: {@code +OK <uuid>} or {@code -ERR <CAUSE>}), or "". */
	public String body() {
		return body;
	}

	private boolean nameIs(int i, String name) {
		if (names != null) {
			return names[i].equals(name);
		}
		int from = jsonIndex != null ? jsonIndex[4 * i] : index[3 * i];
		int length = (jsonIndex != null ? jsonIndex[4 * i + 1] : index[3 * i + 1]) - from;
		if (length != name.length()) {
			return false;
		}
		for (int k = 0; k < length; k++) {
			if (data[from + k] != name.charAt(k)) {
				return false;
			}
		}
		return true;
	}

	private String value(int i) {
		if (values != null) {
			return values[i].equals(UNDEF) ? "" : values[i];
		}
		if (jsonIndex != null) {
			String value = JsonEventReader.string(data, jsonIndex[4 * i + 2], jsonIndex[4 * i + 3]);
			return value.equals(UNDEF) ? "" : value;
		}
		int from = index[3 * i + 1] + 1;
		int to = index[3 * i + 2];
		if (from < to && data[from] == ' ') {
			from++;
		}
		if (indexOf(data, from, to, (byte) '%') < 0) {
			if (to - from == UNDEF.length() && startsWith(data, from, UNDEF)) {
				return "";
			}
			return new String(data, from, to - from, StandardCharsets.UTF_8);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
		for (int k = from; k < to; k++) {
			byte b = data[k];
			if (b == '%' && k + 2 < to) {
				int hi = Character.digit(data[k + 1], 16);
				int lo = Character.digit(data[k + 2], 16);
				if (hi >= 0 && lo >= 0) {
					out.write(hi << 4 | lo);
					k += 2;
					continue;
				}
			}
			out.write(b);
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	static int indexOf(byte[] data, int from, int to, byte value) {
		for (int k = from; k < to; k++) {
			if (data[k] == value) {
				return k;
			}
		}
		return -1;
	}

	static boolean startsWith(byte[] data, int from, String text) {
		if (from + text.length() > data.length) {
			return false;
		}
		for (int k = 0; k < text.length(); k++) {
			if (data[from + k] != text.charAt(k)) {
				return false;
			}
		}
		return true;
	}

	private static int parseInt(byte[] data, int from, int to) {
		int value = 0;
		boolean digits = false;
		for (int k = from; k < to; k++) {
			byte b = data[k];
			if (b >= '0' && b <= '9') {
				value = value * 10 + (b - '0');
				digits = true;
			}
			else if (b != ' ' || digits) {
				return -1;
			}
		}
		return digits ? value : -1;
	}

	@Override
	public String toString() {
		return name() + " (" + count + " headers)";
	}

}
