package io.calltask.dialer.internal;

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
	}

}
