package io.calltask.dialer.callrecord;

import java.time.Instant;
import java.util.Locale;

/**
 * What became of a call's transfer to a person (API.md section 8.2): {@code result}; the seat it was
 * bridged to ({@code seatId}, {@code seatName} as it was then; null unless bridged); {@code waitMs}
 * from the transfer's ask to the seat's answer or the giving up (null when none was asked); the
 * seconds it was bridged, from {@code bridgedAt} (null unless bridged; kept with the record, not shown:
 * what tells from the records alone that no seat ever had two customers at once).
 */
public record Bridge(Result result, Long seatId, String seatName, Long waitMs, int billsec, Instant bridgedAt) {

	/** No transfer was asked. */
	public static final Bridge NONE = new Bridge(Result.NONE, null, null, null, 0, null);

	public enum Result {

		/** No transfer asked. */
		NONE,
		/** A seat answered and talked with the customer. */
		BRIDGED,
		/** No seat could take the call: it went back to the bot. */
		FALLBACK_BOT,
		/** No seat in time, or the customer hung up while waiting for one. */
		ABANDONED;

		/** As records, the call list and webhooks write it. */
		public String word() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The result written {@code word}, null if none is. */
		public static Result of(String word) {
			for (Result r : values()) {
				if (r.word().equals(word)) {
					return r;
				}
			}
			return null;
		}

	}

}
