package io.calltask.schedule;

import java.util.List;

/**
 * The compressed schedule the dialer evaluates: {@code "-1"} entries apply to every day of the
 * work week, others to their own day. Agrees with {@link WeeklySchedule#allows} everywhere.
 */
public record RemoteSchedule(List<Integer> workWeek, List<RemoteWorkHour> workHours) {

	public RemoteSchedule {
		workWeek = List.copyOf(workWeek);
		workHours = List.copyOf(workHours);
	}

	public static RemoteSchedule of(WeeklySchedule schedule) {
		return new RemoteSchedule(schedule.workWeek(), schedule.compress());
	}

	public boolean allows(int wday, int minuteOfDay) {
		if (!workWeek.contains(wday)) {
			return false;
		}
		for (RemoteWorkHour h : workHours) {
			if ((h.everyDay() || h.wday() == wday) && minuteOfDay >= h.begin().minuteOfDay()
					&& minuteOfDay < h.end().minuteOfDay()) {
				return true;
			}
		}
		return false;
	}

}
