package io.calltask.freeswitch.esl;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An event as FreeSWITCH holds it before a listener gets it: ordered headers that may repeat, and
 * an optional body; written the way {@code switch_event_serialize} and
 * {@code switch_event_serialize_json} write it and framed the way {@code mod_event_socket} frames
 * it. The test peer and the decoder benchmark both write through this class, so what the decoder
 * is tested and measured on is what a real switch puts on the wire.
 */
public final class SwitchEvent {

	/** The bytes {@code switch_url_encode} escapes besides those below 0x20 or above 0x7E. */
	private static final String URL_UNSAFE = "\r\n #%&+:;<=>?@[\\]^`{|}\"";

	private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private final List<String> names = new ArrayList<>(64);

	private final List<String> values = new ArrayList<>(64);

	private String body;

	private byte[] plainFrame;

	private byte[] jsonFrame;

	/** An event whose first header is {@code Event-Name}, as every FreeSWITCH event's is. */
	public SwitchEvent(String eventName) {
		add("Event-Name", eventName);
	}

	/**
	 * Adds what {@code switch_event_prep_for_delivery} stamps on every event after its name: the
	 * switch's identity, the time three ways and the firing code's place; the calling place is part
	 * of the realism (a dialer must not care), the sequence is the switch's event counter.
	 */
	public SwitchEvent stamp(String coreUuid, String hostname, Instant at, long sequence, String callingFile,
			String callingFunction, int callingLine) {
		add("Core-UUID", coreUuid);
		add("FreeSWITCH-Hostname", hostname);
		add("FreeSWITCH-Switchname", hostname);
		add("FreeSWITCH-IPv4", "127.0.0.1");
		add("FreeSWITCH-IPv6", "::1");
		add("Event-Date-Local", LOCAL.format(at.atZone(ZoneId.systemDefault())));
		add("Event-Date-GMT", GMT.format(at));
		add("Event-Date-Timestamp", Long.toString(micros(at)));
		add("Event-Calling-File", callingFile);
		add("Event-Calling-Function", callingFunction);
		add("Event-Calling-Line-Number", Integer.toString(callingLine));
		add("Event-Sequence", Long.toString(sequence));
		return this;
	}

	/** Appends a header; repeats are kept (FreeSWITCH's {@code SWITCH_STACK_BOTTOM}). A null value is not added, as in FreeSWITCH. */
	public SwitchEvent add(String name, String value) {
		if (value != null) {
			names.add(name);
			values.add(value);
			plainFrame = null;
			jsonFrame = null;
		}
		return this;
	}

	/** Sets the event's own body ({@code BACKGROUND_JOB}'s result); "" or null means none. */
	public SwitchEvent body(String body) {
		this.body = body == null || body.isEmpty() ? null : body;
		plainFrame = null;
		jsonFrame = null;
		return this;
	}

	public String name() {
		return values.get(0);
	}

	/** The first value of {@code name}, or null. */
	public String header(String name) {
		int i = names.indexOf(name);
		return i < 0 ? null : values.get(i);
	}

	/** How many headers, repeats counted. */
	public int size() {
		return names.size();
	}

	public String headerName(int i) {
		return names.get(i);
	}

	public String headerValue(int i) {
		return values.get(i);
	}

	/** The body, or null if the event has none. */
	public String body() {
		return body;
	}

	/** The event serialized as {@code switch_event_serialize} does: what follows a {@code text/event-plain} frame's blank line. */
	public byte[] plain() {
		ByteArrayOutputStream out = new ByteArrayOutputStream(64 * names.size());
		for (int i = 0; i < names.size(); i++) {
			writeAscii(out, names.get(i));
			out.write(':');
			out.write(' ');
			String value = values.get(i);
			if (value.isEmpty()) {
				writeAscii(out, "_undef_");
			}
			else {
				urlEncode(value.getBytes(StandardCharsets.UTF_8), out);
			}
			out.write('\n');
		}
		if (body != null) {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			writeAscii(out, "Content-Length: " + bytes.length + "\n\n");
			out.writeBytes(bytes);
		}
		else {
			out.write('\n');
		}
		return out.toByteArray();
	}

	/**
	 * The event as {@code switch_event_serialize_json} writes it: one line, every value a string and
	 * not URL-encoded, repeated names repeated, a body as {@code Content-Length} then {@code _body}.
	 */
	public byte[] json() {
		StringBuilder out = new StringBuilder(64 * names.size());
		out.append('{');
		for (int i = 0; i < names.size(); i++) {
			if (i > 0) {
				out.append(',');
			}
			jsonString(out, names.get(i));
			out.append(':');
			jsonString(out, values.get(i));
		}
		if (body != null) {
			out.append(",\"Content-Length\":\"").append(body.getBytes(StandardCharsets.UTF_8).length).append("\",\"_body\":");
			jsonString(out, body);
		}
		out.append('}');
		return out.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** The whole {@code text/event-plain} frame, {@code Content-Length} first as {@code mod_event_socket} writes it. */
	public byte[] plainFrame() {
		if (plainFrame == null) {
			plainFrame = frame("text/event-plain", plain());
		}
		return plainFrame;
	}

	/** The whole {@code text/event-json} frame. */
	public byte[] jsonFrame() {
		if (jsonFrame == null) {
			jsonFrame = frame("text/event-json", json());
		}
		return jsonFrame;
	}

	public byte[] frame(boolean json) {
		return json ? jsonFrame() : plainFrame();
	}

	/** {@code switch_url_encode}: {@code %XX}, upper-case hex, for control bytes, bytes above 0x7E (each UTF-8 byte) and the unsafe set. */
	public static String urlEncode(String value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(value.length() + 16);
		urlEncode(value.getBytes(StandardCharsets.UTF_8), out);
		return out.toString(StandardCharsets.US_ASCII);
	}

	public static long micros(Instant at) {
		return at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
	}

	private static byte[] frame(String contentType, byte[] event) {
		byte[] head = ("Content-Length: " + event.length + "\nContent-Type: " + contentType + "\n\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] frame = new byte[head.length + event.length];
		System.arraycopy(head, 0, frame, 0, head.length);
		System.arraycopy(event, 0, frame, head.length, event.length);
		return frame;
	}

	private static void urlEncode(byte[] bytes, ByteArrayOutputStream out) {
		for (byte b : bytes) {
			int c = b & 0xFF;
			if (c < 0x20 || c > 0x7E || URL_UNSAFE.indexOf(c) >= 0) {
				out.write('%');
				out.write(HEX[c >> 4]);
				out.write(HEX[c & 0xF]);
			}
			else {
				out.write(c);
			}
		}
	}

	/** cJSON's string escapes: quote, backslash, the named controls, other controls as a backslash-u escape; UTF-8 as is. */
	private static void jsonString(StringBuilder out, String value) {
		out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	private static void writeAscii(ByteArrayOutputStream out, String text) {
		for (int i = 0; i < text.length(); i++) {
			out.write(text.charAt(i));
		}
	}

	@Override
	public String toString() {
		return name() + " (" + names.size() + " headers)";
	}

}
