package io.calltask.dialer.spi;

import java.util.List;
import java.util.UUID;

/**
 * Places calls. Every method returns at once; what happens to a call arrives later, in order per
 * call, at the {@link CallEvents} given to {@link #start}: at most one {@link CallEvent.Answered}
 * and exactly one {@link CallEvent.HungUp} for every originate, including those that fail before a
 * channel exists.
 */
public interface CallGateway {

	/**
	 * Begins delivering events to {@code events}, first following the calls {@code open} that an
	 * earlier run of this dialer node left (see {@link #adopt}). Called once, before any originate.
	 * {@code dialerNode} is the dialer node's id: a gateway shared by several nodes hears only its
	 * own node's calls.
	 */
	void start(String dialerNode, List<OpenCall> open, CallEvents events);

	/**
	 * Follows a call placed before this gateway started (an earlier run of this node, or a node that
	 * died): if its switch still carries it, its events come as if this gateway had placed it (its
	 * answer, then exactly one hangup with the switch's own cause and billing); if the switch has no
	 * such channel, or stays unreachable past its lost-after, it ends as lost ({@code SYSTEM_SHUTDOWN})
	 * as of {@code lastSeen}. A gateway whose calls cannot outlive the process ends it so at once.
	 */
	void adopt(OpenCall call);

	/** Places {@code call}. */
	void originate(OriginateRequest call);

	/** Hangs up a call that is still ringing or talking ({@code ORIGINATOR_CANCEL}). */
	void cancel(UUID callId);

	/**
	 * Rings a seat for an answered call whose customer is to talk to a person: the customer hears
	 * {@code ring.holdAudio()} meanwhile; the seat's leg shows the customer's phone as caller id and
	 * carries {@code calltask_call_id} and {@code calltask_seat_id}. Then exactly one of
	 * {@link CallEvent.SeatAnswered} (the two are bridged; later {@link CallEvent.SeatHungUp}) or
	 * {@link CallEvent.SeatMissed} (no answer within {@code ring.ringTimeoutSeconds()}, busy, failed),
	 * unless the customer hangs up first (then the seat's leg is hung up too, and a seat that had
	 * answered ends with {@link CallEvent.SeatHungUp}).
	 */
	void ringSeat(SeatRing ring);

	/** The customer of an answered call waits for a seat, hearing {@code holdAudio}, until the next command. */
	void hold(UUID callId, String holdAudio);

	/**
	 * The call goes back to its bot ({@code destination}'s extension, dialplan and context) with the
	 * channel variable {@code calltask_bridge_result=busy}: no seat could take it.
	 */
	void backToBot(UUID callId, OriginateRequest.Destination destination);

	/**
	 * A seat to ring for call {@code callId}: seat {@code seatId} at {@code contact} (a FreeSWITCH dial
	 * string), shown {@code customerPhone} as caller id, for at most {@code ringTimeoutSeconds}.
	 */
	record SeatRing(UUID callId, long seatId, String contact, String customerPhone, int ringTimeoutSeconds,
			String holdAudio) {
	}

	/**
	 * Whether calls through FreeSWITCH node {@code nodeId} can be placed now (a node that is down
	 * makes its lines unusable until it is back).
	 */
	default boolean nodeUp(String nodeId) {
		return true;
	}

	/** Where a gateway delivers what happened to calls. Must not block. */
	interface CallEvents {

		void on(CallEvent event);

	}

}
