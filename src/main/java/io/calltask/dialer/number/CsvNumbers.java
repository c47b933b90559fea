package io.calltask.dialer.number;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
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

import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.io.IOContext;
import tools.jackson.dataformat.csv.CsvFactory;
import tools.jackson.dataformat.csv.CsvFactoryBuilder;
import tools.jackson.dataformat.csv.CsvParser;
import tools.jackson.dataformat.csv.CsvSchema;

import io.calltask.api.ApiException;

/**
 * Reads a CSV import as a stream, row by row, with Jackson's CSV parser (RFC 4180: comma
 * separated, fields optionally in double quotes, {@code ""} for a quote inside one, line breaks
 * allowed inside quotes, CRLF or LF). The header row names a {@code phone} column; every other
 * column is a variable whose values are strings. A leading byte order mark is skipped, empty lines
 * are skipped, and a row whose number of fields differs from the header's makes the whole CSV
 * malformed (422).
 */
final class CsvNumbers {

	private static final int MAX_FIELD = NumberVariables.MAX_VALUE_LENGTH;

	private static final int MAX_COLUMNS = 1 + NumberVariables.MAX_KEYS;

	/** Rows as arrays of strings; a field over {@link #MAX_FIELD} stops the parser before it is whole. */
	private static final Factory CSV = new Factory(CsvFactory.builder()
		.disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
		.streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_FIELD).build()));

	private CsvNumbers() {
	}

	public static void read(InputStream body, Charset charset, NumberImport into) {
		Reader reader = new InputStreamReader(body, charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT));
		long row = 0;
		try (Records records = new Records(reader)) {
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
		catch (JacksonIOException ex) {
			throw notText(ex.getCause(), charset);
		}
		catch (IOException ex) {
			throw notText(ex, charset);
		}
		if (into.rows() == 0) {
			throw new ApiException.Invalid("body", "CSV 没有数据行：表头之后至少要有一行号码");
		}
	}

	private static RuntimeException notText(IOException ex, Charset charset) {
		if (ex instanceof CharacterCodingException) {
			return new ApiException.Invalid("body", "CSV 不是合法的 " + charset.name() + " 文本");
		}
		return new UncheckedIOException(ex);
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

	/**
	 * The records of the text, one list of fields at a time. Jackson is more lenient than RFC 4180
	 * in two ways this class takes back: it reads a quote inside an unquoted field as text, and an
	 * empty line as a record of one empty field. A third is kept: blanks between a closing quote and
	 * the comma or line end are skipped.
	 */
	private static final class Records implements AutoCloseable {

		private final Parser parser;

		Records(Reader in) throws IOException {
			PushbackReader text = new PushbackReader(in);
			int first = text.read();
			if (first >= 0 && first != '\uFEFF') {
				text.unread(first);
			}
			this.parser = (Parser) CSV.createParser(ObjectReadContext.empty(), text);
		}

		/** The next record, or null at the end; empty lines are skipped. */
		List<String> next() {
			try {
				while (parser.nextToken() == JsonToken.START_ARRAY) {
					List<String> fields = new ArrayList<>();
					boolean quoted = false;
					while (parser.nextToken() == JsonToken.VALUE_STRING) {
						String field = parser.getString();
						if (field.length() > MAX_FIELD) {
							throw fieldTooLong();
						}
						if (parser.quoted()) {
							quoted = true;
						}
						else if (field.indexOf('"') >= 0) {
							throw new Malformed("没有用引号包围的字段中不能有引号");
						}
						fields.add(field);
						// one field too many is left to the header's and the row's checks, which say more
						if (fields.size() > MAX_COLUMNS + 1) {
							throw new Malformed("列数超过 " + MAX_COLUMNS);
						}
					}
					if (fields.size() != 1 || quoted || !fields.get(0).isEmpty()) {
						return fields;
					}
				}
				return null;
			}
			catch (StreamConstraintsException ex) {
				throw fieldTooLong();
			}
			catch (StreamReadException ex) {
				String message = ex.getOriginalMessage();
				if (message.startsWith("Missing closing quote")) {
					throw new Malformed("引号没有闭合");
				}
				if (message.startsWith("Unexpected character")) {
					throw new Malformed("引号闭合后只能是逗号或换行");
				}
				throw new Malformed(message);
			}
		}

		private static Malformed fieldTooLong() {
			return new Malformed("字段超过 " + MAX_FIELD + " 个字符");
		}

		@Override
		public void close() {
			parser.close();
		}

	}

	/** Jackson's CSV parser, saying whether the value just read was in quotes. */
	private static final class Parser extends CsvParser {

		Parser(ObjectReadContext context, IOContext io, int streamFeatures, int csvFeatures, Reader in) {
			super(context, io, streamFeatures, csvFeatures, CsvSchema.emptySchema(), in);
		}

		boolean quoted() {
			return _reader.isCurrentTokenQuoted();
		}

	}

	/** Makes {@link Parser}s. */
	private static final class Factory extends CsvFactory {

		private static final long serialVersionUID = 1L;

		Factory(CsvFactoryBuilder builder) {
			super(builder);
		}

		@Override
		protected CsvParser _createParser(ObjectReadContext context, IOContext io, Reader in) {
			return new Parser(context, io, context.getStreamReadFeatures(_streamReadFeatures),
					context.getFormatReadFeatures(_formatReadFeatures), in);
		}

	}

}
