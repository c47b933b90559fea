package io.calltask.dialer.engine;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task's holiday calendars (API.md section 10) as the dialer follows them, with dates in
 * {@code calltask.timezone}: a holiday is not dialed; a 调休 workday is dialed in the hours of its
 * {@code as_weekday} though its own weekday is not a work day; the task's own holidays still hold;
 * a calendar's change reaches the dialer with its next reread of tasks.
 */
class DialerHolidayCalendarIntegrationTests extends DialerTestSupport {

	private static final DateTimeFormatter API = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/** Monday 09:00-12:00; Tuesday to Friday 14:00-18:00; no weekend. */
	private static final List<Map<String, Object>> HOURS = List.of(hour(1, "09:00", "12:00"), hour(2, "14:00", "18:00"),
			hour(3, "14:00", "18:00"), hour(4, "14:00", "18:00"), hour(5, "14:00", "18:00"));

	private static Map<String, Object> hour(int wday, String begin, String end) {
		return Map.of("wday", wday, "begin", begin, "end", end);
	}

	private long calendar(Object... days) {
		ApiClient.Response r = api.post("/agent-api/holiday-calendar", Map.of("name", "日历", "days", List.of(days)));
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data().get("holiday_calendar_id").longValue();
	}

	private static Map<String, Object> holiday(LocalDate date) {
		return Map.of("date", date.toString(), "type", "holiday");
	}

	private static Map<String, Object> workday(LocalDate date, int asWeekday) {
		return Map.of("date", date.toString(), "type", "workday", "as_weekday", asWeekday);
	}

	/** A task of the work week 1-5 in {@link #HOURS} following {@code calendar}, with {@code cps} and 50 numbers. */
	private String task(long calendar, int cps, Map<String, Object> more) {
		String line = createLine(100, 100);
		Map<String, Object> body = new HashMap<>(Map.of("maximumcall", 100, "cps", cps, "line", List.of(line),
				"work_week", List.of(1, 2, 3, 4, 5), "work_hour", HOURS, "holiday_calendar_ids", List.of(calendar)));
		body.putAll(more);
		String task = createTask(body);
		addNumbers(task, phones("1390000", 50));
		gateway.standard(ScriptedGateway.Script.fail("NO_ANSWER", 100));
		return task;
	}

	/** Ticks at the current instant (twice, so claiming and pacing both ran) and answers whether a call was placed. */
	private boolean dialsNow() {
		int before = gateway.placed.size();
		tick();
		clock.advance(Duration.ofMillis(10));
		tick();
		return gateway.placed.size() > before;
	}

	@Test
	void aHolidayIsNotDialedAndTheNextDayIs() {
		moveTo(DayOfWeek.MONDAY, LocalTime.of(10, 0));
		String task = task(calendar(holiday(local().toLocalDate())), 100, Map.of());
		assertThat(dialsNow()).as("Monday 10:00, a holiday").isFalse();
		step(Duration.ofSeconds(3), Duration.ofMillis(100));
		assertThat(gateway.placed).isEmpty();
		assertThat(task(task).get("status").intValue()).as("waiting").isEqualTo(3);
		assertThat(numberStatuses(task)).doesNotContainKey("claimed");
		at(LocalTime.of(23, 59, 59));
		assertThat(dialsNow()).isFalse();
		clock.set(local().plusDays(1).with(LocalTime.of(14, 0)).toInstant());
		assertThat(dialsNow()).as("Tuesday 14:00, an ordinary work day").isTrue();
	}

	@Test
	void a调休WorkdayIsDialedInTheHoursOfItsWeekdayThoughItsOwnIsNotAWorkDay() {
		moveTo(DayOfWeek.SATURDAY, LocalTime.of(8, 59, 59));
		LocalDate saturday = local().toLocalDate();
		task(calendar(workday(saturday, 1)), 100, Map.of());
		assertThat(dialsNow()).as("Saturday 08:59:59").isFalse();
		at(LocalTime.of(9, 0));
		assertThat(dialsNow()).as("Saturday 09:00, dialed as a Monday").isTrue();
		at(LocalTime.of(11, 59, 59));
		assertThat(dialsNow()).isTrue();
		at(LocalTime.of(12, 0));
		tick();
		assertThat(dialsNow()).as("12:00, Monday's hours are over").isFalse();
		at(LocalTime.of(15, 0));
		assertThat(dialsNow()).as("15:00: a Tuesday-Friday hour, not Monday's").isFalse();
		clock.set(local().plusDays(1).with(LocalTime.of(10, 0)).toInstant());
		assertThat(dialsNow()).as("Sunday, no calendar day: not a work day").isFalse();
	}

