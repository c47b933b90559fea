package io.calltask.schedule;

import java.time.LocalDate;

/**
 * One day of a holiday calendar, in the service's zone: a {@code holiday} is not dialed; a
 * {@code workday} (调休补班) is dialed with the work hours of weekday {@code asWeekday} (0 = Sunday …
 * 6 = Saturday, 7 = Sunday too), null for a holiday.
 */
public record CalendarDay(LocalDate date, Type type, Integer asWeekday) {

	public enum Type {

		HOLIDAY, WORKDAY;

		/** The wire word: {@code holiday}, {@code workday}. */
		public String word() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		/** The type named {@code word} exactly, or null. */
		public static Type of(String word) {
			for (Type t : values()) {
				if (t.word().equals(word)) {
					return t;
				}
			}
			return null;
		}

	}

	public boolean holiday() {
		return type == Type.HOLIDAY;
	}

	/** The weekday whose hours a workday takes, 0 = Sunday … 6 = Saturday. */
	public int weekday() {
		return asWeekday % 7;
	}

}
