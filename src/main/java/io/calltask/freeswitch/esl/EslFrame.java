package io.calltask.freeswitch.esl;

import java.nio.charset.StandardCharsets;

/**
 * One Event Socket message: a block of header lines, then {@code Content-Length} bytes of body. The
 * same framing carries what FreeSWITCH sends (replies, responses, events, the disconnect notice) and
 * what a client sends (a command line, optional headers, an optional body), so a frame keeps its
 * lines as they came: a command's first line is not a header.
 */
public final class EslFrame {

	private static final byte[] NO_BODY = new byte[0];

	private final String[] lines;

	private final byte[] body;

	public EslFrame(String[] lines, byte[] body) {
		this.lines = lines;
		this.body = body == null ? NO_BODY : body;
	}

	/** The header block's lines, CRs removed. */
	public String[] lines() {
		return lines.clone();
	}

	/** The first line: a client's command ({@code auth …}, {@code bgapi …}), or a server's first header. */
	public String firstLine() {
		return lines.length == 0 ? "" : lines[0];
	}

	/** The first value of header {@code name} (case-sensitive, as FreeSWITCH writes them), or null. */
	public String header(String name) {
		int n = name.length();
		for (String line : lines) {
			if (line.length() > n + 1 && line.charAt(n) == ':' && line.startsWith(name)) {
				int from = n + 1;
				return from < line.length() && line.charAt(from) == ' ' ? line.substring(from + 1) : line.substring(from);
			}
			if (line.length() == n + 1 && line.charAt(n) == ':' && line.startsWith(name)) {
				return "";
			}
		}
		return null;
	}

	public String contentType() {
		String type = header("Content-Type");
		return type == null ? "" : type;
	}

	/** {@code Reply-Text} of a {@code command/reply}, or "". */
	public String replyText() {
		String text = header("Reply-Text");
		return text == null ? "" : text;
	}

	/** Whether this is a reply or response that says {@code +OK}. */
	public boolean ok() {
		String type = contentType();
		if (type.equals("command/reply")) {
			return replyText().startsWith("+OK");
		}
		if (type.equals("api/response")) {
			return !bodyText().startsWith("-ERR") && !bodyText().startsWith("-USAGE");
		}
		return false;
	}

	public byte[] body() {
		return body;
	}

	public String bodyText() {
		return new String(body, StandardCharsets.UTF_8);
	}

	public boolean isEvent() {
		return contentType().startsWith("text/event-");
	}

	@Override
	public String toString() {
		return String.join("\\n", lines) + (body.length == 0 ? "" : " +" + body.length + " bytes");
	}

}
