package io.calltask.dialer.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Redials by the task's recycle rule: which attempts match, when, how often, and in which order. */
class DialerRedialIntegrationTests extends DialerTestSupport {

	@Test
	void redialsMatchingAttemptsAfterTheIntervalAtMostMaxTimes() {
		String rule = createRule(Map.of("interval_minutes", 10, "max_times", 2, "call_statuses", List.of("busy")));
		String task = createTask(Map.of("maximumcall", 5, "cps", 5, "auto_recycle_rule_id", rule, "line",
				List.of(createLine(10, 10))));
		addNumbers(task, "13800000001", "13800000002", "13800000003");
		gateway.script("13800000001", ScriptedGateway.Script.fail("USER_BUSY", 1000),
				ScriptedGateway.Script.fail("USER_BUSY", 1000), ScriptedGateway.Script.fail("USER_BUSY", 1000));
		gateway.script("13800000002", ScriptedGateway.Script.fail("USER_BUSY", 1000),
				ScriptedGateway.Script.answer(1000, 3000));
		gateway.script("13800000003", ScriptedGateway.Script.fail("NO_ANSWER", 1000));

		step(Duration.ofSeconds(10), Duration.ofMillis(100));
		assertThat(calls(task)).hasSize(3);
		assertThat(numberStatuses(task)).isEqualTo(Map.of("pending", 2, "failed", 1));
		assertThat(task(task).path("new_task_extra").get("number_count").intValue()).as("redials are not finished")
			.isEqualTo(2);
		assertThat(task(task).get("status").intValue()).as("nothing due: waiting").isEqualTo(3);

		step(Duration.ofMinutes(9).plusSeconds(40), Duration.ofSeconds(1));
		assertThat(calls(task)).as("not before the interval").hasSize(3);
		step(Duration.ofSeconds(30), Duration.ofMillis(100));
		assertThat(calls(task)).hasSize(5);

		step(Duration.ofMinutes(30), Duration.ofSeconds(1));
		List<Call> calls = calls(task);
		assertThat(calls.stream().filter(c -> c.phone().equals("13800000001")).map(Call::attempt))
			.as("first call and two redials").containsExactly(1, 2, 3);
		assertThat(calls.stream().filter(c -> c.phone().equals("13800000002")).map(Call::outcome))
			.containsExactly("busy", "answered");
		Call first = calls.stream().filter(c -> c.phone().equals("13800000001")).findFirst().orElseThrow();
		Call second = calls.stream().filter(c -> c.phone().equals("13800000001") && c.attempt() == 2).findFirst()
			.orElseThrow();
		assertThat(Duration.between(first.end(), second.start())).isBetween(Duration.ofMinutes(10),
				Duration.ofMinutes(10).plusSeconds(1));
		assertThat(numberStatuses(task)).isEqualTo(Map.of("called", 1, "failed", 2));
		assertThat(calls).filteredOn(c -> c.outcome().equals("busy")).allSatisfy(c -> {
			assertThat(c.status()).isEqualTo(8);
			assertThat(c.cause()).isEqualTo("USER_BUSY");
		});
		assertThat(task(task).path("new_task_extra").get("number_count").intValue()).isZero();
		assertStatsAddUp(task(task));
	}

	@Test
	void hangupCausesMatchToo() {
		String rule = createRule(Map.of("interval_minutes", 1, "max_times", 1, "hangup_causes", List.of("NO_ANSWER")));
		String task = createTask(Map.of("cps", 5, "maximumcall", 5, "auto_recycle_rule_id", rule, "line",
				List.of(createLine(10, 10))));
		addNumbers(task, "13900000001");
		gateway.standard(ScriptedGateway.Script.fail("NO_ANSWER", 500));
		step(Duration.ofMinutes(5), Duration.ofMillis(500));
		assertThat(calls(task)).extracting(Call::attempt).containsExactly(1, 2);
		assertThat(calls(task)).allSatisfy(c -> assertThat(c.status()).isEqualTo(4));
	}

	@Test
	void firstCallFirstDecidesBetweenNewNumbersAndDueRedials() {
		for (boolean firstCallFirst : new boolean[] { true, false }) {
			gateway.reset();
			String rule = createRule(Map.of("interval_minutes", 1, "max_times", 1, "first_call_first", firstCallFirst,
					"call_statuses", List.of("busy")));
			String task = createTask(Map.of("cps", 1, "maximumcall", 1, "auto_recycle_rule_id", rule, "line",
					List.of(createLine(10, 10))));
			String[] fresh = phones(firstCallFirst ? "1371" : "1372", 200);
			addNumbers(task, "13700000000");
			gateway.script("13700000000", ScriptedGateway.Script.fail("USER_BUSY", 100));
			step(Duration.ofSeconds(2), Duration.ofMillis(100));
			addNumbers(task, fresh);
			step(Duration.ofMinutes(1).plusSeconds(30), Duration.ofMillis(100));
			List<Call> calls = calls(task);
			boolean redialed = calls.stream().anyMatch(c -> c.attempt() == 2);
			assertThat(redialed).as("first_call_first=" + firstCallFirst + ": redial before the new numbers ran out")
				.isEqualTo(!firstCallFirst);
			api.post(userPath("/task/" + task + "/pause"), Map.of());
		}
	}

	@Test
	void announcementDetectorDecidesTheCallStatusBeforeTheHangupCause() {
		String task = createTask(Map.of("cps", 5, "maximumcall", 5, "line", List.of(createLine(10, 10))));
		addNumbers(task, "13600000001", "13600000002", "13600000003", "13600000004");
		gateway.script("13600000001", ScriptedGateway.Script.detected("空号", "NORMAL_CLEARING", 500));
		gateway.script("13600000002", ScriptedGateway.Script.detected("power_off", "NO_ANSWER", 500));
		gateway.script("13600000003", ScriptedGateway.Script.fail("UNALLOCATED_NUMBER", 500));
		gateway.script("13600000004", ScriptedGateway.Script.fail("CALL_REJECTED", 500));
		step(Duration.ofSeconds(5), Duration.ofMillis(100));
		Map<String, Call> byPhone = new java.util.HashMap<>();
		calls(task).forEach(c -> byPhone.put(c.phone(), c));
		assertThat(byPhone.get("13600000001").status()).isEqualTo(5);
		assertThat(byPhone.get("13600000002").status()).isEqualTo(6);
		assertThat(byPhone.get("13600000003").status()).isEqualTo(5);
		assertThat(byPhone.get("13600000003").outcome()).isEqualTo("bad_number");
		assertThat(byPhone.get("13600000004").status()).isEqualTo(2);
		assertThat(byPhone.get("13600000004").outcome()).isEqualTo("busy");
	}

}
