package io.calltask.contact;

import java.time.LocalTime;

/**
 * A user's contact policy (API.md section 10), every key resolved: {@code null} limits and window
 * mean none. {@code minIntervalMinutes} 0: no interval.
 */
public record ContactPolicy(Integer maxPerDay, Integer maxPerWeek, int minIntervalMinutes, CallWindow window,
		TimezoneSource timezoneSource, boolean optoutToBlacklist) {

	/** Whether any rule can hold a number back. */
	public boolean holdsAnything() {
		return maxPerDay != null || maxPerWeek != null || minIntervalMinutes > 0 || window != null;
	}

	/** The callee-local hours calls are allowed in, half-open, in minutes of the day ({@code end} 1440 is 24:00). */
	public record CallWindow(int begin, int end) {

		boolean holds(LocalTime local) {
			int second = local.toSecondOfDay();
			return second >= begin * 60 && second < end * 60;
		}

		public String beginText() {
			return text(begin);
		}

		public String endText() {
			return text(end);
		}

		private static String text(int minute) {
			return String.format("%02d:%02d", minute / 60, minute % 60);
		}

		/** {@code HH:mm} (00:00..24:00) as minutes of the day; -1 if it is not one. */
		public static int minuteOf(String text) {
			if (text == null || !text.matches("\\d\\d:\\d\\d")) {
				return -1;
			}
			int h = Integer.parseInt(text.substring(0, 2));
			int m = Integer.parseInt(text.substring(3));
			if (m > 59 || h > 24 || (h == 24 && m != 0)) {
				return -1;
			}
			return h * 60 + m;
		}

	}

	/** Whose zone a day, a week and the window are of: the callee's phone's, or {@code calltask.timezone}. */
	public enum TimezoneSource {

		PHONE, DEPLOYMENT;

		public String word() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		/** The source of a word; null if it is none. */
		public static TimezoneSource of(String word) {
			for (TimezoneSource s : values()) {
				if (s.word().equals(word)) {
					return s;
				}
			}
			return null;
		}

	}

}
