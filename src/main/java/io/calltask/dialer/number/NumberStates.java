package io.calltask.dialer.number;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import java.sql.Types;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Repository;

import io.calltask.dialer.callrecord.CallStatusCode;
import io.calltask.task.NumberMoves;

/**
 * The engine's moves of numbers between states, in the caller's transaction: a claimed number into
 * a call ({@code calling}), a number whose call ended to its next state (a redial, {@code called},
 * {@code failed}, or {@code filtered} if blacklisted meanwhile). Rows are locked in number id order,
 * as the blacklist locks them, so the two never deadlock.
 */
@Repository
public class NumberStates {

	/** A claimed number about to be dialed in call {@code callId}. */
	public record Dialing(UUID callId, long numberId) {
	}

	/**
	 * What becomes of a number whose call {@code callId} ended: {@code redialAt} non-null puts it back
	 * to pending for then; else it is done (called if any of its calls was answered, else failed).
	 */
	public record Ended(UUID callId, long numberId, boolean answered, String hangupCause, int callStatus,
			Instant redialAt) {

		boolean redial() {
			return redialAt != null;
		}

	}

	private final JdbcTemplate jdbc;

	NumberStates(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Moves claimed numbers into their calls, if {@code nodeId} still holds them (a number blacklisted
	 * or given back meanwhile is not ours to dial); answers, per number given, whether it moved.
	 */
	public boolean[] dial(List<Dialing> numbers, String nodeId, Instant now) {
		Integer[] order = byNumberId(numbers, Dialing::numberId);
		List<Object[]> rows = new ArrayList<>(numbers.size());
		for (int i : order) {
			rows.add(new Object[] { numbers.get(i).callId(), at(now), numbers.get(i).numberId(), nodeId });
		}
		// By primary key only. "IS NOT DISTINCT FROM" is the same test as "=" here (neither side is null),
		// but it neither matches an index nor proves the partial index task_number_held's predicate, so
		// PostgreSQL's generic plan cannot pick that index (every number this node holds) over the key.
		// It did, from statistics taken while nothing was claimed: each update then scanned every held
		// number (thousands at 500 calls a second) and pacing collapsed (docs/BENCHMARKS.md).
		int[] counts = jdbc.batchUpdate("UPDATE task_number SET status = 'calling', attempts = attempts + 1, "
				+ "callid = ?, updated_at = ? WHERE id = ? AND status IS NOT DISTINCT FROM 'claimed' "
				+ "AND claimed_by IS NOT DISTINCT FROM ?", rows);
		boolean[] moved = new boolean[numbers.size()];
		for (int k = 0; k < counts.length; k++) {
			moved[order[k]] = counts[k] != 0; // SUCCESS_NO_INFO (-2) is a success
		}
		return moved;
	}

	/**
	 * A number moved into call {@code callId} that the contact policy holds back after all: back to
	 * pending, as if never dialed, until {@code until}, with the rule that holds it ({@code reason}).
	 */
	public record Held(UUID callId, long numberId, Instant until, String reason) {
	}

	/** Takes back the starts of held numbers in this transaction ({@link Held}); in number id order. */
	public void hold(List<Held> numbers, Instant now) {
		if (numbers.isEmpty()) {
			return;
		}
		List<Held> sorted = new ArrayList<>(numbers);
		sorted.sort(Comparator.comparingLong(Held::numberId));
		List<Object[]> rows = new ArrayList<>(sorted.size());
		for (Held h : sorted) {
			rows.add(new Object[] { ts(h.until()), h.reason(), at(now), h.numberId(), h.callId() });
		}
		jdbc.batchUpdate("UPDATE task_number SET status = 'pending', attempts = attempts - 1, next_attempt_at = ?, "
				+ "blocked_reason = ?, claimed_by = NULL, callid = NULL, updated_at = ? WHERE id = ? AND callid = ?", rows);
	}

	/** The indexes of {@code items} in the order of their number ids: the order their rows are locked in. */
	public static <T> Integer[] byNumberId(List<T> items, java.util.function.ToLongFunction<T> numberId) {
		Integer[] order = new Integer[items.size()];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		java.util.Arrays.sort(order, Comparator.comparingLong(i -> numberId.applyAsLong(items.get(i))));
		return order;
	}

	/**
	 * Moves numbers whose calls ended to their next state; answers how each task's totals move
	 * (open numbers finished, and how many are now called, failed or filtered), in task id order.
	 */
	public Map<Long, NumberMoves> ended(List<Ended> numbers, Instant now) {
		if (numbers.isEmpty()) {
			return Map.of();
		}
		Map<Long, long[]> finished = new TreeMap<>(); // per task: called, failed, filtered
		List<Ended> sorted = new ArrayList<>(numbers);
		sorted.sort(Comparator.comparingLong(Ended::numberId));
		List<Object[]> rows = new ArrayList<>(sorted.size());
		for (Ended e : sorted) {
			String next = e.redial() ? "pending" : "done";
			rows.add(new Object[] { next, e.answered(), e.answered(), e.hangupCause(), e.callStatus(), ts(e.redialAt()),
					at(now), e.numberId(), e.callId() });
		}
		int[] updated = jdbc.batchUpdate("UPDATE task_number SET status = CASE WHEN ? = 'pending' THEN 'pending' "
				+ "WHEN answered OR ? THEN 'called' ELSE 'failed' END, answered = answered OR ?, last_hangup_cause = ?, "
				+ "last_call_status = ?, next_attempt_at = ?, claimed_by = NULL, callid = NULL, updated_at = ? "
				+ "WHERE id = ? AND callid = ?", rows);
		countDone(sorted, updated, finished);
		filterBlacklistedRedials(sorted, updated, finished);
		Map<Long, NumberMoves> moves = new TreeMap<>();
		finished.forEach((taskId, e) -> moves.put(taskId, new NumberMoves(-(e[0] + e[1] + e[2]), e[0], e[1], e[2])));
		return moves;
	}

	/**
	 * Of the numbers done (not back to pending, their update applied), how many are now
	 * {@code called} and how many {@code failed}: the database decides, from every attempt's answer
	 * ({@code answered OR ?}), so it is read back by primary key.
	 */
	private void countDone(List<Ended> sorted, int[] updated, Map<Long, long[]> finished) {
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < updated.length; i++) {
			if (updated[i] != 0 && !sorted.get(i).redial()) {
				ids.add(sorted.get(i).numberId());
			}
		}
		if (ids.isEmpty()) {
			return;
		}
		String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
		jdbc.query("SELECT task_id, status, count(*) FROM task_number WHERE id IN (" + marks + ") "
				+ "AND status IN ('called', 'failed') GROUP BY task_id, status", rs -> {
					long[] e = finished.computeIfAbsent(rs.getLong(1), k -> new long[3]);
					e["called".equals(rs.getString(2)) ? 0 : 1] += rs.getLong(3);
				}, ids.toArray());
	}

