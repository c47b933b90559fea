package io.calltask.schedule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.calltask.schedule.Intervals.Span;

/**
 * The local schedule, as the user gives it: the work week (weekdays in the user's order) and the
 * work hours of each day. Days outside the work week never dial; their hours are kept as given.
 */
public record WeeklySchedule(List<Integer> workWeek, List<WorkHour> workHours) {

	public WeeklySchedule {
		Set<Integer> seen = new HashSet<>();
		for (Integer day : workWeek) {
			if (day == null || day < 0 || day > 6) {
				throw new InvalidScheduleException("星期取值为 0-6（0 为周日）");
			}
			if (!seen.add(day)) {
				throw new InvalidScheduleException("work_week 中有重复的星期");
			}
		}
		workWeek = List.copyOf(workWeek);
		workHours = List.copyOf(workHours);
	}

	/** Every day of the week, all day. */
	public static WeeklySchedule allDay() {
		List<WorkHour> hours = new ArrayList<>();
		for (int day : List.of(1, 2, 3, 4, 5, 6, 0)) {
			hours.add(new WorkHour(day, new ClockTime(0), new ClockTime(ClockTime.END_OF_DAY)));
		}
		return new WeeklySchedule(List.of(1, 2, 3, 4, 5, 6, 0), hours);
	}

	/**
	 * The remote form: the part common to every work day as {@code "-1"} entries, then what each
	 * work day has beyond it, day by day in work-week order (docs/API-NOTES.md, "Time").
	 */
	public List<RemoteWorkHour> compress() {
		if (workWeek.isEmpty()) {
			return List.of();
		}
		List<List<Span>> days = new ArrayList<>();
		for (int day : workWeek) {
			days.add(day(day));
		}
		List<Span> common = days.get(0);
		for (List<Span> d : days) {
			common = Intervals.intersect(common, d);
		}
		List<RemoteWorkHour> remote = new ArrayList<>();
		for (Span s : common) {
			remote.add(new RemoteWorkHour(null, new ClockTime(s.begin()), new ClockTime(s.end())));
		}
		for (int i = 0; i < workWeek.size(); i++) {
			for (Span s : Intervals.subtract(days.get(i), common)) {
				remote.add(new RemoteWorkHour(workWeek.get(i), new ClockTime(s.begin()), new ClockTime(s.end())));
			}
		}
		return remote;
	}

	/** Whether minute {@code minuteOfDay} of weekday {@code wday} is dialable. */
	public boolean allows(int wday, int minuteOfDay) {
		return workWeek.contains(wday) && Intervals.contains(day(wday), minuteOfDay);
	}

	private List<Span> day(int wday) {
		List<Span> spans = new ArrayList<>();
		for (WorkHour h : workHours) {
			if (h.wday() == wday) {
				spans.add(new Span(h.begin().minuteOfDay(), h.end().minuteOfDay()));
			}
		}
		return Intervals.union(spans);
	}

}
