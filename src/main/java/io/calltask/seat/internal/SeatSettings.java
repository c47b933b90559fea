package io.calltask.seat.internal;

/**
 * What the API writes of a seat: its name, extension (digits, unique per user), whom the dialer rings
 * ({@code contact}, a FreeSWITCH dial string), its wrap-up after a call and its misses before a break.
 */
public record SeatSettings(String name, String extension, String contact, int wrapUpSeconds, int maxNoAnswer) {

	/** A new seat's settings before its body is read: 10 s of wrap-up, a break after 3 misses in a row. */
	static final SeatSettings DEFAULTS = new SeatSettings(null, null, null, 10, 3);

}
