package io.calltask.dialer.callrecord;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Repository;

/**
 * The engine's writes of call records and of the call list's totals ({@code call_record_total},
 * {@code call_outcome_total}), in the caller's transaction; totals in key order (task id, outcome).
 */
@Repository
public class CallRecordWrites {

	/** A call about to be placed: its record opens. */
	public record Opened(UUID callId, long taskId, long numberId, String phone, UUID lineId, int attempt,
			String nodeId, Instant startAt) {
	}

	/** A call's end, for the record of {@code callId}. */
	public record Closed(UUID callId, long taskId, CallEnd end) {
	}

	private final JdbcTemplate jdbc;

	CallRecordWrites(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Opens the records, in the order given (the list's order), and adds them to their tasks' totals. */
	public void open(List<Opened> calls) {
		if (calls.isEmpty()) {
			return;
		}
		List<Object[]> rows = new ArrayList<>(calls.size());
		Map<Long, Long> added = new TreeMap<>();
		for (Opened c : calls) {
			rows.add(new Object[] { c.callId(), c.taskId(), c.numberId(), c.phone(), c.lineId(), c.attempt(), c.nodeId(),
					at(c.startAt()) });
			added.merge(c.taskId(), 1L, Long::sum);
		}
		jdbc.batchUpdate("INSERT INTO call_record (callid, task_id, number_id, phone, line_id, attempt, node_id, "
				+ "start_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)", rows);
		List<Object[]> totals = new ArrayList<>(added.size());
		added.forEach((taskId, n) -> totals.add(new Object[] { n, taskId }));
		addToTotals(ADD_TO_RECORD_TOTAL, CREATE_RECORD_TOTAL, totals);
	}

	/** Marks calls answered; answers which took (a call answered or closed before is left as it is). */
	public boolean[] answer(List<UUID> callIds, List<Instant> at) {
		List<Object[]> rows = new ArrayList<>(callIds.size());
		for (int i = 0; i < callIds.size(); i++) {
			rows.add(new Object[] { at(at.get(i)), callIds.get(i) });
		}
		return took(jdbc.batchUpdate("UPDATE call_record SET answer_at = ? WHERE callid = ? AND answer_at IS NULL "
				+ "AND end_at IS NULL", rows));
	}

	/**
	 * Closes the records of calls still open and adds them to their tasks' totals per outcome; answers
	 * which closed. An ending reported twice (or by two nodes) closes and counts once.
	 */
	public boolean[] close(List<Closed> calls) {
		if (calls.isEmpty()) {
			return new boolean[0];
		}
		List<Object[]> rows = new ArrayList<>(calls.size());
		for (Closed c : calls) {
			CallEnd e = c.end();
			rows.add(new Object[] { ts(e.answeredAt()), at(e.endAt()), e.durationSeconds(), (int) (e.billMillis() / 1000),
					e.billMillis(), e.hangupCause(), e.outcome().word(), e.status(), text(e.intention()),
					text(e.recordingUrl()), e.bridge().result().word(), bigint(e.bridge().seatId()),
					text(e.bridge().seatName()), bigint(e.bridge().waitMs()), e.bridge().billsec(), ts(e.bridge().bridgedAt()), c.callId() });
		}
		boolean[] closed = took(jdbc.batchUpdate("UPDATE call_record SET answer_at = COALESCE(answer_at, ?), end_at = ?, "
				+ "duration = ?, billsec = ?, bill_ms = ?, hangup_cause = ?, outcome = ?, status = ?, "
				+ "intention = ?, recording_url = ?, bridge_result = ?, bridge_seat_id = ?, bridge_seat_name = ?, "
				+ "bridge_wait_ms = ?, bridge_billsec = ?, bridge_start_at = ? WHERE callid = ? AND end_at IS NULL", rows));
		// Each task's count per outcome, in (task id, outcome) order: the call list's filtered totals.
		Map<Long, Map<String, Long>> outcomes = new TreeMap<>();
		for (int i = 0; i < closed.length; i++) {
			if (closed[i]) {
				outcomes.computeIfAbsent(calls.get(i).taskId(), k -> new TreeMap<>())
					.merge(calls.get(i).end().outcome().word(), 1L, Long::sum);
			}
		}
		List<Object[]> totals = new ArrayList<>();
		outcomes.forEach((taskId, byOutcome) -> byOutcome
			.forEach((outcome, n) -> totals.add(new Object[] { n, taskId, outcome })));
		addToTotals(ADD_TO_OUTCOME_TOTAL, CREATE_OUTCOME_TOTAL, totals);
		return closed;
	}

	private static final String ADD_TO_RECORD_TOTAL = "UPDATE call_record_total SET total = total + ? WHERE task_id = ?";

	private static final String CREATE_RECORD_TOTAL = "INSERT INTO call_record_total (task_id, total) VALUES (?, 0) "
			+ "ON CONFLICT DO NOTHING";

	private static final String ADD_TO_OUTCOME_TOTAL = "UPDATE call_outcome_total SET total = total + ? "
			+ "WHERE task_id = ? AND outcome = ?";

	private static final String CREATE_OUTCOME_TOTAL = "INSERT INTO call_outcome_total (task_id, outcome, total) "
			+ "VALUES (?, ?, 0) ON CONFLICT DO NOTHING";

	/**
	 * Adds to the call list's totals: each row is the count to add, then the row's key as
	 * {@code create} takes it, in key order. A key's first count creates its row.
	 */
	private void addToTotals(String add, String create, List<Object[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		int[] counts = jdbc.batchUpdate(add, rows);
		for (int i = 0; i < counts.length; i++) {
			if (counts[i] == 0) {
				Object[] row = rows.get(i);
				jdbc.update(create, Arrays.copyOfRange(row, 1, row.length));
				jdbc.update(add, row);
			}
		}
	}

	/** A batch's counts as which rows it changed (SUCCESS_NO_INFO, -2, is a change). */
	private static boolean[] took(int[] counts) {
		boolean[] took = new boolean[counts.length];
		for (int i = 0; i < counts.length; i++) {
			took[i] = counts[i] != 0;
		}
		return took;
	}

	private static OffsetDateTime at(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	/** A text that may be null, typed so every driver takes a null. */
	private static SqlParameterValue bigint(Long value) {
		return new SqlParameterValue(Types.BIGINT, value);
	}

	private static SqlParameterValue text(String value) {
		return new SqlParameterValue(Types.VARCHAR, value);
	}

	private static SqlParameterValue ts(Instant instant) {
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, at(instant));
	}

}
