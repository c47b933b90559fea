package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every limit at once: per task maximumcall and cps, per line limit and cps summed over tasks, fair sharing. */
class DialerLimitsIntegrationTests extends DialerTestSupport {

	@Test
	void twoTasksShareALineFairlyAndNeverExceedIt() {
		String line = createLine(100, 4);
		String a = createTask(Map.of("maximumcall", 10, "cps", 50, "line", List.of(line)));
		String b = createTask(Map.of("maximumcall", 10, "cps", 50, "line", List.of(line)));
		addNumbers(a, phones("1351000", 200));
		addNumbers(b, phones("1352000", 200));
		gateway.standard(ScriptedGateway.Script.answer(500, 2000));
		int maxLine = 0;
		for (int i = 0; i < 600; i++) {
			clock.advance(Duration.ofMillis(50));
			tick();
			maxLine = Math.max(maxLine, gateway.live());
		}
		assertThat(maxLine).as("the line's limit").isEqualTo(4);
		int callsA = calls(a).size();
		int callsB = calls(b).size();
		assertThat(callsA + callsB).isGreaterThan(40);
		assertThat(Math.abs(callsA - callsB)).as("a: %d, b: %d", callsA, callsB).isLessThanOrEqualTo(2);
		assertStatsAddUp(task(a));
		assertStatsAddUp(task(b));
	}

	@Test
	void aTaskUsesAllItsLinesUpToItsOwnMaximumAndEachLinesLimit() {
		String small = createLine(100, 2);
		String big = createLine(100, 3);
		String task = createTask(Map.of("maximumcall", 10, "cps", 100, "line", List.of(small, big)));
		addNumbers(task, phones("1353000", 100));
		gateway.standard(ScriptedGateway.Script.answer(1000, 10_000));
		step(Duration.ofSeconds(3), Duration.ofMillis(50));
		assertThat(gateway.live()).as("2 + 3 lines' capacity").isEqualTo(5);
		var info = task(task).path("new_task_extra").path("call_info");
		assertThat(info.path(small).get("calling_count").intValue()).isEqualTo(2);
		assertThat(info.path(big).get("calling_count").intValue()).isEqualTo(3);
		assertThat(info.path(big).get("answering_count").intValue()).isEqualTo(3);

		String capped = createTask(Map.of("maximumcall", 2, "cps", 100, "line", List.of(createLine(100, 50))));
		addNumbers(capped, phones("1354000", 100));
		step(Duration.ofSeconds(3), Duration.ofMillis(50));
		long live = calls(capped).stream().filter(c -> c.end() == null).count();
		assertThat(live).as("maximumcall").isEqualTo(2);
	}

	@Test
	void aTasksShareOfALineCapsIt() {
		String line = createLine(100, 10);
		String task = createTask(Map.of("maximumcall", 10, "cps", 100, "line", List.of(Map.of("id", line, "limit", 3))));
		addNumbers(task, phones("1355000", 50));
		gateway.standard(ScriptedGateway.Script.answer(1000, 10_000));
		step(Duration.ofSeconds(3), Duration.ofMillis(50));
		assertThat(calls(task).stream().filter(c -> c.end() == null).count()).isEqualTo(3);
	}

	@Test
	void callsPerSecondHoldPerTaskAndPerLineSummedOverTasks() {
		String task = createTask(Map.of("maximumcall", 1000, "cps", 5, "line", List.of(createLine(100, 1000))));
		addNumbers(task, phones("1356000", 500));
		gateway.standard(ScriptedGateway.Script.fail("NO_ANSWER", 100));
		tick();
		Instant from = clock.instant();
		step(Duration.ofSeconds(10), Duration.ofMillis(20));
		assertThat(countSince(task, from)).as("task cps 5 for 10 s").isBetween(49L, 51L);

		String shared = createLine(4, 1000);
		String a = createTask(Map.of("maximumcall", 1000, "cps", 100, "line", List.of(shared)));
		String b = createTask(Map.of("maximumcall", 1000, "cps", 100, "line", List.of(shared)));
		addNumbers(a, phones("1357000", 500));
		addNumbers(b, phones("1358000", 500));
		tick();
		Instant start = clock.instant();
		step(Duration.ofSeconds(10), Duration.ofMillis(20));
		long both = countSince(a, start) + countSince(b, start);
		assertThat(both).as("line cps 4 over both tasks for 10 s").isBetween(39L, 41L);
		assertThat(Math.abs(countSince(a, start) - countSince(b, start))).isLessThanOrEqualTo(1);
	}

	@Test
	void callPauseSecondRestsASlotAfterEachCall() {
		String task = createTask(Map.of("maximumcall", 1, "cps", 10, "call_pause_second", 5, "line",
				List.of(createLine(10, 10))));
		addNumbers(task, phones("1359000", 10));
		gateway.standard(ScriptedGateway.Script.fail("USER_BUSY", 1000));
		step(Duration.ofSeconds(20), Duration.ofMillis(100));
		List<Call> calls = calls(task);
		assertThat(calls.size()).as("one call, 1 s of ringing, 5 s of rest: every 6 s").isBetween(3, 4);
		for (int i = 1; i < calls.size(); i++) {
			assertThat(Duration.between(calls.get(i - 1).end(), calls.get(i).start())).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
		}
	}

	private long countSince(String task, Instant from) {
		return calls(task).stream().filter(c -> !c.start().isBefore(from)).count();
	}

	@Test
	void aHundredTasksOnTenLinesGetEqualShares() {
		String[] lineIds = new String[10];
		for (int i = 0; i < 10; i++) {
			lineIds[i] = createLine(5, 5);
		}
		String[] taskIds = new String[100];
		for (int i = 0; i < 100; i++) {
			taskIds[i] = createTask(Map.of("maximumcall", 10, "cps", 10, "line", List.of(lineIds[i % 10], lineIds[(i + 1) % 10])));
			addNumbers(taskIds[i], phones("13" + String.format("%03d", i), 45));
		}
		gateway.standard(ScriptedGateway.Script.answer(500, 500));
		tick();
		Instant start = clock.instant();
		step(Duration.ofSeconds(60), Duration.ofMillis(50));
		long total = 0;
		long min = Long.MAX_VALUE;
		long max = 0;
		for (String t : taskIds) {
			long n = countSince(t, start);
			total += n;
			min = Math.min(min, n);
			max = Math.max(max, n);
		}
		double mean = total / 100.0;
		assertThat(total).as("10 lines x 5 cps x 60 s").isBetween(2900L, 3010L);
		assertThat((double) min).as("min %d max %d mean %.1f", min, max, mean).isGreaterThanOrEqualTo(mean * 0.9);
		assertThat((double) max).as("min %d max %d mean %.1f", min, max, mean).isLessThanOrEqualTo(mean * 1.1);
	}

}
