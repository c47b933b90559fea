package io.calltask.dialer.engine;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import io.calltask.dialer.callrecord.Bridge;
import io.calltask.dialer.engine.SeatBoard.BoardSeat;
import io.calltask.task.TaskRuntime.DialTask;

/**
 * One call's transfer to a person, as {@link Transfers} moves it: waiting for a seat, ringing one,
 * bridged, over (its result decided); the seats tried, and what its record will show.
 */
final class TransferCall {

	enum Phase {
		WAITING, RINGING, BRIDGED, OVER
	}

	final UUID callId;

	final long taskId;

	final long groupId;

	final String phone;

	final Instant askedAt;

	final Instant giveUpAt;

	final DialTask task;

	Phase phase = Phase.WAITING;

	BoardSeat seat;

	Instant ringUntil;

	Instant bridgedAt;

	long billsec;

	Bridge.Result result;

	Long waitMs;

	final Set<Long> tried = new HashSet<>();

	/** Counted for its task's pacing as bridged in time or abandoned (API.md section 9). */
	boolean paced;

	/**
	 * The transfer of call {@code c}, adopted by a new term with its seat {@code s} still in it: bridged if
	 * the seat talks, else ringing until the call ends (whether the switch bridged it is not known here);
	 * already counted for pacing by the leader it asked under.
	 */
	static TransferCall adopted(CallInProgress c, BoardSeat s) {
		TransferCall tc = new TransferCall(c.ref.callId(), c.ref.taskId(), -1, c.phone, s.since, s.since, null);
		tc.seat = s;
		tc.phase = s.state == io.calltask.seat.SeatCallState.TALKING ? Phase.BRIDGED : Phase.RINGING;
		tc.bridgedAt = s.since;
		tc.ringUntil = Instant.MAX;
		tc.paced = true;
		return tc;
	}

	TransferCall(UUID callId, long taskId, long groupId, String phone, Instant askedAt, Instant giveUpAt,
			DialTask task) {
		this.callId = callId;
		this.taskId = taskId;
		this.groupId = groupId;
		this.phone = phone;
		this.askedAt = askedAt;
		this.giveUpAt = giveUpAt;
		this.task = task;
	}

}
