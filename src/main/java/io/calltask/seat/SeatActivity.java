package io.calltask.seat;

import java.util.Locale;

/**
 * What a seat is doing, as a bridge group's {@code stats} count it: each seat counts once. A seat in
 * a call (any {@code call_state} but free) counts by its call state, whatever its status (a seat put
 * on break or signed out keeps its current call); a free seat counts by its status, so {@code idle}
 * is status idle and call_state free, the only seats a transfer may pick. Written lower-case in the API.
 */
public enum SeatActivity {

	IDLE, RESERVED, RINGING, TALKING, WRAP_UP, BREAK, OFFLINE;

	public String json() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static SeatActivity of(SeatStatus status, SeatCallState callState) {
		return switch (callState) {
			case RESERVED -> RESERVED;
			case RINGING -> RINGING;
			case TALKING -> TALKING;
			case WRAP_UP -> WRAP_UP;
			case FREE -> switch (status) {
				case IDLE -> IDLE;
				case BREAK -> BREAK;
				case OFFLINE -> OFFLINE;
			};
		};
	}

}
