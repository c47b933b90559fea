package io.calltask.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The days of a task's holiday calendars, merged, and whether a local instant is dialable with
 * them: a {@code holiday} is not; a {@code workday} is, in the hours of its {@code as_weekday} (as the
 * work week and the compressed hours have them), whatever its own weekday; any other day follows the
 * week. When two calendars name one date differently, the holiday wins (not calling is the safe side).
 */
public final class CalendarDays {

	public static final CalendarDays NONE = new CalendarDays(Map.of());

	private final Map<LocalDate, CalendarDay> days;

	private CalendarDays(Map<LocalDate, CalendarDay> days) {
		this.days = days;
	}

	public static CalendarDays of(Collection<CalendarDay> days) {
		if (days.isEmpty()) {
			return NONE;
		}
		Map<LocalDate, CalendarDay> merged = new HashMap<>();
		for (CalendarDay day : days) {
			merged.merge(day.date(), day, (a, b) -> a.holiday() ? a : b);
		}
		return new CalendarDays(Map.copyOf(merged));
	}

	public boolean isEmpty() {
		return days.isEmpty();
	}

	/** The day the calendars say {@code date} is, or null for an ordinary day. */
	public CalendarDay day(LocalDate date) {
		return days.get(date);
	}

	/** Whether {@code local} (in the service's zone) is dialable under {@code schedule} and these days. */
	public boolean allows(RemoteSchedule schedule, LocalDateTime local) {
		int minute = local.getHour() * 60 + local.getMinute();
		CalendarDay day = days.isEmpty() ? null : days.get(local.toLocalDate());
		if (day == null) {
			return schedule.allows(local.getDayOfWeek().getValue() % 7, minute);
		}
		return !day.holiday() && schedule.allows(day.weekday(), minute);
	}

}
