package io.calltask.dialer.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.calltask.dialer.callrecord.CallOutcome;
import io.calltask.task.TaskRuntime;

/**
 * Everything one write of the {@link AttemptLog} holds: calls about to be placed, answers, calls
 * that ended, call_status changes and the task list's states. The engine fills it on its thread
 * and hands it whole to the writer.
 */
final class AttemptBatch {

	/** A call about to be placed: the number moves from claimed to calling only if still claimed by us. */
	record Start(UUID callId, long taskId, UUID userId, long numberId, String phone, UUID lineId, int attempt,
			Instant at) {
	}

	record Answer(UUID callId, long taskId, UUID lineId, Instant at) {
	}

	/**
	 * A call that ended, and what becomes of its number: {@code numberStatus} pending (a redial at
	 * {@code nextAttemptAt}) or done (called or failed). {@code answerCounted}: its answer was
	 * recorded earlier (it is among the line's {@code answering_count}). {@code intention} and
	 * {@code recordingUrl}: what the bot left on the call, null if nothing.
	 */
	record Finish(UUID callId, long taskId, UUID userId, long numberId, UUID lineId, boolean answerCounted,
			Instant answeredAt, Instant endAt,
			int durationSeconds, long billMillis, String hangupCause, CallOutcome outcome, int status,
			String numberStatus, Instant nextAttemptAt, String intention, String recordingUrl) {
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
			Counts c = new Counts();
			c.callStatus = callStatus;
			c.dialed = dialed;
			c.answered = answered;
			c.gatewayErrors = gatewayErrors;
			c.normalHangups = normalHangups;
			c.bill = bill;
			c.calling = calling;
			c.answering = answering;
			return c;
		}

	}



	final List<Start> starts = new ArrayList<>();

	final List<Answer> answers = new ArrayList<>();

	final List<Finish> finishes = new ArrayList<>();

	/** call_status changes of (task, line) pairs; the counts are added by {@link AttemptLog#write} for what it wrote. */
	final Map<TaskLine, Counts> stats = new LinkedHashMap<>();

	/** What the task list shows of each task that changed. */
	final List<TaskRuntime.RuntimeState> states = new ArrayList<>();

	Counts counts(long taskId, UUID lineId) {
		return stats.computeIfAbsent(new TaskLine(taskId, lineId), k -> new Counts());
	}

	/** This batch, then {@code later}: a batch that failed goes again ahead of what came since. */
	AttemptBatch followedBy(AttemptBatch later) {
		starts.addAll(later.starts);
		answers.addAll(later.answers);
		finishes.addAll(later.finishes);
		later.stats.forEach((key, c) -> {
			Counts mine = stats.get(key);
			if (mine == null) {
				stats.put(key, c);
				return;
			}
			mine.callStatus = c.callStatus >= 0 ? c.callStatus : mine.callStatus;
			mine.dialed += c.dialed;
			mine.answered += c.answered;
			mine.gatewayErrors += c.gatewayErrors;
			mine.normalHangups += c.normalHangups;
			mine.bill += c.bill;
			mine.calling += c.calling;
			mine.answering += c.answering;
		});
		states.addAll(later.states);
		return this;
	}

	boolean isEmpty() {
		return starts.isEmpty() && answers.isEmpty() && finishes.isEmpty() && stats.isEmpty() && states.isEmpty();
	}

}
