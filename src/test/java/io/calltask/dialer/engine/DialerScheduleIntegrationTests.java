package io.calltask.dialer.engine;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/** When a task dials: work hours (edges, midnight, Sunday = 0, 24:00), start/stop dates, holidays. */
class DialerScheduleIntegrationTests extends DialerTestSupport {

	private static final DateTimeFormatter API = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private String task;

	private void taskWith(Map<String, Object> body) {
		String line = createLine(100, 100);
		Map<String, Object> b = new java.util.HashMap<>(Map.of("maximumcall", 100, "cps", 100, "line", List.of(line)));
		b.putAll(body);
		task = createTask(b);
		addNumbers(task, phones("1390000", 50));
		gateway.standard(ScriptedGateway.Script.fail("NO_ANSWER", 100));
	}

	private int placed() {
		return gateway.placed.size();
	}

	/** Ticks at the current instant (twice, so claiming and pacing both ran) and answers whether a call was placed. */
	private boolean dialsNow() {
		int before = placed();
		tick();
		clock.advance(Duration.ofMillis(10));
		tick();
		return placed() > before;
	}

	@Test
	void dialsOnlyInsideWorkHoursWithHalfOpenEdges() {
		taskWith(Map.of("work_week", List.of(1), "work_hour",
				List.of(Map.of("wday", 1, "begin", "09:00", "end", "12:00"), Map.of("wday", 1, "begin", "14:00", "end", "18:00"))));
		moveTo(DayOfWeek.MONDAY, LocalTime.of(8, 59, 59));
		assertThat(dialsNow()).as("08:59:59").isFalse();
		assertThat(task(task).get("status").intValue()).isEqualTo(3);
		at(LocalTime.of(9, 0));
		assertThat(dialsNow()).as("09:00:00").isTrue();
		assertThat(task(task).get("status").intValue()).isEqualTo(2);
		at(LocalTime.of(11, 59, 59));
		assertThat(dialsNow()).as("11:59:59").isTrue();
		at(LocalTime.of(12, 0));
		tick();
		assertThat(dialsNow()).as("12:00:00").isFalse();
		step(Duration.ofSeconds(2), Duration.ofMillis(100));
		assertThat(task(task).get("status").intValue()).as("outside hours: waiting").isEqualTo(3);
		assertThat(numberStatuses(task)).doesNotContainKey("claimed");
		at(LocalTime.of(13, 59, 59));
		assertThat(dialsNow()).as("13:59:59").isFalse();
		at(LocalTime.of(14, 0));
		assertThat(dialsNow()).as("14:00").isTrue();
		moveTo(DayOfWeek.TUESDAY, LocalTime.of(10, 0));
		assertThat(dialsNow()).as("Tuesday is not a work day").isFalse();
	}

	@Test
	void aTaskWithoutA话术组WaitsUntilItHasOne() {
		Map<String, Object> none = new java.util.HashMap<>();
		none.put("destination_extension", null);
		taskWith(none);
		assertThat(task(task).get("destination_extension").asString()).isEmpty();
		assertThat(dialsNow()).as("nowhere to send an answered call").isFalse();
		assertThat(task(task).get("status").intValue()).isEqualTo(3);
		String group = api.get(userPath("/group")).json().path("data").get(0).get("id").asString();
		assertThat(api.put(userPath("/task/" + task), Map.of("destination_extension", group)).status()).isEqualTo(200);
		assertThat(dialsNow()).isTrue();
	}

	@Test
	void sundayIsZeroAndTwentyFourHundredRunsToMidnight() {
		taskWith(Map.of("work_week", List.of(0), "work_hour", List.of(Map.of("wday", 0, "begin", "20:00", "end", "24:00"))));
		moveTo(DayOfWeek.SUNDAY, LocalTime.of(19, 59, 59));
		assertThat(dialsNow()).isFalse();
		at(LocalTime.of(23, 59, 58));
		assertThat(dialsNow()).as("Sunday 23:59:58").isTrue();
		clock.set(local().plusDays(1).withHour(0).withMinute(0).withSecond(0).withNano(0).toInstant());
		tick();
		assertThat(dialsNow()).as("Monday 00:00").isFalse();
		moveTo(DayOfWeek.SATURDAY, LocalTime.of(21, 0));
		assertThat(dialsNow()).as("Saturday").isFalse();
	}

