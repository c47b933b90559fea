package io.calltask.schedule;

/**
 * A time of day in whole minutes, {@code 00:00} to {@code 24:00}. {@code 24:00} exists only as
 * the end of an interval, so that a day can be dialable up to midnight inclusive.
 */
public record ClockTime(int minuteOfDay) implements Comparable<ClockTime> {

	public static final int END_OF_DAY = 24 * 60;

	public ClockTime {
		if (minuteOfDay < 0 || minuteOfDay > END_OF_DAY) {
			throw new InvalidScheduleException("时间格式应为 HH:mm");
		}
	}

	/** Accepts {@code H:mm} and {@code HH:mm}; hours 0..24, and 24 only as {@code 24:00}. */
	public static ClockTime parse(String text) {
		if (text == null) {
			throw new InvalidScheduleException("时间格式应为 HH:mm");
		}
		int colon = text.indexOf(':');
		if (colon < 1 || colon > 2 || text.length() != colon + 3) {
			throw new InvalidScheduleException("时间格式应为 HH:mm");
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (i != colon && (c < '0' || c > '9')) {
				throw new InvalidScheduleException("时间格式应为 HH:mm");
			}
		}
		int hours = Integer.parseInt(text.substring(0, colon));
		int minutes = Integer.parseInt(text.substring(colon + 1));
		if (hours > 24 || minutes > 59 || hours == 24 && minutes != 0) {
			throw new InvalidScheduleException("时间格式应为 HH:mm（00:00 到 24:00）");
		}
		return new ClockTime(hours * 60 + minutes);
	}

	@Override
	public int compareTo(ClockTime other) {
		return Integer.compare(minuteOfDay, other.minuteOfDay);
	}

	@Override
	public String toString() {
		return String.format("%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
	}

}
