package io.calltask.dialer.engine;

import java.time.Instant;
import java.util.UUID;

/** A call the engine placed (or recovered from a node that died) and has not seen end. */
final class CallInProgress {

	final UUID callId;

	final long taskId;

	/** Null for a recovered call: its task's owner is looked up when it ends. */
	final UUID userId;

	final long numberId;

	final UUID lineId;

	final int attempt;

	final Instant startAt;

	/** Counted against its task's and line's limits (false for calls recovered from a dead node). */
	final boolean counted;

	Instant answeredAt;

	/** Handed to the gateway (its start was written); a recovered call counts as placed. */
	boolean placed;

	boolean cancelRequested;

	CallInProgress(UUID callId, long taskId, UUID userId, long numberId, UUID lineId, int attempt, Instant startAt,
			boolean counted) {
		this.callId = callId;
		this.taskId = taskId;
		this.userId = userId;
		this.numberId = numberId;
		this.lineId = lineId;
		this.attempt = attempt;
		this.startAt = startAt;
		this.counted = counted;
		this.placed = !counted;
	}

}
