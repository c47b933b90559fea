package io.calltask.dialer.engine;

import java.time.Instant;
import java.util.UUID;

/** A call the engine placed (or adopted from an earlier run or a node that died) and has not seen end. */
final class CallInProgress {

	final UUID callId;

	final long taskId;

	/** Null for an adopted call: its task's owner is looked up when it ends. */
	final UUID userId;

	final long numberId;

	final UUID lineId;

	final int attempt;

	final Instant startAt;

	/** Counted against its task's and line's limits (an adopted call once they are tracked). */
	boolean counted;

	Instant answeredAt;

	/** Handed to the gateway (its start was written); an adopted call counts as placed. */
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
