package io.calltask.seat;

import java.util.Locale;

/**
 * How a bridge group picks among its free seats: the one free the longest, the first in the
 * group's order, the one with the fewest calls today, or any. Written lower-case in the API.
 */
public enum GroupStrategy {

	LONGEST_IDLE, TOP_DOWN, FEWEST_CALLS, RANDOM;

	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The strategy written {@code text}, null if none is. */
	public static GroupStrategy of(String text) {
		for (GroupStrategy s : values()) {
			if (s.json().equals(text)) {
				return s;
			}
		}
		return null;
	}

}
