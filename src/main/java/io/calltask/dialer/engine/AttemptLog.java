package io.calltask.dialer.engine;

import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.calltask.dialer.callrecord.CallOutcome;
import io.calltask.dialer.cluster.DialerLease;
import io.calltask.dialer.cluster.Term;
import io.calltask.dialer.callrecord.CallStatusCode;
import io.calltask.notify.Notifications;
import io.calltask.task.LineCounters;
import io.calltask.task.NumberMoves;
import io.calltask.task.TaskRuntime;
import io.calltask.task.TaskRuntime.LineStatsDelta;

import io.calltask.dialer.engine.AttemptBatch.Answer;
import io.calltask.dialer.engine.AttemptBatch.Counts;
import io.calltask.dialer.engine.AttemptBatch.Finish;
import io.calltask.dialer.engine.AttemptBatch.Start;
import io.calltask.dialer.engine.AttemptBatch.TaskLine;

import static io.calltask.dialer.engine.NumberClaims.at;

/**
 * Writes what the engine did, one transaction per batch: numbers taken into calls and the call
 * records opened for them, answers, finished calls with their numbers' next state, the task
 * statistics they change, the call list's totals (per task, and per task and outcome), and the
 * webhooks' events for the calls that ended. Records,
 * statistics and totals move together, so they always add up.
 */
@Repository
class AttemptLog {

	private static final java.util.Comparator<TaskLine> TASK_LINE_ORDER = java.util.Comparator
		.comparingLong(TaskLine::taskId)
		.thenComparing(TaskLine::lineId);

	private final JdbcTemplate jdbc;

	private final TaskRuntime runtime;

	private final Notifications notifications;

	private final DialerLease lease;

	private final DialerMetrics metrics;

	AttemptLog(JdbcTemplate jdbc, TaskRuntime runtime, Notifications notifications, DialerLease lease,
			DialerMetrics metrics) {
		this.jdbc = jdbc;
		this.runtime = runtime;
		this.notifications = notifications;
		this.lease = lease;
		this.metrics = metrics;
	}

