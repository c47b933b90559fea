package io.calltask.dialer.number;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.calltask.api.ApiException;

/**
 * Reads a CSV import as a stream, row by row (RFC 4180: comma separated, fields optionally in
 * double quotes, {@code ""} for a quote inside one, line breaks allowed inside quotes, CRLF or LF).
 * The header row names a {@code phone} column; every other column is a variable whose values are
 * strings. A leading byte order mark is skipped, empty lines are skipped, and a row whose number
 * of fields differs from the header's makes the whole CSV malformed (422).
 */
final class CsvNumbers {

	private static final int MAX_FIELD = NumberVariables.MAX_VALUE_LENGTH;

	private static final int MAX_COLUMNS = 1 + NumberVariables.MAX_KEYS;

	private CsvNumbers() {
	}

	public static void read(InputStream body, Charset charset, NumberImport into) {
		Reader reader = new InputStreamReader(body, charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT));
		Records records = new Records(reader);
		long row = 0;
		try {
			List<String> header = records.next();
			if (header == null) {
				throw new ApiException.Invalid("body", "CSV 为空：第一行应为表头，包含 phone 列");
			}
			int phoneColumn = phoneColumn(header);
			while (true) {
				row++;
				List<String> fields = records.next();
				if (fields == null) {
					break;
				}
				if (fields.size() != header.size()) {
					throw new ApiException.Invalid("body",
							"第 " + row + " 行有 " + fields.size() + " 列，表头有 " + header.size() + " 列");
				}
				NumberVariables variables = new NumberVariables();
				for (int i = 0; i < fields.size(); i++) {
					String value = fields.get(i);
					if (i != phoneColumn && !value.isEmpty()) {
						String problem = NumberVariables.valueProblem(value);
						if (problem != null) {
							throw new ApiException.Invalid("body", "第 " + row + " 行 " + header.get(i) + " 列：" + problem);
						}
						variables.put(header.get(i), value);
					}
				}
				into.add(row, fields.get(phoneColumn), variables.toJson());
			}
		}
		catch (Malformed ex) {
			throw new ApiException.Invalid("body", (row == 0 ? "表头：" : "第 " + row + " 行：") + ex.getMessage());
		}
		catch (CharacterCodingException ex) {
			throw new ApiException.Invalid("body", "CSV 不是合法的 " + charset.name() + " 文本");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (into.rows() == 0) {
			throw new ApiException.Invalid("body", "CSV 没有数据行：表头之后至少要有一行号码");
		}
	}

	/** Checks the header's names (trimmed in place) and finds {@code phone}, in any letter case. */
	private static int phoneColumn(List<String> header) {
		if (header.size() > MAX_COLUMNS) {
			throw new ApiException.Invalid("body", "表头最多 " + MAX_COLUMNS + " 列（phone 和 "
					+ NumberVariables.MAX_KEYS + " 个变量）");
		}
		int phone = -1;
		Set<String> names = new HashSet<>();
		for (int i = 0; i < header.size(); i++) {
			String name = header.get(i).strip();
			header.set(i, name);
			if (name.toLowerCase(Locale.ROOT).equals("phone")) {
				if (phone >= 0) {
					throw new ApiException.Invalid("phone", "表头中 phone 列出现了不止一次");
				}
				phone = i;
				continue;
			}
			String problem = NumberVariables.keyProblem(name);
			if (problem != null) {
				throw new ApiException.Invalid("body", "表头第 " + (i + 1) + " 列：" + problem);
			}
			if (!names.add(name)) {
				throw new ApiException.Invalid("body", "表头中 " + name + " 列出现了不止一次");
			}
		}
		if (phone < 0) {
			throw new ApiException.Invalid("phone", "CSV 表头缺少 phone 列");
		}
		return phone;
	}

	/** Why the text is not CSV. */
	private static final class Malformed extends RuntimeException {

		Malformed(String message) {
			super(message, null, false, false);
		}

	}

	/** The records of the text, one list of fields at a time. */
	private static final class Records {

		private enum State {

			/** At the start of a field. */
			START,
			/** In a field without quotes. */
			PLAIN,
			/** In a quoted field. */
			QUOTED,
			/** Just after a quote inside a quoted field: its end, or the first half of {@code ""}. */
			QUOTE

		}

		private final Reader in;

		private final char[] buffer = new char[65536];

		private int position;

		private int limit;

		private boolean started;

		private final StringBuilder field = new StringBuilder();

		Records(Reader in) {
			this.in = in;
		}

		/** The next record, or null at the end; empty lines are skipped. */
		List<String> next() throws IOException {
			List<String> fields = new ArrayList<>();
			field.setLength(0);
			State state = State.START;
			while (true) {
				int c = read();
				if (c < 0) {
					if (state == State.QUOTED) {
						throw new Malformed("引号没有闭合");
					}
					if (state == State.START && fields.isEmpty()) {
						return null;
					}
					fields.add(field.toString());
					return fields;
				}
				switch (state) {
					case QUOTED -> {
						if (c == '"') {
							state = State.QUOTE;
						}
						else {
							append(c);
						}
					}
					case QUOTE -> {
						if (c == '"') {
							append(c);
							state = State.QUOTED;
						}
						else if (c == ',') {
							state = endField(fields);
						}
						else if (c == '\n' || c == '\r') {
							lineEnd(c);
							fields.add(field.toString());
							return fields;
						}
						else {
							throw new Malformed("引号闭合后只能是逗号或换行");
						}
					}
					case START, PLAIN -> {
						if (c == ',') {
							state = endField(fields);
						}
						else if (c == '\n' || c == '\r') {
							lineEnd(c);
							if (state == State.START && fields.isEmpty()) {
								continue;
							}
							fields.add(field.toString());
							return fields;
						}
						else if (c == '"') {
							if (state == State.PLAIN) {
								throw new Malformed("没有用引号包围的字段中不能有引号");
							}
							state = State.QUOTED;
						}
						else {
							append(c);
							state = State.PLAIN;
						}
					}
				}
			}
		}

		private State endField(List<String> fields) {
			fields.add(field.toString());
			field.setLength(0);
			if (fields.size() > MAX_COLUMNS) {
				throw new Malformed("列数超过 " + MAX_COLUMNS);
			}
			return State.START;
		}

		private void append(int c) {
			if (field.length() >= MAX_FIELD) {
				throw new Malformed("字段超过 " + MAX_FIELD + " 个字符");
			}
			field.append((char) c);
		}

		/** After CR, a following LF belongs to the same line end. */
		private void lineEnd(int c) throws IOException {
			if (c == '\r') {
				int next = read();
				if (next >= 0 && next != '\n') {
					position--;
				}
			}
		}

		private int read() throws IOException {
			if (position == limit) {
				limit = in.read(buffer, 0, buffer.length);
				position = 0;
				if (limit <= 0) {
					limit = 0;
					return -1;
				}
			}
			char c = buffer[position++];
			if (!started) {
				started = true;
				if (c == '\uFEFF') {
					return read();
				}
			}
			return c;
		}

	}

}
