package io.calltask.dialer.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bot gets and gives back (API §5.4): a number's imported variables reach the gateway with
 * its call, and the grade and recording the bot leaves show in the call list; calls the bot never
 * had, or whose results are not valid, show null.
 */
class BotResultsIntegrationTests extends DialerTestSupport {

	private static final String GRADED = "13900000001";

	private static final String PLAIN = "13900000002";

	private static final String BUSY = "13900000003";

	private static final String JUNK = "13900000004";

	private static final String UNREADABLE = "13900000005";

	@Test
	void theNumbersVariablesGoWithItsCallAndTheBotsGradeAndRecordingShowInTheCallList() {
		String task = createTask(Map.of("maximumcall", 5, "cps", 5, "line", List.of(createLine(10, 10))));
		List<Map<String, Object>> numbers = new ArrayList<>();
		numbers.add(Map.of("phone", GRADED, "variables", Map.of("grade", "D", "name", "李雷", "amount", 12.50, "vip", true)));
		numbers.add(Map.of("phone", PLAIN));
		numbers.add(Map.of("phone", BUSY, "variables", Map.of("grade", "A")));
		numbers.add(Map.of("phone", JUNK));
		numbers.add(Map.of("phone", UNREADABLE, "variables", Map.of("grade", "C")));
		ApiClient.Response imported = api.post(userPath("/task/" + task + "/number"), Map.of("numbers", numbers));
		assertThat(imported.data().get("accepted").intValue()).as(imported.text()).isEqualTo(5);
		// Text the import never writes: the number is still called, without variables.
		jdbc.sql("UPDATE task_number SET variables = '{\"grade\":' WHERE phone = ?").param(UNREADABLE).update();

		gateway.standard(ScriptedGateway.Script.answer(1000, 5000));
		gateway.script(GRADED, ScriptedGateway.Script.answer(1000, 5000).leaving("D", "https://rec.example.com/d.wav"));
		gateway.script(BUSY, ScriptedGateway.Script.fail("USER_BUSY", 2000));
		gateway.script(JUNK, ScriptedGateway.Script.answer(1000, 5000).leaving("Z", "ftp://rec.example.com/z.wav"));
		gateway.script(UNREADABLE, ScriptedGateway.Script.answer(1000, 5000).leaving("b", "http://rec.example.com/b.wav"));
		step(Duration.ofSeconds(30), Duration.ofMillis(100));

		Map<String, Map<String, String>> sent = new HashMap<>();
		for (OriginateRequest r : gateway.placed) {
			sent.put(r.callee().phone(), r.callee().variables());
		}
		assertThat(sent.get(GRADED)).containsExactly(Map.entry("amount", "12.5"), Map.entry("grade", "D"),
				Map.entry("name", "李雷"), Map.entry("vip", "true"));
		assertThat(sent.get(PLAIN)).isEmpty();
		assertThat(sent.get(BUSY)).containsExactly(Map.entry("grade", "A"));
		assertThat(sent.get(UNREADABLE)).isEmpty();

		JsonNode list = api.get(userPath("/task/" + task + "/call?per_page=100")).json();
		assertThat(list.path("meta").get("total").intValue()).isEqualTo(5);
		Map<String, JsonNode> byPhone = new LinkedHashMap<>();
		list.path("data").forEach(c -> byPhone.put(c.get("phone").stringValue(), c));
		List<String> fields = new ArrayList<>();
		byPhone.get(GRADED).propertyNames().forEach(fields::add);
		assertThat(fields).containsSubsequence("status", "intention", "recording_url");
		assertThat(fields.indexOf("intention")).isEqualTo(fields.indexOf("status") + 1);

		assertThat(bot(byPhone.get(GRADED))).containsExactly("answered", "D", "https://rec.example.com/d.wav");
		assertThat(bot(byPhone.get(PLAIN))).as("answered, the bot left nothing").containsExactly("answered", null, null);
		assertThat(bot(byPhone.get(BUSY))).containsExactly("busy", null, null);
		assertThat(bot(byPhone.get(JUNK))).as("not a grade, not http(s)").containsExactly("answered", null, null);
		assertThat(bot(byPhone.get(UNREADABLE))).containsExactly("answered", "B", "http://rec.example.com/b.wav");
	}

	/** The call's outcome, intention and recording_url as the call list shows them. */
	private static List<String> bot(JsonNode call) {
		List<String> shown = new ArrayList<>();
		for (String field : new String[] { "outcome", "intention", "recording_url" }) {
			assertThat(call.has(field)).as(field + " in " + call).isTrue();
			shown.add(call.get(field).isNull() ? null : call.get(field).stringValue());
		}
		return shown;
	}

	@Test
	void aCallStillUpShowsNoResultsYet() {
		String task = createTask(Map.of("maximumcall", 1, "cps", 1, "line", List.of(createLine(10, 10))));
		addNumbers(task, "13900000011");
		gateway.standard(ScriptedGateway.Script.answer(1000, 600_000).leaving("A", "https://rec.example.com/a.wav"));
		step(Duration.ofSeconds(5), Duration.ofMillis(100));
		JsonNode call = api.get(userPath("/task/" + task + "/call")).json().path("data").get(0);
		assertThat(call.get("end_datetime").isNull()).isTrue();
		assertThat(bot(call)).containsExactly(null, null, null);
	}

}
