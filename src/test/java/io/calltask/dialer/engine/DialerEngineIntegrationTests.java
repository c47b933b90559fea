package io.calltask.dialer.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A task's numbers dialed end to end: status while dialing, records, per-line statistics, end of numbers. */
class DialerEngineIntegrationTests extends DialerTestSupport {

	@Test
	void dialsEveryNumberOnceAndReportsLineByLine() {
		String line = createLine(10, 10);
		String task = createTask(Map.of("maximumcall", 5, "cps", 5, "line", List.of(line)));
		addNumbers(task, phones("1380000", 20));
		assertThat(task(task).get("status").intValue()).as("nothing claimed yet").isEqualTo(3);
		gateway.standard(ScriptedGateway.Script.answer(1000, 5000));

		step(Duration.ofSeconds(2), Duration.ofMillis(100));
		JsonNode dialing = task(task);
		assertThat(dialing.get("status").intValue()).isEqualTo(2);
		assertThat(dialing.get("status_str").stringValue()).isEqualTo("拨打中");
		assertThat(dialing.path("new_task_extra").get("call_status").booleanValue()).isTrue();
		assertThat(api.get(userPath("/task?status=2")).data().toString()).contains(task);
		assertStatsAddUp(dialing);

		step(Duration.ofSeconds(60), Duration.ofMillis(100));
		List<Call> calls = calls(task);
		assertThat(calls).hasSize(20);
		assertThat(calls).extracting(Call::phone).doesNotHaveDuplicates();
		assertThat(calls).allSatisfy(c -> {
			assertThat(c.outcome()).isEqualTo("answered");
			assertThat(c.status()).isEqualTo(1);
			assertThat(c.cause()).isEqualTo("NORMAL_CLEARING");
			assertThat(c.billsec()).isEqualTo(5);
			assertThat(c.attempt()).isEqualTo(1);
		});
		assertThat(numberStatuses(task)).isEqualTo(Map.of("called", 20));

		JsonNode done = task(task);
		JsonNode extra = done.path("new_task_extra");
		assertThat(extra.get("number_count").longValue()).isZero();
		assertThat(extra.get("call_status").booleanValue()).isFalse();
		assertThat(done.get("status").intValue()).as("end_action 0 keeps the task enabled, waiting").isEqualTo(3);
		JsonNode stats = extra.path("call_info").path(line);
		assertThat(stats.get("dialed_number_total").longValue()).isEqualTo(20);
		assertThat(stats.get("answer_total").longValue()).isEqualTo(20);
		assertThat(stats.get("normal_hangup_total").longValue()).isEqualTo(20);
		assertThat(stats.get("gateway_error_hangup_total").longValue()).isZero();
		assertThat(stats.get("bill").longValue()).isEqualTo(20 * 5000);
		assertThat(stats.get("calling_count").longValue()).isZero();
		assertThat(stats.get("answering_count").longValue()).isZero();
		assertThat(stats.get("line_id").stringValue()).isEqualTo(line);
		assertThat(stats.get("task_id").stringValue()).isEqualTo(task);
		assertStatsAddUp(done);

		JsonNode records = api.get(userPath("/task/" + task + "/call?per_page=100")).json();
		assertThat(records.path("meta").get("total").intValue()).isEqualTo(20);
		JsonNode newest = records.path("data").get(0);
		assertThat(newest.get("outcome").stringValue()).isEqualTo("answered");
		assertThat(newest.get("status").intValue()).isEqualTo(1);
		assertThat(newest.get("billsec").intValue()).isEqualTo(5);
		assertThat(newest.get("line_id").stringValue()).isEqualTo(line);
		assertThat(newest.get("answer_datetime").isNull()).isFalse();
		JsonNode numbers = api.get(userPath("/task/" + task + "/number?status=called&per_page=100")).json();
		assertThat(numbers.path("meta").get("total").intValue()).isEqualTo(20);
		assertThat(numbers.path("data").get(0).get("attempts").intValue()).isEqualTo(1);
		assertThat(numbers.path("data").get(0).get("last_hangup_cause").stringValue()).isEqualTo("NORMAL_CLEARING");
	}

