package io.calltask.dialer.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.calltask.dialer.callrecord.CallEnd;
import io.calltask.seat.SeatBoardStore;
import io.calltask.task.LineCounters;
import io.calltask.task.TaskRuntime;

/**
 * Everything one write of the {@link AttemptLog} holds: calls about to be placed, answers, calls
 * that ended, call_status changes and the task list's states. The engine fills it on its thread
 * and hands it whole to the writer.
 */
final class AttemptBatch {

	/** Which call: of which task and owner, for which number, on which line. */
	record CallRef(UUID callId, long taskId, UUID userId, long numberId, UUID lineId) {
	}

	/** A call about to be placed: the number moves from claimed to calling only if still claimed by us. */
	record Start(CallRef call, String phone, int attempt, Instant at) {
	}

	record Answer(CallRef call, Instant at) {
	}

	/**
	 * A call that ended, and what becomes of its number: a redial at {@code redialAt}, or done if
	 * null. {@code answerCounted}: its answer was recorded earlier (it is among the line's
	 * {@code answering_count}). {@code event}: its task asks for a {@code call.finished} event for
	 * it, or the task is not known here. {@code phone} (as imported) and {@code startAt}: a call that
	 * never left the switch gives its contact count back. {@code optout}: its answered callee refused
	 * further calls ({@link io.calltask.dialer.blacklist.Optouts}).
	 */
	record Finish(CallRef call, CallEnd end, Instant redialAt, boolean answerCounted, boolean event, String phone,
			Instant startAt, boolean optout) {

		Finish(CallRef call, CallEnd end, Instant redialAt, boolean answerCounted, boolean event, String phone,
				Instant startAt) {
			this(call, end, redialAt, answerCounted, event, phone, startAt, false);
		}

	}

	record TaskLine(long taskId, UUID lineId) {
	}

	/** Changes of one (task, line)'s statistics; {@code callStatus} -1 leaves it as it is. */
	static final class Counts {

		int callStatus = -1;

		long dialed;

		long answered;

		long gatewayErrors;

		long normalHangups;

		long bill;

		int calling;

		int answering;

		Counts copy() {
			return new Counts().add(this);
		}

		/** Adds {@code c}'s changes to these; its call_status, if set, replaces this one. */
		Counts add(Counts c) {
			callStatus = c.callStatus >= 0 ? c.callStatus : callStatus;
			dialed += c.dialed;
			answered += c.answered;
			gatewayErrors += c.gatewayErrors;
			normalHangups += c.normalHangups;
			bill += c.bill;
			calling += c.calling;
			answering += c.answering;
			return this;
		}

		LineCounters counters() {
			return new LineCounters(callStatus, dialed, answered, gatewayErrors, normalHangups, bill, calling, answering);
		}

	}

	final List<Start> starts = new ArrayList<>();

	final List<Answer> answers = new ArrayList<>();

	final List<Finish> finishes = new ArrayList<>();

	/** call_status changes of (task, line) pairs; the counts are added by {@link AttemptLog#write} for what it wrote. */
	final Map<TaskLine, Counts> stats = new LinkedHashMap<>();

	/** What the task list shows of each task that changed. */
	final List<TaskRuntime.RuntimeState> states = new ArrayList<>();

	/** Seats that moved (reserved, rang, talked, wrapped up…), in the order they moved. */
	final List<SeatBoardStore.SeatChange> seatChanges = new ArrayList<>();

	/** The task list's {@code pacing} of tasks paced by their seats. */
	final List<TaskRuntime.PacingState> pacing = new ArrayList<>();

	/** Customers waiting per bridge group, for the groups whose count changed. */
	final Map<Long, Integer> groupWaiting = new LinkedHashMap<>();

	Counts counts(long taskId, UUID lineId) {
		return stats.computeIfAbsent(new TaskLine(taskId, lineId), k -> new Counts());
	}

	/** This batch, then {@code later}: a batch that failed goes again ahead of what came since. */
	AttemptBatch followedBy(AttemptBatch later) {
		starts.addAll(later.starts);
		answers.addAll(later.answers);
		finishes.addAll(later.finishes);
		later.stats.forEach((key, c) -> stats.merge(key, c, Counts::add));
		states.addAll(later.states);
		seatChanges.addAll(later.seatChanges);
		pacing.addAll(later.pacing);
		groupWaiting.putAll(later.groupWaiting);
		return this;
	}

	boolean isEmpty() {
		return starts.isEmpty() && answers.isEmpty() && finishes.isEmpty() && stats.isEmpty() && states.isEmpty()
				&& seatChanges.isEmpty() && groupWaiting.isEmpty() && pacing.isEmpty();
	}

}
