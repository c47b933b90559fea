package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import io.calltask.catalog.RecycleRule;
import io.calltask.dialer.simulated.SimulatedGateway;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.task.TaskRuntime;
import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;
import io.calltask.time.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/** The default gateway, the simulated one, with its configured outcome mix: what the API shows after a run. */
@Import(SimulatedRunIntegrationTests.Beans.class)
@TestPropertySource(properties = { "calltask.dialer.simulated.answer-rate=0.5",
		"calltask.dialer.simulated.busy-rate=0.2", "calltask.dialer.simulated.gateway-error-rate=0.1",
		"calltask.dialer.simulated.ring-ms=2000", "calltask.dialer.simulated.talk-ms=8000",
		"calltask.dialer.simulated.seed=42" })
class SimulatedRunIntegrationTests extends ApiIntegrationTest {

	@TestConfiguration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		@Primary
		MutableClock simulatedRunClock() {
			return new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
		}

	}

	@Autowired
	MutableClock clock;

	@Autowired
	DialerEngine engine;

	@Autowired
	CallGateway gateway;

	@Autowired
	TaskRuntime taskRuntime;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aSimulatedRunShowsInEveryView() {
		assertThat(gateway).isInstanceOf(SimulatedGateway.class);
		ApiClient.Response line = api.post(userPath("/line"),
				Map.of("name", "模拟线路", "gateway", "sim", "node_id", "fs-1", "cps", 20, "limit", 20));
		String lineId = line.data().get("line_id").stringValue();
		String rule = api.post(userPath("/recycle-rule"), Map.of("name", "忙重呼", "enable", true, "first_call_first", true,
				"interval_minutes", 1, "max_times", 1, "hangup_causes", List.of(), "call_statuses", List.of("busy")))
			.data().get("id").stringValue();
		api.post(userPath("/group"), Map.of("name", "话术", "default", true));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", "模拟外呼");
		body.put("enable", true);
		body.put("maximumcall", 10);
		body.put("cps", 5);
		body.put("line", List.of(lineId));
		body.put("auto_recycle_rule_id", rule);
		body.put("work_week", List.of(0, 1, 2, 3, 4, 5, 6));
		body.put("work_hour", DialerTestSupport.allDayHours());
		String task = api.post(userPath("/task"), body).data().get("uuid").stringValue();
		TaskRuntime.TaskRef ref = taskRuntime.find(UUID.fromString(userId), UUID.fromString(task)).orElseThrow();
		StringBuilder csv = new StringBuilder("phone,name\n");
		for (int i = 0; i < 200; i++) {
			csv.append("1500000").append(String.format("%04d", i)).append(",客户").append(i).append('\n');
		}
		ApiClient.Response imported = api.raw("POST", userPath("/task/" + task + "/number"), "text/csv", csv.toString());
		assertThat(imported.data().get("accepted").intValue()).as(imported.text()).isEqualTo(200);

		for (int i = 0; i < 300; i++) {
			clock.advance(Duration.ofMillis(100));
			engine.tick();
		}
		JsonNode midway = api.get(userPath("/task/" + task)).data();
		assertThat(midway.get("status").intValue()).isEqualTo(2);
		assertThat(midway.get("cache_number_count").intValue()).isPositive();
		DialerTestSupport.assertStatsAddUp(midway);
		assertCallTotals(task, ref.id());

		for (int i = 0; i < 1200 && engine.callsInProgress() + pending(ref.id()) > 0; i++) {
			clock.advance(Duration.ofMillis(500));
			engine.tick();
		}
		JsonNode done = api.get(userPath("/task/" + task)).data();
		JsonNode stats = done.path("new_task_extra").path("call_info").path(lineId);
		DialerTestSupport.assertStatsAddUp(done);
		long dialed = stats.get("dialed_number_total").longValue();
		long records = jdbc.queryForObject("SELECT count(*) FROM call_record WHERE task_id = ?", Long.class, ref.id());
		assertThat(dialed).isEqualTo(records).isGreaterThanOrEqualTo(200);
		long answered = jdbc.queryForObject("SELECT count(*) FROM call_record WHERE task_id = ? AND outcome = 'answered'",
				Long.class, ref.id());
		assertThat(stats.get("answer_total").longValue()).isEqualTo(answered);
		assertThat((double) answered / dialed).as("answer-rate 0.5").isBetween(0.35, 0.65);
		long gatewayErrors = jdbc.queryForObject(
				"SELECT count(*) FROM call_record WHERE task_id = ? AND outcome = 'gateway_error'", Long.class, ref.id());
		assertThat(stats.get("gateway_error_hangup_total").longValue()).isEqualTo(gatewayErrors).isPositive();
		long billMs = jdbc.queryForObject("SELECT COALESCE(SUM(bill_ms), 0) FROM call_record WHERE task_id = ?", Long.class,
				ref.id());
		assertThat(stats.get("bill").longValue()).isEqualTo(billMs).isPositive();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM call_record WHERE task_id = ? AND attempt = 2", Long.class,
				ref.id())).as("busy numbers redialed once").isPositive();
		assertThat(done.path("new_task_extra").get("number_count").intValue()).isZero();
		assertThat(done.path("new_task_extra").get("call_status").booleanValue()).isFalse();
		assertThat(done.get("status").intValue()).isEqualTo(3);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM task_number WHERE task_id = ? AND status IN ('called', 'failed')",
				Long.class, ref.id())).isEqualTo(200);
		JsonNode numbers = api.get(userPath("/task/" + task + "/number?per_page=1000")).json();
		assertThat(numbers.path("meta").get("total").intValue()).isEqualTo(200);
		numbers.path("data").forEach(n -> assertThat(n.get("status").stringValue()).isIn("called", "failed"));
		JsonNode calls = api.get(userPath("/task/" + task + "/call?per_page=1000")).json();
		assertThat(calls.path("meta").get("total").longValue()).isEqualTo(records);
		Map<String, Integer> grades = new java.util.TreeMap<>();
		calls.path("data").forEach(c -> {
			boolean talked = "answered".equals(c.get("outcome").stringValue());
			if (talked) {
				grades.merge(c.get("intention").stringValue(), 1, Integer::sum);
				assertThat(c.get("recording_url").stringValue()).as(c.toString())
					.isEqualTo("https://recordings.example.invalid/" + c.get("callid").stringValue() + ".wav");
			}
			else {
				assertThat(c.get("intention").isNull()).as(c.toString()).isTrue();
				assertThat(c.get("recording_url").isNull()).as(c.toString()).isTrue();
			}
		});
		assertThat(grades.keySet()).as("answered calls graded by the default mix").isSubsetOf("A", "B", "C", "D", "E", "F")
			.contains("B", "C", "D");
		assertThat(grades.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo((int) answered);
		assertCallTotals(task, ref.id());
		assertThat(api.get(userPath("/task/" + task + "/call?outcome=answered")).json().path("meta").get("total")
			.longValue()).isEqualTo(answered);
		api.delete(userPath("/task/" + task));
	}

	private long pending(long taskId) {
		return jdbc.queryForObject(
				"SELECT count(*) FROM task_number WHERE task_id = ? AND status IN ('pending', 'claimed', 'calling')",
				Long.class, taskId);
	}

	/** The call list's totals, unfiltered and per outcome, are the records stored (some calls may be up). */
	private void assertCallTotals(String task, long taskId) {
		String path = userPath("/task/" + task + "/call?per_page=1");
		long all = jdbc.queryForObject("SELECT count(*) FROM call_record WHERE task_id = ?", Long.class, taskId);
		assertThat(api.get(path).json().path("meta").get("total").longValue()).as("all calls").isEqualTo(all)
			.isPositive();
		for (String outcome : RecycleRule.OUTCOMES) {
			long n = jdbc.queryForObject("SELECT count(*) FROM call_record WHERE task_id = ? AND outcome = ?", Long.class,
					taskId, outcome);
			assertThat(api.get(path + "&outcome=" + outcome).json().path("meta").get("total").longValue()).as(outcome)
				.isEqualTo(n);
		}
	}

}
