package io.calltask.schedule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-style: for thousands of random schedules, the compressed form allows exactly the
 * minutes the local form allows, and is canonical.
 */
class RemoteScheduleTests {

	@Test
	void compressingKeepsExactlyTheDialableMinutes() {
		Random random = new Random(20261124L);
		for (int n = 0; n < 3000; n++) {
			WeeklySchedule local = randomSchedule(random, n % 2 == 0 ? 15 : 1);
			RemoteSchedule remote = RemoteSchedule.of(local);
			boolean[][] dialable = oracle(local);
			for (int day = 0; day < 7; day++) {
				for (int minute = 0; minute < 1440; minute++) {
					if (remote.allows(day, minute) != dialable[day][minute]
							|| minute % 7 == 0 && local.allows(day, minute) != dialable[day][minute]) {
						throw new AssertionError("day " + day + " minute " + minute + " differs for " + local + " → "
								+ remote.workHours());
					}
				}
			}
			assertCanonical(remote.workHours(), local);
		}
	}

	/** Dialable minutes straight from the definition: a work day, inside any of its intervals. */
	private static boolean[][] oracle(WeeklySchedule local) {
		boolean[][] dialable = new boolean[7][1440];
		for (WorkHour h : local.workHours()) {
			if (local.workWeek().contains(h.wday())) {
				for (int m = h.begin().minuteOfDay(); m < h.end().minuteOfDay(); m++) {
					dialable[h.wday()][m] = true;
				}
			}
		}
		return dialable;
	}

	private static void assertCanonical(List<RemoteWorkHour> remote, WeeklySchedule local) {
		List<RemoteWorkHour> common = remote.stream().filter(RemoteWorkHour::everyDay).toList();
		// Common entries first, then days in work-week order.
		int firstDay = common.size();
		assertThat(remote.subList(0, firstDay)).allMatch(RemoteWorkHour::everyDay);
		assertThat(remote.subList(firstDay, remote.size())).noneMatch(RemoteWorkHour::everyDay);
		List<Integer> dayOrder = remote.subList(firstDay, remote.size()).stream().map(RemoteWorkHour::wday).distinct()
			.toList();
		if (!dayOrder.isEmpty()) {
			assertThat(local.workWeek()).containsSubsequence(dayOrder);
		}
		ascendingAndApart(common);
		for (int day : local.workWeek()) {
			List<RemoteWorkHour> own = remote.stream().filter(h -> !h.everyDay() && h.wday() == day).toList();
			ascendingAndApart(own);
			for (RemoteWorkHour h : own) {
				for (RemoteWorkHour c : common) {
					boolean overlap = h.begin().minuteOfDay() < c.end().minuteOfDay()
							&& c.begin().minuteOfDay() < h.end().minuteOfDay();
					assertThat(overlap).as("day entry overlaps a common one").isFalse();
				}
			}
		}
	}

	private static void ascendingAndApart(List<RemoteWorkHour> hours) {
		for (int i = 1; i < hours.size(); i++) {
			assertThat(hours.get(i).begin().minuteOfDay()).isGreaterThan(hours.get(i - 1).end().minuteOfDay());
		}
	}

	private static WeeklySchedule randomSchedule(Random random, int grid) {
		List<Integer> days = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6));
		Collections.shuffle(days, random);
		List<Integer> week = days.subList(0, random.nextInt(8));
		List<WorkHour> hours = new ArrayList<>();
		int slots = 1440 / grid;
		for (int day = 0; day < 7; day++) {
			int count = random.nextInt(5);
			for (int i = 0; i < count; i++) {
				int a = random.nextInt(slots + 1);
				int b = random.nextInt(slots + 1);
				if (a == b) {
					continue;
				}
				hours.add(new WorkHour(day, new ClockTime(Math.min(a, b) * grid), new ClockTime(Math.max(a, b) * grid)));
			}
			if (random.nextInt(10) == 0) {
				hours.add(new WorkHour(day, new ClockTime(1200), new ClockTime(ClockTime.END_OF_DAY)));
			}
		}
		return new WeeklySchedule(week, hours);
	}

}
