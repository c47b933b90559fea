package io.calltask.dialer.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ?format=csv} on the call list and the number list (API.md §7): every row of the task, not a
 * page; UTF-8 with a byte-order mark; the JSON list's keys as columns, with the same values; each
 * number variable a column; a cell a spreadsheet would run as a formula made inert. Read back with
 * Jackson's CSV reader.
 */
class CsvExportIntegrationTests extends DialerTestSupport {

	private static final CsvMapper CSV = CsvMapper.builder().build();

	@Test
	void theCallListDownloadsWholeWithTheListsColumnsAndValues() {
		String line = createLine(100, 100);
		String task = createTask(Map.of("maximumcall", 5, "cps", 10, "line", List.of(line)));
		addNumbers(task, phones("1350000", 25));
		gateway.standard(ScriptedGateway.Script.answer(100, 1000));
		step(Duration.ofSeconds(30), Duration.ofMillis(200));
		JsonNode list = api.get(userPath("/task/" + task + "/call?per_page=100")).data();
		assertThat(list).hasSize(25);

		ApiClient.Response csv = api.get(userPath("/task/" + task + "/call?format=csv"));
		assertThat(csv.status()).as(csv.text()).isEqualTo(200);
		assertThat(csv.contentType()).isEqualTo("text/csv;charset=UTF-8");
		assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"calls-" + task + ".csv\"");
		assertThat(csv.text()).startsWith("\uFEFFcallid,phone,line_id,attempt,start_datetime,");
		List<Map<String, String>> rows = read(csv.text());
		assertThat(rows).as("every call, oldest first, no paging").hasSize(25);
		List<Map<String, String>> expected = new ArrayList<>();
		for (int i = list.size() - 1; i >= 0; i--) { // the list is newest first
			Map<String, String> row = new LinkedHashMap<>();
			list.get(i).properties().forEach(e -> row.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asString()));
			expected.add(row);
		}
		assertThat(rows).isEqualTo(expected);

		ApiClient.Response answered = api.get(userPath("/task/" + task + "/call?format=csv&outcome=busy"));
		assertThat(read(answered.text())).as("filtered as the list is").isEmpty();
	}

	@Test
	void theNumberListDownloadsWithAColumnPerVariableAndNoFormulaRuns() {
		String task = createTask(Map.of("maximumcall", 5, "cps", 10, "line", List.of(createLine(10, 10))));
		Map<String, Object> first = new LinkedHashMap<>();
		first.put("name", "张三");
		first.put("amount", 12.5);
		first.put("rate", new java.math.BigDecimal("0.0000001"));
		Map<String, Object> second = new LinkedHashMap<>();
		second.put("name", "=HYPERLINK(\"http://x\")");
		second.put("phone", "座机");
		List<Map<String, Object>> numbers = List.of(Map.of("phone", "13400000001", "variables", first),
				Map.of("phone", "13400000002", "variables", second), Map.of("phone", "13400000003"));
		ApiClient.Response imported = api.post(userPath("/task/" + task + "/number"), Map.of("numbers", numbers));
		assertThat(imported.status()).as(imported.text()).isEqualTo(200);

		ApiClient.Response csv = api.get(userPath("/task/" + task + "/number?format=csv"));
		assertThat(csv.status()).as(csv.text()).isEqualTo(200);
		assertThat(csv.text()).startsWith("\uFEFF");
		List<Map<String, String>> rows = read(csv.text());
		assertThat(rows).hasSize(3);
		assertThat(rows.get(0).keySet()).as("the list's keys, then each variable in the order met (a number's own in name order)").containsExactly("phone", "status", "attempts", "last_hangup_cause",
				"next_attempt_at", "blocked_reason", "create_datetime", "amount", "name", "rate", "variables.phone");
		assertThat(rows.get(0)).containsEntry("phone", "13400000001").containsEntry("status", "pending")
			.containsEntry("name", "张三").containsEntry("amount", "12.5").containsEntry("variables.phone", "")
			.as("a number as written, as on its calls").containsEntry("rate", "0.0000001");
		assertThat(rows.get(1)).as("a formula is text in a spreadsheet")
			.containsEntry("name", "'=HYPERLINK(\"http://x\")")
			.containsEntry("variables.phone", "座机");
		assertThat(rows.get(2)).containsEntry("phone", "13400000003").containsEntry("name", "");

		assertThat(read(api.get(userPath("/task/" + task + "/number?format=csv&status=called")).text()))
			.as("only the status asked for").isEmpty();
	}

	@Test
	void aBadFormatStatusOrTaskIsRefusedInTheEnvelope() {
		String task = createTask(Map.of("maximumcall", 5, "cps", 10, "line", List.of(createLine(10, 10))));
		ApiClient.Response format = api.get(userPath("/task/" + task + "/call?format=xlsx"));
		assertThat(format.status()).isEqualTo(422);
		assertThat(format.errorsOf("format")).contains("只能是 csv");
		ApiClient.Response status = api.get(userPath("/task/" + task + "/number?format=csv&status=gone"));
		assertThat(status.status()).isEqualTo(422);
		assertThat(status.errorsOf("status")).isNotNull();
		ApiClient.Response missing = api.get(userPath("/task/00000000-0000-4000-8000-000000000000/call?format=csv"));
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json().get("code").intValue()).isEqualTo(404);
	}

	/** The rows of a CSV download (its byte-order mark dropped), by column. */
	private static List<Map<String, String>> read(String text) {
		assertThat(text).startsWith("\uFEFF");
		try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
			.with(CsvSchema.emptySchema().withHeader())
			.readValues(text.substring(1))) {
			return rows.readAll();
		}
	}

}
