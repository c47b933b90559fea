package io.calltask.dialer.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.calltask.contact.ContactCounts;
import io.calltask.contact.ContactHold;
import io.calltask.dialer.CallsFinished;
import io.calltask.dialer.blacklist.Optouts;
import io.calltask.dialer.callrecord.CallOutcome;
import io.calltask.dialer.callrecord.CallRecordWrites;
import io.calltask.dialer.cluster.DialerLease;
import io.calltask.dialer.cluster.Term;
import io.calltask.dialer.engine.AttemptBatch.Answer;
import io.calltask.dialer.engine.AttemptBatch.Counts;
import io.calltask.dialer.engine.AttemptBatch.Finish;
import io.calltask.dialer.engine.AttemptBatch.Start;
import io.calltask.dialer.engine.AttemptBatch.TaskLine;
import io.calltask.dialer.number.NumberStates;
import io.calltask.seat.SeatBoardStore;
import io.calltask.task.NumberMoves;
import io.calltask.task.TaskRuntime;
import io.calltask.task.TaskRuntime.LineStatsDelta;

/**
 * Writes what the engine did, one transaction per batch, each table by the part that owns it and in
 * {@link WriteOrder}: numbers into calls and out of them ({@link NumberStates}), call records and the
 * call list's totals ({@link CallRecordWrites}), the task list's numbers, states and per-line
 * statistics ({@link TaskRuntime}), and {@link CallsFinished} for the webhooks; each call's contact
 * count ({@link ContactCounts}) is taken with its start. Records, statistics
 * and totals move together, so they always add up.
 */
@Repository
class AttemptLog {

	private static final Comparator<TaskLine> TASK_LINE_ORDER = Comparator.comparingLong(TaskLine::taskId)
		.thenComparing(TaskLine::lineId);

	private final DialerLease lease;

	private final NumberStates numbers;

	private final CallRecordWrites records;

	private final TaskRuntime runtime;

	private final SeatBoardStore seats;

	private final ApplicationEventPublisher events;

	private final DialerMetrics metrics;

	private final Optouts optouts;

	private final ContactCounts contact;

	AttemptLog(DialerLease lease, NumberStates numbers, CallRecordWrites records, TaskRuntime runtime,
			SeatBoardStore seats, ApplicationEventPublisher events, DialerMetrics metrics, Optouts optouts,
			ContactCounts contact) {
		this.optouts = optouts;
		this.contact = contact;
		this.lease = lease;
		this.numbers = numbers;
		this.records = records;
		this.runtime = runtime;
		this.seats = seats;
		this.events = events;
		this.metrics = metrics;
	}

	/** What one write found as it went: which starts took, which calls closed, how the numbers moved. */
	private static final class Written {

		boolean[] started = new boolean[0];

		boolean[] closed = new boolean[0];

		Map<Long, NumberMoves> moves = Map.of();

		Optouts.Applied optouts = Optouts.Applied.NONE;

		/** Counted afresh on every attempt: a batch whose write failed goes again unchanged. */
		final Map<TaskLine, Counts> stats = new TreeMap<>(TASK_LINE_ORDER);

		Counts counts(long taskId, UUID lineId) {
			return stats.computeIfAbsent(new TaskLine(taskId, lineId), k -> new Counts());
		}

	}

	/**
	 * Writes the batch under {@code term} (nothing, {@link io.calltask.dialer.cluster.LeaseLostException},
	 * if the term is over); answers which starts took effect (false: the number was no longer ours,
	 * e.g. blacklisted meanwhile, and must not be dialed).
	 */
	@Transactional
	public boolean[] write(AttemptBatch batch, Term term, Instant now) {
		Written w = new Written();
		batch.stats.forEach((k, c) -> w.stats.put(k, c.copy()));
		for (WriteOrder table : WriteOrder.values()) {
			switch (table) {
				case LEASE -> lease.fence(term);
				case OPTOUTS -> optouts(batch, now, w);
				case NUMBERS -> numbers(batch, term, now, w);
				case CALL_RECORDS -> callRecords(batch, term, w);
				case TASK_RUNTIME -> taskRuntime(batch, w);
				case LINE_STATS -> lineStats(w);
				case SEATS -> seats(batch);
				case EVENTS -> events(batch, w);
			}
		}
		return w.started;
	}

