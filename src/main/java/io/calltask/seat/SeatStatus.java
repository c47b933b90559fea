package io.calltask.seat;

import java.util.Locale;

/** What people set on a seat (签入示闲 / 小休示忙 / 签出); written lower-case in the API. */
public enum SeatStatus {

	IDLE, BREAK, OFFLINE;

	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The status written {@code text}, null if none is. */
	public static SeatStatus of(String text) {
		for (SeatStatus s : values()) {
			if (s.json().equals(text)) {
				return s;
			}
		}
		return null;
	}

}
