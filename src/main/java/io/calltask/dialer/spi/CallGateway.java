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