	private void seats(AttemptBatch batch) {
		if (!batch.seatChanges.isEmpty()) {
			seats.record(batch.seatChanges);
		}
		if (!batch.groupWaiting.isEmpty()) {
			seats.recordWaiting(new TreeMap<>(batch.groupWaiting));
		}
	}

	/** Opt-outs written while an import held their user's lock wait to be swept again: a write is due even if empty. */
	boolean sweepsPending() {
		return optouts.sweepsPending();
	}

	/** Callees who opted out join the blacklist, if their user's setting says so, before any number moves. */
	private void optouts(AttemptBatch batch, Instant now, Written w) {
		List<Optouts.OptedOut> calls = new ArrayList<>();
		for (Finish f : batch.finishes) {
			if (f.optout()) {
				calls.add(new Optouts.OptedOut(f.call().numberId(), f.call().callId()));
			}
		}
		w.optouts = optouts.apply(calls, now);
	}

	private void numbers(AttemptBatch batch, Term term, Instant now, Written w) {
		if (!batch.starts.isEmpty()) {
			w.started = numbers.dial(batch.starts.stream()
				.map(s -> new NumberStates.Dialing(s.call().callId(), s.call().numberId()))
				.toList(), term.nodeId(), now);
		}
		if (!batch.finishes.isEmpty()) {
			// A number moves on only with its call still open (number and record are written together),
			// so what moves here is what closes in the next step.
			w.moves = numbers.ended(batch.finishes.stream()
				.map(f -> new NumberStates.Ended(f.call().callId(), f.call().numberId(),
						f.end().answered(), f.end().hangupCause(), f.end().status(),
						w.optouts.optedOut().contains(f.call().numberId()) ? null : f.redialAt()))
				.toList(), now);
		}
		if (!w.optouts.moves().isEmpty()) {
			Map<Long, NumberMoves> moves = new TreeMap<>(w.moves);
			w.optouts.moves().forEach((taskId, m) -> moves.merge(taskId, m, AttemptLog::plus));
			w.moves = moves;
		}
		contactCounts(batch, w, now);
	}

	/**
	 * The contact policy's count, exact: each started call is counted against its phone's row, locked
	 * in this transaction; a call the policy holds back after all is not placed and its number waits
	 * ({@link NumberStates#hold}). Calls that never left the switch give their count back.
	 */
	private void contactCounts(AttemptBatch batch, Written w, Instant now) {
		List<Integer> placing = new ArrayList<>();
		List<ContactCounts.Call> calls = new ArrayList<>();
		for (int i = 0; i < w.started.length; i++) {
			Start s = batch.starts.get(i);
			if (w.started[i]) {
				placing.add(i);
				calls.add(new ContactCounts.Call(new ContactCounts.Callee(s.call().userId(), s.phone()), s.call().callId(),
						s.at()));
			}
		}
		List<ContactCounts.Call> back = new ArrayList<>();
		for (Finish f : batch.finishes) {
			if (f.end().outcome() == CallOutcome.GATEWAY_ERROR && f.call().userId() != null && f.phone() != null
					&& f.startAt() != null) {
				back.add(new ContactCounts.Call(new ContactCounts.Callee(f.call().userId(), f.phone()), f.call().callId(),
						f.startAt()));
			}
		}
		if (calls.isEmpty() && back.isEmpty()) {
			return;
		}
		ContactHold[] holds = contact.take(calls, back);
		List<NumberStates.Held> held = new ArrayList<>();
		for (int k = 0; k < holds.length; k++) {
			if (holds[k] != null) {
				int i = placing.get(k);
				Start s = batch.starts.get(i);
				held.add(new NumberStates.Held(s.call().callId(), s.call().numberId(), holds[k].until(), holds[k].reason()));
				w.started[i] = false;
			}
		}
		numbers.hold(held, now);
	}

