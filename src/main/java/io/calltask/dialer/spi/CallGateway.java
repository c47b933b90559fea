package io.calltask.dialer.spi;

import java.util.UUID;

/**
 * Places calls. Every method returns at once; what happens to a call arrives later, in order per
 * call, at the {@link CallEvents} given to {@link #start}: at most one {@link CallEvent.Answered}
 * and exactly one {@link CallEvent.HungUp} for every originate, including those that fail before a
 * channel exists.
 */
public interface CallGateway {

	/** Begins delivering events to {@code events}. Called once, before any originate. */
	void start(CallEvents events);

	/** Places {@code call}. */
	void originate(OriginateRequest call);

	/** Hangs up a call that is still ringing or talking ({@code ORIGINATOR_CANCEL}). */
	void cancel(UUID callId);

	/**
	 * A call the engine has closed as lost ({@code SYSTEM_SHUTDOWN}: this node crashed or stopped with
	 * it in progress, or another node died with it) may still be up on the switch: hang it up
	 * ({@code MANAGER_REQUEST}), now or as soon as node {@code nodeId} (null: any) can be reached, so
	 * nobody stays on a call the platform no longer follows and is then dialed again. No event follows:
	 * the call is already closed.
	 */
	default void hangUpLost(UUID callId, String nodeId) {
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
