package io.calltask.seat;

import java.util.Locale;

/**
 * What the dialer sets on a seat: {@code free} → {@code reserved} (chosen for a customer) →
 * {@code ringing} → {@code talking} → {@code wrap_up} → {@code free}. Written lower-case in the API.
 */
public enum SeatCallState {

	FREE, RESERVED, RINGING, TALKING, WRAP_UP;

	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The state written {@code text}, null if none is. */
	public static SeatCallState of(String text) {
		for (SeatCallState s : values()) {
			if (s.json().equals(text)) {
				return s;
			}
		}
		return null;
	}

}
