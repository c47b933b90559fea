package io.calltask.dialer.engine;

import java.time.Instant;

import io.calltask.dialer.engine.AttemptBatch.CallRef;

/** A call the engine placed (or adopted from an earlier run or a node that died) and has not seen end. */
final class CallInProgress {

	/** Which call; an adopted call's owner is null (looked up when it ends). */
	final CallRef ref;

	final int attempt;

	final Instant startAt;

	/** The customer's phone, as imported (a seat is shown it as caller id). */
	final String phone;

	/** Counted against its task's and line's limits (an adopted call once they are tracked). */
	boolean counted;

	Instant answeredAt;

	/** Handed to the gateway (its start was written); an adopted call counts as placed. */
	boolean placed;

	boolean cancelRequested;

	private CallInProgress(CallRef ref, int attempt, Instant startAt, String phone, boolean counted) {
		this.ref = ref;
		this.attempt = attempt;
		this.startAt = startAt;
		this.phone = phone == null ? "" : phone;
		this.counted = counted;
		this.placed = !counted;
	}

	/** A call pacing just handed out: counted, placed once its start is written. */
	static CallInProgress paced(CallRef ref, int attempt, Instant startAt, String phone) {
		return new CallInProgress(ref, attempt, startAt, phone, true);
	}

	/** A call left open by an earlier run or a dead node: placed, counted once its task and line are tracked. */
	static CallInProgress adopted(CallRef ref, int attempt, Instant startAt, String phone, Instant answeredAt) {
		CallInProgress c = new CallInProgress(ref, attempt, startAt, phone, false);
		c.answeredAt = answeredAt;
		return c;
	}

}