	/**
	 * Writes the batch under {@code term} (nothing, {@link io.calltask.dialer.cluster.LeaseLostException},
	 * if the term is over); answers which starts took effect (false: the number was no longer ours,
	 * e.g. blacklisted meanwhile, and must not be dialed).
	 */
	@Transactional
	public boolean[] write(AttemptBatch batch, Term term, Instant now) {
		lease.fence(term); // first: a term that is over writes nothing
		String nodeId = term.nodeId();
		boolean[] started = new boolean[batch.starts.size()];
		// Counted afresh on every attempt: a batch whose write failed goes again unchanged.
		Map<TaskLine, Counts> stats = new java.util.TreeMap<>(TASK_LINE_ORDER);
		batch.stats.forEach((k, c) -> stats.put(k, c.copy()));
		if (!batch.starts.isEmpty()) {
			// Number rows are locked in id order, as the blacklist locks them: no deadlock between the two.
			Integer[] order = new Integer[batch.starts.size()];
			for (int i = 0; i < order.length; i++) {
				order[i] = i;
			}
			java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> batch.starts.get(i).numberId()));
			List<Object[]> marks = new ArrayList<>();
			for (int i : order) {
				Start s = batch.starts.get(i);
				marks.add(new Object[] { s.callId(), at(now), s.numberId(), nodeId });
			}
			// By primary key only. "IS NOT DISTINCT FROM" is the same test as "=" here (neither side is null),
			// but it neither matches an index nor proves the partial index task_number_held's predicate, so
			// PostgreSQL's generic plan cannot pick that index (every number this node holds) over the key.
			// It did, from statistics taken while nothing was claimed: each update then scanned every held
			// number (thousands at 500 calls a second) and pacing collapsed (docs/BENCHMARKS.md).
			int[] counts = jdbc.batchUpdate("UPDATE task_number SET status = 'calling', attempts = attempts + 1, "
					+ "callid = ?, updated_at = ? WHERE id = ? AND status IS NOT DISTINCT FROM 'claimed' "
					+ "AND claimed_by IS NOT DISTINCT FROM ?", marks);
			List<Object[]> records = new ArrayList<>();
			for (int k = 0; k < counts.length; k++) {
				int i = order[k];
				Start s = batch.starts.get(i);
				started[i] = counts[k] != 0; // SUCCESS_NO_INFO (-2) is a success
				if (started[i]) {
					records.add(new Object[] { s.callId(), s.taskId(), s.numberId(), s.phone(), s.lineId(), s.attempt(),
							nodeId, at(s.at()) });
					Counts c = counts(stats, s.taskId(), s.lineId());
					c.dialed++;
					c.calling++;
				}
			}
			if (!records.isEmpty()) {
				Map<UUID, Integer> byLine = new java.util.HashMap<>();
				records.forEach(r -> byLine.merge((UUID) r[4], 1, Integer::sum));
				afterCommit(() -> byLine.forEach(metrics::started));
				jdbc.batchUpdate("INSERT INTO call_record (callid, task_id, number_id, phone, line_id, attempt, node_id, "
						+ "start_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)", records);
				Map<Long, Long> added = new java.util.TreeMap<>();
				records.forEach(r -> added.merge((Long) r[1], 1L, Long::sum));
				List<Object[]> totals = new ArrayList<>(added.size());
				added.forEach((taskId, n) -> totals.add(new Object[] { n, taskId }));
				addToTotals(ADD_TO_RECORD_TOTAL, CREATE_RECORD_TOTAL, totals);
			}
		}
		if (!batch.answers.isEmpty()) {
			List<Object[]> rows = new ArrayList<>();
			for (Answer a : batch.answers) {
				rows.add(new Object[] { at(a.at()), a.callId() });
			}
			int[] counts = jdbc.batchUpdate("UPDATE call_record SET answer_at = ? WHERE callid = ? AND answer_at IS NULL "
					+ "AND end_at IS NULL", rows);
			for (int i = 0; i < counts.length; i++) {
				if (counts[i] != 0) {
					Counts c = counts(stats, batch.answers.get(i).taskId(), batch.answers.get(i).lineId());
					c.answered++;
					c.answering++;
				}
			}
		}
		if (!batch.finishes.isEmpty()) {
			List<Object[]> records = new ArrayList<>();
			for (Finish f : batch.finishes) {
				records.add(new Object[] { ts(f.answeredAt()), at(f.endAt()), f.durationSeconds(),
						(int) (f.billMillis() / 1000), f.billMillis(), f.hangupCause(), f.outcome().word(), f.status(),
						text(f.intention()), text(f.recordingUrl()), f.callId() });
			}
			// Only a call still open is closed and counted: an ending reported twice (or by two nodes) counts once.
			int[] closed = jdbc.batchUpdate("UPDATE call_record SET answer_at = COALESCE(answer_at, ?), end_at = ?, "
					+ "duration = ?, billsec = ?, bill_ms = ?, hangup_cause = ?, outcome = ?, status = ?, "
					+ "intention = ?, recording_url = ? WHERE callid = ? AND end_at IS NULL", records);
			List<Finish> ended = new ArrayList<>();
			for (int i = 0; i < closed.length; i++) {
				if (closed[i] != 0) {
					ended.add(batch.finishes.get(i));
				}
			}
			// Each task's count per outcome, in (task id, outcome) order: the call list's filtered totals.
			Map<Long, Map<String, Long>> outcomes = new java.util.TreeMap<>();
			ended.forEach(f -> outcomes.computeIfAbsent(f.taskId(), k -> new java.util.TreeMap<>())
				.merge(f.outcome().word(), 1L, Long::sum));
			List<Object[]> totals = new ArrayList<>();
			outcomes.forEach((taskId, byOutcome) -> byOutcome
				.forEach((outcome, n) -> totals.add(new Object[] { n, taskId, outcome })));
			addToTotals(ADD_TO_OUTCOME_TOTAL, CREATE_OUTCOME_TOTAL, totals);
			Map<String, Integer> byOutcome = new java.util.HashMap<>();
			ended.forEach(f -> byOutcome.merge(f.outcome().word(), 1, Integer::sum));
			afterCommit(() -> byOutcome.forEach(metrics::finished));
			ended.sort(java.util.Comparator.comparingLong(Finish::numberId));
			List<Object[]> numbers = new ArrayList<>();
			Map<Long, UUID> users = new LinkedHashMap<>();
			for (Finish f : ended) {
				boolean answered = f.answeredAt() != null;
				numbers.add(new Object[] { f.numberStatus(), answered, answered, f.hangupCause(), f.status(),
						ts(f.nextAttemptAt()), at(now), f.numberId(), f.callId() });
				users.putIfAbsent(f.taskId(), f.userId());
				Counts c = counts(stats, f.taskId(), f.lineId());
				c.calling--;
				if (f.answerCounted()) {
					c.answering--;
				}
				else if (answered) {
					c.answered++; // answered without an answer event before: counted now
				}
				if (f.outcome() == CallOutcome.GATEWAY_ERROR) {
					c.gatewayErrors++;
				}
				else {
					c.normalHangups++;
				}
				c.bill += f.billMillis();
			}
			Map<Long, NumberEnds> finished = new java.util.TreeMap<>();
			if (!numbers.isEmpty()) {
				int[] updated = jdbc.batchUpdate("UPDATE task_number SET status = CASE WHEN ? = 'pending' THEN 'pending' "
						+ "WHEN answered OR ? THEN 'called' ELSE 'failed' END, answered = answered OR ?, last_hangup_cause = ?, "
						+ "last_call_status = ?, next_attempt_at = ?, claimed_by = NULL, callid = NULL, updated_at = ? "
						+ "WHERE id = ? AND callid = ?", numbers);
				countEnds(ended, updated, finished);
			}
			filterBlacklistedRedials(ended, finished);
			// task_runtime rows in task id order, as the blacklist locks them.
			finished.forEach((taskId, e) -> runtime.addNumbers(taskId, users.get(taskId),
					new NumberMoves(-(e.called + e.failed + e.filtered), e.called, e.failed, e.filtered)));
			// The webhooks' call.finished events, stored with the records they report.
			if (!ended.isEmpty()) {
				notifications.callsFinished(ended.stream().map(Finish::callId).toList());
			}
		}
		if (!stats.isEmpty()) {
			List<LineStatsDelta> deltas = new ArrayList<>(stats.size());
			stats.forEach((k, c) -> deltas.add(new LineStatsDelta(k.taskId(), k.lineId(), new LineCounters(c.callStatus,
					c.dialed, c.answered, c.gatewayErrors, c.normalHangups, c.bill, c.calling, c.answering))));
			runtime.addLineStats(deltas);
		}
		if (!batch.states.isEmpty()) {
			// The latest state of each task, in task id order.
			Map<Long, TaskRuntime.RuntimeState> latest = new java.util.TreeMap<>();
			batch.states.forEach(st -> latest.put(st.taskId(), st));
			runtime.recordStates(latest.values());
		}
		return started;
	}

	private static final String ADD_TO_RECORD_TOTAL = "UPDATE call_record_total SET total = total + ? WHERE task_id = ?";

	private static final String CREATE_RECORD_TOTAL = "INSERT INTO call_record_total (task_id, total) VALUES (?, 0) "
			+ "ON CONFLICT DO NOTHING";

	private static final String ADD_TO_OUTCOME_TOTAL = "UPDATE call_outcome_total SET total = total + ? "
			+ "WHERE task_id = ? AND outcome = ?";

	private static final String CREATE_OUTCOME_TOTAL = "INSERT INTO call_outcome_total (task_id, outcome, total) "
			+ "VALUES (?, ?, 0) ON CONFLICT DO NOTHING";

	/**
	 * Adds to the call list's totals ({@code call_record_total}, {@code call_outcome_total}): each
	 * row is the count to add, then the row's key as {@code create} takes it, in key order. A key's
	 * first count creates its row.
	 */
	private void addToTotals(String add, String create, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		int[] counts = jdbc.batchUpdate(add, rows);
		for (int i = 0; i < counts.length; i++) {
			if (counts[i] == 0) {
				Object[] row = rows.get(i);
				jdbc.update(create, java.util.Arrays.copyOfRange(row, 1, row.length));
				jdbc.update(add, row);
			}
		}
	}

	private static Counts counts(Map<TaskLine, Counts> stats, long taskId, UUID lineId) {
		return stats.computeIfAbsent(new TaskLine(taskId, lineId), k -> new Counts());
	}

	/**
	 * A number blacklisted while its call was in progress (the blacklist leaves calling numbers
	 * alone) is not redialed: it ends filtered, like every blacklisted number.
	 */
	private void filterBlacklistedRedials(List<Finish> finishes, Map<Long, NumberEnds> finished) {
		List<Long> redials = new ArrayList<>();
		for (Finish f : finishes) {
			if ("pending".equals(f.numberStatus())) {
				redials.add(f.numberId());
			}
		}
		if (redials.isEmpty()) {
			return;
		}
		String marks = String.join(", ", java.util.Collections.nCopies(redials.size(), "?"));
		List<long[]> hits = jdbc.query("SELECT n.id, n.task_id FROM task_number n WHERE n.id IN (" + marks + ") "
				+ "AND n.status = 'pending' AND EXISTS (SELECT 1 FROM blacklist b WHERE b.user_id = n.user_id "
				+ "AND b.phone = n.phone) ORDER BY n.id", (rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) },
				redials.toArray());
		for (long[] hit : hits) {
			// next_attempt_at is kept: taken off the blacklist, the number is a due redial again.
			jdbc.update("UPDATE task_number SET status = 'filtered', last_call_status = ? WHERE id = ?",
					CallStatusCode.BLACKLISTED, hit[0]);
			finished.computeIfAbsent(hit[1], k -> new NumberEnds()).filtered++;
		}
	}

	/** How many of one task's numbers ended in this batch, per final status. */
	private static final class NumberEnds {

		long called;

		long failed;

		long filtered;

	}

	/**
	 * Of the numbers this batch finished (not back to pending, their update applied), how many are
	 * now {@code called} and how many {@code failed}: the database decides, from every attempt's
	 * answer ({@code answered OR ?}), so it is read back by primary key.
	 */
	private void countEnds(List<Finish> ended, int[] updated, Map<Long, NumberEnds> finished) {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < updated.length; i++) {
			if (updated[i] != 0 && !"pending".equals(ended.get(i).numberStatus())) {
				ids.add(ended.get(i).numberId());
			}
		}
		if (ids.isEmpty()) {
			return;
		}
		String marks = String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
		jdbc.query("SELECT task_id, status, count(*) FROM task_number WHERE id IN (" + marks + ") "
				+ "AND status IN ('called', 'failed') GROUP BY task_id, status", rs -> {
					NumberEnds e = finished.computeIfAbsent(rs.getLong(1), k -> new NumberEnds());
					if ("called".equals(rs.getString(2))) {
						e.called += rs.getLong(3);
					}
					else {
						e.failed += rs.getLong(3);
					}
				}, ids.toArray());
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

	/** A text that may be null, typed so every driver takes a null. */
	private static SqlParameterValue text(String value) {
		return new SqlParameterValue(Types.VARCHAR, value);
	}

	private static SqlParameterValue ts(Instant instant) {
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, at(instant));
	}

}
