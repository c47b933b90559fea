package io.calltask.task;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.calltask.testing.ApiClient;
import io.calltask.time.DateTimes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task API's answers, byte for byte: tasks with every kind of reference, line shares, a time
 * group, nulls and the dialer's statistics, listed, read, written and refused, compared with golden
 * files ({@code src/test/resources/task-answers}) captured from the hand-written JSON writer that
 * records written by Jackson replaced. Ids and the run's own datetimes differ from run to run and
 * become placeholders first. A missing golden file is written under {@code target/task-answers}
 * and the test fails, so that it can be looked at and copied.
 */
class TaskAnswersIntegrationTests extends TaskApiSupport {

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final Pattern DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");

	/** Where a catalog, time group or bridge group id shows, by its kind. */
	private static final Map<Pattern, String> NUMERIC_IDS = Map.of(
			Pattern.compile("(\"destination_extension\":\"|\"group\":\\{\"id\":)(\\d+)"), "group",
			Pattern.compile("(\"llm_intention_id\":|\"llm_intention_config\":\\{\"id\":)(\\d+)"), "llm-intention",
			Pattern.compile("(\"background_id\":)(\\d+)"), "background",
			Pattern.compile("(\"dial_time_id\":)(\\d+)"), "dial-time",
			Pattern.compile("(\"bridge_group_id\":)(\\d+)"), "bridge-group");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DateTimes time;

	private final Map<String, String> uuids = new LinkedHashMap<>();

	private final Map<String, String> numericIds = new LinkedHashMap<>();

	private final List<String> mismatches = new ArrayList<>();

	private String runStarted;

	@Test
	void answersAreTheBytesTheyWere() {
		runStarted = time.format(time.nowForStorage().minusSeconds(1));
		String line1 = line("线路一", "carrier_a", 20, 30);
		String line2 = line("线路二", "carrier_b", 10, 5);
		long group = catalog("group", "group", Map.of("name", "默认话术", "default", true));
		long group2 = catalog("group2", "group", Map.of("name", "第二话术"));
		String rule = api.post(userPath("/recycle-rule"), body("name", "未接重呼", "interval_minutes", 30, "max_times", 2,
				"hangup_causes", List.of("NO_ANSWER", "USER_BUSY"), "call_statuses", List.of("no_answer")))
			.data().get("id").stringValue();
		long llm = catalog("llm", "llm-intention", body("name", "意向", "labels", body("A", "有明确意向", "C", "一般")));
		long background = catalog("background", "background",
				Map.of("name", "办公室", "url", "https://example.com/office.wav"));
		long timeGroup = api.post(userPath("/dial-time"), body("name", "工作日", "work_week", List.of(1, 2, 3, 4, 5),
				"work_hour", List.of(hour(1, "09:00", "12:00"), hour(5, "14:00", "18:00"))))
			.data().get("id").longValue();
		numericIds.put("dial-time:" + timeGroup, "<time-group>");
		long bridgeGroup = api.post(userPath("/bridge-group"), body("name", "转人工")).data().get("bridge_group_id")
			.longValue();
		numericIds.put("bridge-group:" + bridgeGroup, "<bridge-group>");
		Map<String, Object> full = body("name", "双十一促销外呼", "enable", true, "maximumcall", 20, "cps", 5, "pop_mode", 0,
				"line", List.of(line1, body("id", line2, "limit", 3)), "caller_line_id", line1,
				"destination_extension", Long.toString(group), "dial_format", "0%s", "remark", "备注 a\"b\\ </script> 😀",
				"sort", 42, "originate_variables", "{execute_on_media=start_da}", "_originate_timeout", 45,
				"_origination_caller_id_number", "+86100", "auto_recycle_rule_id", rule, "clue_configuration_id",
				"clue-1", "call_notify_url", "https://example.com/notify?a=1&b=2", "call_notify_type", 1,
				"call_pause_second", 3, "call_notify_fail_stop", 1, "bridge_group_id", bridgeGroup, "is_top", 1,
				"empty_seat_stop", 1, "background_file_name", "背景.wav", "end_action", 1, "task_type", 7, "line_callee",
				"123", "mode_id", 4, "bridge_proportion", 50, "direct_bridge", 1, "llm_intention_id", llm, "restart_at",
				"2030-01-02 03:04:05", "enable_type", 1, "background_id", background, "is_call_in", 1, "dial_time_id",
				timeGroup, "start_time", "2026-01-01 00:00:00", "stop_time", "2031-12-31 23:59:59", "holiday",
				List.of(body("begin", "2026-10-01 00:00:00", "end", "2026-10-08 00:00:00")));
		String fullTask = createTask(full).get("uuid").stringValue();
		String minimal = createTask("最小任务").get("uuid").stringValue();
		String waiting = createTask(body("name", "等待中的双十一", "enable", true, "line", List.of(line1),
				"call_per_second", 3, "work_week", List.of(0, 6), "work_hour", List.of(hour(0, "00:00", "24:00")),
				"destination_extension", Long.toString(group2), "is_test", true))
			.get("uuid").stringValue();
		runtime(fullTask, true, 1234, 56);
		runtime(waiting, false, 7, 0);
		// One line's statistics per task: the order of a task's call_info entries is not defined (on
		// PostgreSQL it varies with the plan). The second is of a line that is gone.
		stats(fullTask, line2, 2);
		stats(waiting, new UUID(0, 0x1234).toString(), 3);

		check("list", api.get(userPath("/task")));
		check("list-dialing", api.get(userPath("/task?status=2")));
		check("list-second-page", api.get(userPath("/task?per_page=2&page=2")));
		check("list-name", api.get(userPath("/task?name=" + enc("双十一"))));
		check("get-full", api.get(userPath("/task/" + fullTask)));
		check("edit-minimal", api.get(userPath("/task/" + minimal + "/edit")));

		String otherUser = newUser(api);
		String others = "/agent-api/new/user/" + otherUser;
		String otherLine = api.post(others + "/line", Map.of("name", "别人的线路", "gateway", "gw", "node_id", "fs1"))
			.data().get("line_id").stringValue();
		long otherGroup = api.post(others + "/group", Map.of("name", "别人的话术")).data().get("id").longValue();
		numericIds.put("group:" + otherGroup, "<other-group>");
		check("create-invalid", api.post(userPath("/task"), body("name", "", "cps", 0, "maximumcall", "x", "pop_mode", 9,
				"line", List.of("x", 1), "work_week", List.of(8), "start_time", "2026-13-01", "holiday",
				List.of(body("begin", 1)), "call_notify_url", "ftp://x", "destination_extension", "abc",
				"originate_variables", "{api_on_answer=x}", "dial_format", "a;b")));
		check("create-others-references", api.post(userPath("/task"), body("name", "引用别人的", "line",
				List.of(otherLine), "caller_line_id", otherLine, "destination_extension", Long.toString(otherGroup),
				"llm_intention_id", 99_999_999, "dial_time_id", 99_999_999)));
		check("update-unknown", api.put(userPath("/task/" + new UUID(0, 5)), Map.of("name", "x")));
		check("update-invalid", api.put(userPath("/task/" + fullTask), body("stop_time", "2025-01-01 00:00:00",
				"line", List.of(line1, line1, body("id", line2, "limit", 6)))));
		check("delete-used-line", api.delete(userPath("/line/" + line1)));
		check("delete-used-group", api.delete(userPath("/group/" + group)));

		check("create-full", api.post(userPath("/task"), full));
		check("update-minimal", api.put(userPath("/task/" + minimal), body("name", "改过的任务", "line",
				List.of(body("id", line2, "limit", 2)), "work_week", List.of(1, 3), "remark", null,
				"destination_extension", "", "caller_line_id", line2)));
		check("pause", api.post(userPath("/task/" + waiting + "/pause"), Map.of()));
		check("list-after-writes", api.get(userPath("/task?per_page=100")));

		assertThat(mismatches).as("answers that changed (see target/task-answers)").isEmpty();
	}