	@Test
	void blacklistedNumbersAreNeverDialedEvenOnceClaimedOrDueForRedial() {
		String rule = createRule(Map.of("interval_minutes", 1, "max_times", 3, "call_statuses", List.of("busy")));
		String task = createTask(Map.of("maximumcall", 1, "cps", 1, "auto_recycle_rule_id", rule, "line",
				List.of(createLine(10, 10))));
		api.post(userPath("/blacklist"), Map.of("phones", List.of("13500000000")));
		addNumbers(task, "13500000000", "13500000001", "13500000002", "13500000003");
		gateway.script("13500000001", ScriptedGateway.Script.fail("USER_BUSY", 30_000));
		gateway.standard(ScriptedGateway.Script.fail("NO_ANSWER", 1000));
		step(Duration.ofSeconds(2), Duration.ofMillis(100));
		assertThat(numberStatuses(task)).as("the rest of the batch is claimed").containsEntry("calling", 1)
			.containsEntry("claimed", 2).containsEntry("filtered", 1);
		// Blacklisted while one is ringing and two are claimed by the engine.
		api.post(userPath("/blacklist"), Map.of("phones", List.of("13500000001", "13500000002")));
		step(Duration.ofMinutes(5), Duration.ofMillis(500));
		assertThat(calls(task)).extracting(Call::phone).containsExactly("13500000001", "13500000003");
		assertThat(numberStatuses(task)).isEqualTo(Map.of("filtered", 3, "failed", 1));
		assertThat(task(task).path("new_task_extra").get("number_count").intValue()).isZero();

		// Taken off the blacklist, the number whose redial was cut short is a due redial again.
		api.delete(userPath("/blacklist"), Map.of("phones", List.of("13500000001")));
		step(Duration.ofMinutes(2), Duration.ofMillis(500));
		assertThat(calls(task)).extracting(Call::phone).containsExactly("13500000001", "13500000003", "13500000001");
		assertThat(calls(task).get(2).attempt()).isEqualTo(2);
	}

	@Test
	void numbersAreTakenInPopModeOrder() {
		String line = createLine(100, 100);
		String[] phones = phones("1270000", 30);
		Map<Integer, List<String>> dialed = new java.util.HashMap<>();
		for (int popMode : new int[] { 1, 2, 0 }) {
			gateway.reset();
			String task = createTask(Map.of("maximumcall", 1, "cps", 100, "pop_mode", popMode, "line", List.of(line)));
			addNumbers(task, phones);
			gateway.standard(ScriptedGateway.Script.fail("NO_ANSWER", 50));
			step(Duration.ofSeconds(30), Duration.ofMillis(50));
			dialed.put(popMode, calls(task).stream().map(Call::phone).toList());
			api.post(userPath("/task/" + task + "/pause"), Map.of());
		}
		List<String> importOrder = List.of(phones);
		assertThat(dialed.get(1)).as("import order").isEqualTo(importOrder);
		List<String> reverse = new java.util.ArrayList<>(importOrder);
		java.util.Collections.reverse(reverse);
		assertThat(dialed.get(2)).as("reverse import order").isEqualTo(reverse);
		assertThat(dialed.get(0)).as("random order: every number once, not in import order")
			.containsExactlyInAnyOrderElementsOf(importOrder)
			.isNotEqualTo(importOrder)
			.isNotEqualTo(reverse);

		// A task switched to random order after its numbers were imported still dials them all.
		String switched = createTask(Map.of("maximumcall", 1, "cps", 100, "pop_mode", 1, "enable", false, "line",
				List.of(line)));
		addNumbers(switched, phones("1271000", 20));
		var put = api.put(userPath("/task/" + switched), Map.of("pop_mode", 0));
		assertThat(put.status()).as(put.text()).isEqualTo(200);
		api.post(userPath("/task/" + switched + "/start"), Map.of());
		step(Duration.ofSeconds(30), Duration.ofMillis(50));
		assertThat(calls(switched)).hasSize(20);
		assertThat(calls(switched).stream().map(Call::phone).toList()).isNotEqualTo(List.of(phones("1271000", 20)));
	}

}
