package io.calltask.api;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A CSV download as integrators and spreadsheets expect it (API.md §7): UTF-8 with a byte-order mark
 * (Excel then reads Chinese text right), a header row, RFC 4180 quoting (Jackson's CSV writer), rows
 * streamed as they are read. A cell a spreadsheet would run as a formula ({@code = + - @} first, and
 * not a number) gets a leading {@code '}: exported data never runs in the reader's spreadsheet.
 */
public final class CsvDownload implements AutoCloseable {

	private static final CsvMapper CSV = CsvMapper.builder().build();

	private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

	private final Writer out;

	private final SequenceWriter rows;

	private final int columns;

	private CsvDownload(OutputStream stream, List<String> header) throws IOException {
		this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
		out.write('\uFEFF');
		CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
		header.forEach(schema::addColumn);
		// The response's stream is the server's to close.
		this.rows = CSV.writer(schema.build()).without(StreamWriteFeature.AUTO_CLOSE_TARGET).writeValues(out);
		this.columns = header.size();
	}

	/** Starts the file on {@code stream} with its header row. */
	public static CsvDownload start(OutputStream stream, List<String> header) throws IOException {
		return new CsvDownload(stream, header);
	}

	/** One row, its cells in the header's order ({@code null}: empty). */
	public void row(List<?> cells) {
		if (cells.size() != columns) {
			throw new IllegalArgumentException(cells.size() + " cells for " + columns + " columns");
		}
		List<String> text = new ArrayList<>(columns);
		for (Object cell : cells) {
			text.add(cell == null ? "" : safe(cell.toString()));
		}
		rows.write(text);
	}

	/** {@code value}, with a {@code '} before it if a spreadsheet would take it for a formula. */
	static String safe(String value) {
		if (value.isEmpty()) {
			return value;
		}
		char first = value.charAt(0);
		boolean formula = first == '=' || first == '@' || first == '\t' || first == '\r'
				|| ((first == '+' || first == '-') && !value.substring(1).matches("[0-9][0-9.]*"));
		return formula ? "'" + value : value;
	}

	@Override
	public void close() throws IOException {
		rows.close();
		out.flush();
	}

	/** The response: {@code body} streamed as {@code text/csv}, to be saved as {@code filename}. */
	public static ResponseEntity<StreamingResponseBody> response(String filename, StreamingResponseBody body) {
		return ResponseEntity.ok()
			.contentType(TEXT_CSV)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
			.body(body);
	}

}
