package io.calltask.seat;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the dialer reads of seats and groups, and the {@code call_state}s it writes back. Only the
 * leading instance writes; writes join the caller's (fenced) transaction and lock seat rows in id order.
 */
public interface SeatBoardStore {

	/** Every seat of every user. */
	List<Seat> seats();

	/** Every bridge group of every user. */
	List<BridgeGroup> groups();

	/** The dialer's changes, each seat's in the order given; seat rows locked in id order. */
	void record(Collection<SeatChange> changes);

	/** How many customers wait for a seat of each group (its {@code stats.waiting}); groups not named wait for none. */
	void recordWaiting(Map<Long, Integer> waitingByGroup);

	/**
	 * A seat moved to {@code callState} at {@code at}, for customer call {@code callId} (null when free).
	 * {@code bridgedSeconds} > 0: a bridged call ended, one call and these seconds are added to the seat's
	 * day; {@code noAnswerBreak}: its misses put it on {@code break} with reason {@code no_answer}.
	 */
	record SeatChange(long seatId, SeatCallState callState, UUID callId, Instant at, long bridgedSeconds,
			boolean noAnswerBreak) {
	}

}