	/**
	 * A number blacklisted while its call was in progress (the blacklist leaves calling numbers
	 * alone) is not redialed: it ends filtered, like every blacklisted number. Its phone is matched as
	 * written against every spelling of the blacklisted persons ({@code blacklist_spelling}).
	 */
	private void filterBlacklistedRedials(List<Ended> sorted, int[] updated, Map<Long, long[]> finished) {
		List<Long> redials = new ArrayList<>();
		for (int i = 0; i < updated.length; i++) {
			if (sorted.get(i).redial()) {
				redials.add(sorted.get(i).numberId());
			}
		}
		if (redials.isEmpty()) {
			return;
		}
		String marks = String.join(", ", Collections.nCopies(redials.size(), "?"));
		List<long[]> hits = jdbc.query("SELECT n.id, n.task_id FROM task_number n WHERE n.id IN (" + marks + ") "
				+ "AND n.status = 'pending' AND EXISTS (SELECT 1 FROM blacklist_spelling b WHERE b.user_id = n.user_id "
				+ "AND b.phone = n.phone) ORDER BY n.id", (rs, i) -> new long[] { rs.getLong(1), rs.getLong(2) },
				redials.toArray());
		for (long[] hit : hits) {
			// next_attempt_at is kept: taken off the blacklist, the number is a due redial again.
			jdbc.update("UPDATE task_number SET status = 'filtered', last_call_status = ? WHERE id = ?",
					CallStatusCode.BLACKLISTED, hit[0]);
			finished.computeIfAbsent(hit[1], k -> new long[3])[2]++;
		}
	}

	private static OffsetDateTime at(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static SqlParameterValue ts(Instant instant) {
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE, at(instant));
	}

}