	@Test
	void aWorkdayAsAWeekdayOutsideTheWorkWeekIsNotDialed() {
		moveTo(DayOfWeek.SUNDAY, LocalTime.of(10, 0));
		task(calendar(workday(local().toLocalDate(), 6)), 100, Map.of());
		assertThat(dialsNow()).as("Sunday as a Saturday, which is not a work day either").isFalse();
	}

	@Test
	void theTasksOwnHolidayStillHoldsOnA调休Workday() {
		moveTo(DayOfWeek.SUNDAY, LocalTime.of(10, 0));
		var now = local();
		task(calendar(workday(now.toLocalDate(), 1)), 100, Map.of("holiday", List.of(Map.of("begin",
				now.minusMinutes(1).format(API), "end", now.plusMinutes(30).format(API)))));
		assertThat(dialsNow()).as("the task's own holiday").isFalse();
		clock.set(now.plusMinutes(30).toInstant());
		assertThat(dialsNow()).as("its holiday over, the workday's Monday hours").isTrue();
	}

	@Test
	void callsStopAtTheMidnightAHolidayBeginsThoughNumbersWereClaimedBefore() {
		moveTo(DayOfWeek.SUNDAY, LocalTime.of(23, 59, 50));
		LocalDate monday = local().toLocalDate().plusDays(1);
		String task = task(calendar(holiday(monday)), 2, Map.of("work_week", List.of(0, 1, 2, 3, 4, 5, 6), "work_hour",
				allDayHours()));
		step(Duration.ofSeconds(20), Duration.ofMillis(100));
		var midnight = monday.atStartOfDay(ZONE).toInstant();
		assertThat(gateway.placed).as("Sunday's last seconds are dialed").isNotEmpty();
		assertThat(calls(task)).as("no call starts on the holiday")
			.allSatisfy(c -> assertThat(c.start()).isBefore(midnight));
		assertThat(numberStatuses(task)).as("the claimed numbers went back").doesNotContainKey("claimed");
	}

	@Test
	void aCalendarsChangeReachesTheDialerWithinSeconds() {
		moveTo(DayOfWeek.MONDAY, LocalTime.of(10, 0));
		LocalDate today = local().toLocalDate();
		long calendar = calendar(holiday(today));
		task(calendar, 1, Map.of());
		step(Duration.ofSeconds(3), Duration.ofMillis(100));
		assertThat(gateway.placed).as("a holiday").isEmpty();

		List<Object> none = new ArrayList<>();
		ApiClient.Response open = api.put("/agent-api/holiday-calendar/" + calendar, Map.of("days", none));
		assertThat(open.status()).as(open.text()).isEqualTo(200);
		step(Duration.ofSeconds(3), Duration.ofMillis(100));
		int dialed = gateway.placed.size();
		assertThat(dialed).as("no longer a holiday: dialing at 1 a second").isBetween(1, 4);

		ApiClient.Response closed = api.put("/agent-api/holiday-calendar/" + calendar,
				Map.of("days", List.of(holiday(today))));
		assertThat(closed.status()).as(closed.text()).isEqualTo(200);
		step(Duration.ofSeconds(3), Duration.ofMillis(100));
		int afterChange = gateway.placed.size();
		step(Duration.ofSeconds(20), Duration.ofMillis(100));
		assertThat(gateway.placed.size()).as("a holiday again: nothing more dialed").isEqualTo(afterChange);
		assertThat(afterChange - dialed).as("at most what the old calendar allowed before the reread").isLessThanOrEqualTo(4);
	}

}