	private void callRecords(AttemptBatch batch, Term term, Written w) {
		List<CallRecordWrites.Opened> opened = new ArrayList<>();
		// In number id order, as the numbers were marked: the call list's order among calls placed at once.
		Map<UUID, Integer> byLine = new HashMap<>();
		for (int i : NumberStates.byNumberId(batch.starts, s -> s.call().numberId())) {
			Start s = batch.starts.get(i);
			if (w.started[i]) {
				opened.add(new CallRecordWrites.Opened(s.call().callId(), s.call().taskId(), s.call().numberId(),
						s.phone(), s.call().lineId(), s.attempt(), term.nodeId(), s.at()));
				Counts c = w.counts(s.call().taskId(), s.call().lineId());
				c.dialed++;
				c.calling++;
				byLine.merge(s.call().lineId(), 1, Integer::sum);
			}
		}
		records.open(opened);
		afterCommit(() -> byLine.forEach(metrics::started));
		if (!batch.answers.isEmpty()) {
			boolean[] answered = records.answer(batch.answers.stream().map(a -> a.call().callId()).toList(),
					batch.answers.stream().map(Answer::at).toList());
			for (int i = 0; i < answered.length; i++) {
				if (answered[i]) {
					Counts c = w.counts(batch.answers.get(i).call().taskId(), batch.answers.get(i).call().lineId());
					c.answered++;
					c.answering++;
				}
			}
		}
		if (!batch.finishes.isEmpty()) {
			w.closed = records.close(batch.finishes.stream()
				.map(f -> new CallRecordWrites.Closed(f.call().callId(), f.call().taskId(), f.end()))
				.toList());
			Map<String, Integer> byOutcome = new HashMap<>();
			for (int i = 0; i < w.closed.length; i++) {
				if (w.closed[i]) {
					Finish f = batch.finishes.get(i);
					count(f, w.counts(f.call().taskId(), f.call().lineId()));
					byOutcome.merge(f.end().outcome().word(), 1, Integer::sum);
				}
			}
			afterCommit(() -> byOutcome.forEach(metrics::finished));
		}
	}

	private static NumberMoves plus(NumberMoves a, NumberMoves b) {
		return new NumberMoves(a.open() + b.open(), a.called() + b.called(), a.failed() + b.failed(),
				a.filtered() + b.filtered());
	}

	/** A closed call in its line's statistics. */
	private static void count(Finish f, Counts c) {
		c.calling--;
		if (f.answerCounted()) {
			c.answering--;
		}
		else if (f.end().answered()) {
			c.answered++; // answered without an answer event before: counted now
		}
		if (f.end().outcome() == CallOutcome.GATEWAY_ERROR) {
			c.gatewayErrors++;
		}
		else {
			c.normalHangups++;
		}
		c.bill += f.end().billMillis();
	}

	private void taskRuntime(AttemptBatch batch, Written w) {
		runtime.recordPacing(batch.pacing);
		if (!w.moves.isEmpty()) {
			Map<Long, UUID> users = new HashMap<>(w.optouts.users());
			batch.finishes.forEach(f -> users.putIfAbsent(f.call().taskId(), f.call().userId()));
			w.moves.forEach((taskId, moves) -> runtime.addNumbers(taskId, users.get(taskId), moves));
		}
		if (!batch.states.isEmpty()) {
			// The latest state of each task, in task id order.
			Map<Long, TaskRuntime.RuntimeState> latest = new TreeMap<>();
			batch.states.forEach(st -> latest.put(st.taskId(), st));
			runtime.recordStates(latest.values());
		}
	}

	private void lineStats(Written w) {
		if (!w.stats.isEmpty()) {
			List<LineStatsDelta> deltas = new ArrayList<>(w.stats.size());
			w.stats.forEach((k, c) -> deltas.add(new LineStatsDelta(k.taskId(), k.lineId(), c.counters())));
			runtime.addLineStats(deltas);
		}
	}

	/** The webhooks' call.finished events, stored with the records they report: only calls that ask for one. */
	private void events(AttemptBatch batch, Written w) {
		List<UUID> notified = new ArrayList<>();
		for (int i = 0; i < w.closed.length; i++) {
			if (w.closed[i] && batch.finishes.get(i).event()) {
				notified.add(batch.finishes.get(i).call().callId());
			}
		}
		if (!notified.isEmpty()) {
			events.publishEvent(new CallsFinished(notified));
		}
	}

	/** Runs {@code counting} once this transaction has committed: what rolled back is not counted. */
	private static void afterCommit(Runnable counting) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				counting.run();
			}
		});
	}

}