	@Test
	void startAndStopTimesBoundTheTaskAndStopTimePausesIt() {
		var now = local();
		taskWith(Map.of("start_time", now.plusHours(1).format(API), "stop_time", now.plusHours(2).format(API)));
		assertThat(dialsNow()).as("before start_time").isFalse();
		clock.set(now.plusHours(1).minusSeconds(1).toInstant());
		assertThat(dialsNow()).isFalse();
		clock.set(now.plusHours(1).toInstant());
		assertThat(dialsNow()).as("at start_time").isTrue();
		clock.set(now.plusHours(2).minusSeconds(1).toInstant());
		assertThat(dialsNow()).isTrue();
		clock.set(now.plusHours(2).toInstant());
		tick();
		assertThat(dialsNow()).as("at stop_time").isFalse();
		var after = task(task);
		assertThat(after.get("enable").booleanValue()).as("stop_time pauses the task").isFalse();
		assertThat(after.get("status").intValue()).isEqualTo(1);
	}

	@Test
	void neverDialsInsideAHoliday() {
		var now = local();
		taskWith(Map.of("holiday", List.of(Map.of("begin", now.minusMinutes(1).format(API), "end",
				now.plusMinutes(30).format(API)))));
		assertThat(dialsNow()).as("holiday").isFalse();
		clock.set(now.plusMinutes(30).toInstant());
		assertThat(dialsNow()).as("holiday over").isTrue();
	}

	@Test
	void aTaskWithoutUsableLinesWaits() {
		String line = createLine(10, 10);
		task = createTask(Map.of("maximumcall", 10, "cps", 10, "line", List.of(line)));
		addNumbers(task, phones("1370000", 5));
		gateway.nodeDown("fs-1", true);
		assertThat(dialsNow()).as("its only line's node is down").isFalse();
		assertThat(task(task).get("status").intValue()).isEqualTo(3);
		gateway.nodeDown("fs-1", false);
		assertThat(dialsNow()).isTrue();
		String noLines = createTask(Map.of("maximumcall", 10, "cps", 10));
		addNumbers(noLines, phones("1360000", 5));
		step(Duration.ofSeconds(2), Duration.ofMillis(100));
		assertThat(calls(noLines)).isEmpty();
		assertThat(task(noLines).get("status").intValue()).isEqualTo(3);
	}

	@Test
	void aLineWhoseNodeIsDownShowsNotDialingWhileTheTaskDialsOnItsOtherLine() {
		String up = createLine(10, 10);
		ApiClient.Response other = api.post(userPath("/line"), Map.of("name", "另一节点线路", "gateway", "gw2", "node_id",
				"fs-2", "cps", 10, "limit", 10, "caller_number", "02100000001"));
		assertThat(other.status()).as(other.text()).isEqualTo(201);
		String down = other.data().get("line_id").stringValue();
		task = createTask(Map.of("maximumcall", 10, "cps", 10, "line", List.of(up, down)));
		addNumbers(task, phones("1350000", 50));
		gateway.standard(ScriptedGateway.Script.answer(1000, 60_000));
		step(Duration.ofSeconds(2), Duration.ofMillis(100));
		assertThat(lineStatus(up)).isEqualTo(1);
		assertThat(lineStatus(down)).isEqualTo(1);

		gateway.nodeDown("fs-2", true);
		step(Duration.ofSeconds(2), Duration.ofMillis(100));
		assertThat(task(task).get("status").intValue()).as("still dialing on its other line").isEqualTo(2);
		assertThat(lineStatus(up)).isEqualTo(1);
		assertThat(lineStatus(down)).as("the line whose node is down").isZero();

		gateway.nodeDown("fs-2", false);
		step(Duration.ofSeconds(2), Duration.ofMillis(100));
		assertThat(lineStatus(down)).as("back").isEqualTo(1);
	}

	private int lineStatus(String line) {
		return task(task).path("new_task_extra").path("call_info").path(line).get("call_status").intValue();
	}

}