	private String line(String name, String gateway, int cps, int limit) {
		return api.post(userPath("/line"), body("name", name, "gateway", gateway, "node_id", "fs1", "cps", cps, "limit",
				limit, "caller_number", "+8610000")).data().get("line_id").stringValue();
	}

	/** A catalog item; shown as {@code name} in the answers. */
	private long catalog(String name, String kind, Map<String, ?> item) {
		ApiClient.Response r = api.post(userPath("/" + kind), item);
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		long id = r.data().get("id").longValue();
		numericIds.put(kind + ":" + id, "<" + name + ">");
		return id;
	}

	private void runtime(String task, boolean callStatus, long numbers, int cached) {
		jdbc.sql("INSERT INTO task_runtime (task_id, user_id, call_status, number_count, cache_number_count, "
				+ "line_reserved, updated_at) SELECT id, user_id, ?, ?, ?, FALSE, created_at FROM task WHERE uuid = ?")
			.params(callStatus, numbers, cached, UUID.fromString(task))
			.update();
	}

	private void stats(String task, String line, int n) {
		jdbc.sql("INSERT INTO task_line_stats (task_id, line_id, call_status, dialed_number_total, answer_total, "
				+ "gateway_error_hangup_total, normal_hangup_total, bill, calling_count, answering_count, updated_at) "
				+ "SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, created_at FROM task WHERE uuid = ?")
			.params(UUID.fromString(line), n % 2, 100 * n, 40 * n, 3 * n, 37 * n, 123_456 * n, n, n - 1,
					UUID.fromString(task))
			.update();
	}

	private void check(String name, ApiClient.Response response) {
		String actual = response.status() + "\n" + normalize(response.text());
		String expected = golden(name);
		if (!actual.equals(expected)) {
			mismatches.add(name);
			try {
				Path out = Path.of("target", "task-answers", name + ".json");
				Files.createDirectories(out.getParent());
				Files.writeString(out, actual, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/** Uuids in order of appearance, catalog ids by their name here, datetimes of this run as {@code <now>}. */
	private String normalize(String text) {
		String named = UUID_TEXT.matcher(text)
			.replaceAll(m -> uuids.computeIfAbsent(m.group(), k -> "<uuid-" + (uuids.size() + 1) + ">"));
		for (Map.Entry<Pattern, String> ids : NUMERIC_IDS.entrySet()) {
			named = ids.getKey().matcher(named).replaceAll(m -> Matcher.quoteReplacement(m.group(1)
					+ numericIds.getOrDefault(ids.getValue() + ":" + m.group(2), m.group(2))));
		}
		return DATETIME.matcher(named)
			.replaceAll(m -> m.group().compareTo(runStarted) >= 0 && m.group().compareTo("2030") < 0 ? "<now>" : m.group());
	}

	private static String golden(String name) {
		try (InputStream in = TaskAnswersIntegrationTests.class.getResourceAsStream("/task-answers/" + name + ".json")) {
			return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String enc(String text) {
		return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

}
