package io.calltask.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether an instant is dialable with a task's holiday calendars merged over its week. */
class CalendarDaysTests {

	/** Monday to Friday, Monday 09:00-12:00, Friday 14:00-18:00 (the other days none). */
	private static final RemoteSchedule WEEK = RemoteSchedule.of(new WeeklySchedule(List.of(1, 2, 3, 4, 5),
			List.of(new WorkHour(1, ClockTime.parse("09:00"), ClockTime.parse("12:00")),
					new WorkHour(5, ClockTime.parse("14:00"), ClockTime.parse("18:00")))));

	/** 2027-02-13 is a Saturday, 2027-02-14 a Sunday, 2027-02-15 a Monday. */
	private static final LocalDate SATURDAY = LocalDate.of(2027, 2, 13);

	private static final LocalDate SUNDAY = SATURDAY.plusDays(1);

	private static final LocalDate MONDAY = SATURDAY.plusDays(2);

	private static LocalDateTime at(LocalDate date, String time) {
		return date.atTime(LocalTime.parse(time));
	}

	@Test
	void withoutCalendarDaysTheWeekDecides() {
		assertThat(CalendarDays.NONE.allows(WEEK, at(MONDAY, "10:00"))).isTrue();
		assertThat(CalendarDays.NONE.allows(WEEK, at(SATURDAY, "10:00"))).isFalse();
	}

	@Test
	void aWorkdayTakesTheHoursOfItsWeekdayAndSevenIsSunday() {
		CalendarDays days = CalendarDays.of(List.of(new CalendarDay(SATURDAY, CalendarDay.Type.WORKDAY, 5),
				new CalendarDay(SUNDAY, CalendarDay.Type.WORKDAY, 7)));
		assertThat(days.allows(WEEK, at(SATURDAY, "15:00"))).as("Saturday as a Friday").isTrue();
		assertThat(days.allows(WEEK, at(SATURDAY, "10:00"))).as("Monday's hours are not Friday's").isFalse();
		assertThat(days.allows(WEEK, at(SUNDAY, "10:00"))).as("as a Sunday, not a work day").isFalse();
	}

	@Test
	void whenTwoCalendarsDisagreeTheHolidayWins() {
		CalendarDays days = CalendarDays.of(List.of(new CalendarDay(MONDAY, CalendarDay.Type.WORKDAY, 1),
				new CalendarDay(MONDAY, CalendarDay.Type.HOLIDAY, null)));
		assertThat(days.allows(WEEK, at(MONDAY, "10:00"))).isFalse();
		CalendarDays reversed = CalendarDays.of(List.of(new CalendarDay(MONDAY, CalendarDay.Type.HOLIDAY, null),
				new CalendarDay(MONDAY, CalendarDay.Type.WORKDAY, 1)));
		assertThat(reversed.allows(WEEK, at(MONDAY, "10:00"))).isFalse();
		assertThat(reversed.allows(WEEK, at(MONDAY.plusWeeks(1), "10:00"))).as("another Monday").isTrue();
	}

}
