package io.calltask.dialer.callrecord;

import io.calltask.dialer.number.NumberApiSupport;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

class CallRecordIntegrationTests extends NumberApiSupport {

	@Autowired
	JdbcClient jdbc;

	private String callPath(String task) {
		return userPath("/task/" + task + "/call");
	}

	private JsonNode calls(String task, String query) {
		ApiClient.Response r = api.get(callPath(task) + query);
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.json();
	}

	@Test
	void aFreshTaskHasAnEmptyPage() {
		String task = createTask("新任务");
		JsonNode page = calls(task, "");
		assertThat(page.get("data")).isEmpty();
		assertThat(page.get("meta").get("total").intValue()).isZero();
		assertThat(page.get("meta").get("last_page").intValue()).isEqualTo(1);
	}

	@Test
	void callsAreShownNewestFirstAndFiltered() {
		String task = createTask("通话");
		importPhones(task, "13800000001", "13800000002");
		UUID line = UUID.randomUUID();
		// Shanghai 10:00:00 = 02:00:00 UTC
		OffsetDateTime start = OffsetDateTime.of(2026, 11, 24, 2, 0, 0, 0, ZoneOffset.UTC);
		UUID first = insertCall(task, "13800000001", line, 1, start, start.plusSeconds(5), start.plusSeconds(65), 65,
				60, "NORMAL_CLEARING", "answered", 1);
		UUID second = insertCall(task, "13800000002", line, 1, start.plusSeconds(10), null, start.plusSeconds(40), 30,
				0, "NO_ANSWER", "no_answer", 4);
		UUID third = insertCall(task, "13800000002", line, 2, start.plusSeconds(100), null, null, null, null, null,
				null, 0);

		JsonNode all = calls(task, "");
		assertThat(all.get("meta").get("total").intValue()).isEqualTo(3);
		assertThat(all.get("data").valueStream().map(c -> c.get("callid").stringValue()))
			.containsExactly(third.toString(), second.toString(), first.toString());
		JsonNode answered = all.get("data").get(2);
		assertThat(answered.get("phone").stringValue()).isEqualTo("13800000001");
		assertThat(answered.get("line_id").stringValue()).isEqualTo(line.toString());
		assertThat(answered.get("attempt").intValue()).isEqualTo(1);
		assertThat(answered.get("start_datetime").stringValue()).isEqualTo("2026-11-24 10:00:00");
		assertThat(answered.get("answer_datetime").stringValue()).isEqualTo("2026-11-24 10:00:05");
		assertThat(answered.get("end_datetime").stringValue()).isEqualTo("2026-11-24 10:01:05");
		assertThat(answered.get("duration").intValue()).isEqualTo(65);
		assertThat(answered.get("billsec").intValue()).isEqualTo(60);
		assertThat(answered.get("hangup_cause").stringValue()).isEqualTo("NORMAL_CLEARING");
		assertThat(answered.get("outcome").stringValue()).isEqualTo("answered");
		assertThat(answered.get("status").intValue()).isEqualTo(1);
		JsonNode inProgress = all.get("data").get(0);
		assertThat(inProgress.get("answer_datetime").isNull()).isTrue();
		assertThat(inProgress.get("end_datetime").isNull()).isTrue();
		assertThat(inProgress.get("duration").isNull()).isTrue();
		assertThat(inProgress.get("billsec").isNull()).isTrue();
		assertThat(inProgress.get("status").intValue()).isZero();

		JsonNode noAnswer = calls(task, "?outcome=no_answer");
		assertThat(noAnswer.get("data").valueStream().map(c -> c.get("callid").stringValue()))
			.containsExactly(second.toString());
		assertThat(noAnswer.get("meta").get("total").intValue()).isEqualTo(1);
		assertThat(calls(task, "?outcome=busy").get("meta").get("total").intValue()).isZero();
		assertThat(calls(task, "?phone=13800000002").get("meta").get("total").intValue()).isEqualTo(2);
		assertThat(calls(task, "?phone=13800000002&outcome=answered").get("data")).isEmpty();
		assertThat(calls(task, "?per_page=1&page=3").get("data").get(0).get("callid").stringValue())
			.isEqualTo(first.toString());

		for (String bad : List.of("?outcome=ANSWERED", "?outcome=1", "?outcome=failed")) {
			assertInvalid(api.get(callPath(task) + bad), "outcome");
		}
		assertInvalid(api.get(callPath(task) + "?phone=abc"), "phone");
		assertInvalid(api.get(callPath(task) + "?per_page=0"), "per_page");
	}

	@Test
	void callsOfOthersAndDeletedTasksAre404() {
		String task = createTask("私有");
		assertError(newAgentClient().get(callPath(task)), 404);
		assertError(api.get("/agent-api/new/user/" + newUser(api) + "/task/" + task + "/call"), 404);
		assertError(api.get(userPath("/task/" + UUID.randomUUID() + "/call")), 404);
		assertError(api.get(userPath("/task/123/call")), 404);
		assertThat(api.delete(userPath("/task/" + task)).status()).isEqualTo(200);
		assertError(api.get(callPath(task)), 404);
		assertError(api.raw("POST", callPath(createTask("另一个")), "application/json", "{}"), 405);
	}

	private UUID insertCall(String task, String phone, UUID line, int attempt, OffsetDateTime start,
			OffsetDateTime answer, OffsetDateTime end, Integer duration, Integer billsec, String cause, String outcome,
			int status) {
		UUID callId = UUID.randomUUID();
		jdbc.sql("INSERT INTO call_record (callid, task_id, number_id, phone, line_id, attempt, node_id, start_at, "
				+ "answer_at, end_at, duration, billsec, hangup_cause, outcome, status) SELECT ?, n.task_id, n.id, n.phone, "
				+ "?, ?, 'node-1', ?, ?, ?, ?, ?, ?, ?, ? FROM task_number n JOIN task t ON t.id = n.task_id "
				+ "WHERE t.uuid = ? AND n.phone = ?")
			.params(callId, line, attempt, start, answer, end, duration, billsec, cause, outcome, status,
					UUID.fromString(task), phone)
			.update();
		addToTotals(UUID.fromString(task), outcome);
		return callId;
	}

	/** What the engine does as it writes a record: the task's totals, all records and per outcome. */
	private void addToTotals(UUID task, String outcome) {
		jdbc.sql("INSERT INTO call_record_total (task_id, total) SELECT id, 0 FROM task WHERE uuid = ? ON CONFLICT DO NOTHING")
			.param(task)
			.update();
		jdbc.sql("UPDATE call_record_total SET total = total + 1 WHERE task_id = (SELECT id FROM task WHERE uuid = ?)")
			.param(task)
			.update();
		if (outcome != null) {
			jdbc.sql("INSERT INTO call_outcome_total (task_id, outcome, total) SELECT id, CAST(? AS VARCHAR(16)), 0 "
					+ "FROM task WHERE uuid = ? ON CONFLICT DO NOTHING")
				.params(outcome, task)
				.update();
			jdbc.sql("UPDATE call_outcome_total SET total = total + 1 "
					+ "WHERE task_id = (SELECT id FROM task WHERE uuid = ?) AND outcome = ?")
				.params(task, outcome)
				.update();
		}
	}

}
