package io.calltask.dialer.engine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.calltask.contact.ContactCounts;
import io.calltask.contact.ContactHold;
import io.calltask.dialer.cluster.DialerLease;
import io.calltask.dialer.cluster.Term;

/**
 * The engine's hold on numbers: claiming a batch of due numbers for a task (rows locked with
 * {@code SKIP LOCKED}, so nodes never claim the same number), giving batches back, and what is left
 * to claim later.
 */
@Repository
class NumberClaims {

	/** A number in the engine's batch; {@code attempts} counts calls placed before this one. */
	record ClaimedNumber(long id, String phone, int attempts, String variables) {
	}

	private final JdbcClient jdbc;

	private final DialerLease lease;

	private final ContactCounts contact;

	private final JdbcTemplate template;

	NumberClaims(JdbcClient jdbc, JdbcTemplate template, DialerLease lease, ContactCounts contact) {
		this.jdbc = jdbc;
		this.template = template;
		this.lease = lease;
		this.contact = contact;
	}

	/**
	 * Where a task's last claim of never-called numbers stopped, in its pop order's key ({@code id}
	 * or {@code rnd}). The next claim seeks past it, so numbers already dialed, whose index entries
	 * linger until vacuum, are never walked again: claiming stays as fast on the millionth number
	 * as on the first. {@code null}: start from the beginning.
	 */
	static final class Cursor {

		Long after;

		void reset() {
			after = null;
		}

	}

	/**
	 * Claims, under {@code term} (nothing if it is over), up to {@code limit} numbers of the task in
	 * {@code popMode} order (0 random, 1 import order, 2 reverse), never-called ones first if
	 * {@code freshFirst}, due redials (and numbers the contact policy held back, now due) first
	 * otherwise. Numbers of {@code userId} the contact policy holds back now stay pending until the
	 * hold ends ({@code next_attempt_at}, {@code blocked_reason}); they are not claimed again before.
	 */
	@Transactional
	public List<ClaimedNumber> claim(long taskId, UUID userId, int popMode, boolean freshFirst, int limit,
			Cursor cursor, Term term, Instant now) {
		lease.fence(term);
		String nodeId = term.nodeId();
		List<ClaimedNumber> claimed = new ArrayList<>();
		if (freshFirst) {
			claimed.addAll(fresh(taskId, popMode, limit, cursor));
			claimed.addAll(redials(taskId, limit - claimed.size(), now));
			claimed.addAll(heldDue(taskId, limit - claimed.size(), now));
		}
		else {
			claimed.addAll(redials(taskId, limit, now));
			claimed.addAll(heldDue(taskId, limit - claimed.size(), now));
			claimed.addAll(fresh(taskId, popMode, limit - claimed.size(), cursor));
		}
		claimed = withoutHeld(claimed, userId, now);
		if (!claimed.isEmpty()) {
			List<Long> ids = claimed.stream().map(ClaimedNumber::id).toList();
			jdbc.sql("UPDATE task_number SET status = 'claimed', claimed_by = :node, blocked_reason = NULL, "
					+ "updated_at = :now WHERE id IN (:ids)")
				.param("node", nodeId)
				.param("now", at(now))
				.param("ids", ids)
				.update();
		}
		return claimed;
	}

	/**
	 * The numbers the contact policy lets through now; the others stay pending, held until the
	 * instant every rule allows them (the exact count is taken when a call's start is written).
	 */
	private List<ClaimedNumber> withoutHeld(List<ClaimedNumber> numbers, UUID userId, Instant now) {
		if (numbers.isEmpty()) {
			return numbers;
		}
		ContactHold[] holds = contact.check(
				numbers.stream().map(n -> new ContactCounts.Callee(userId, n.phone())).toList(), now);
		List<ClaimedNumber> free = new ArrayList<>(numbers.size());
		List<Object[]> held = new ArrayList<>();
		for (int i = 0; i < holds.length; i++) {
			if (holds[i] == null) {
				free.add(numbers.get(i));
			}
			else {
				held.add(new Object[] { at(holds[i].until()), holds[i].reason(), at(now), numbers.get(i).id() });
			}
		}
		if (!held.isEmpty()) {
			template.batchUpdate("UPDATE task_number SET next_attempt_at = ?, blocked_reason = ?, updated_at = ? "
					+ "WHERE id = ?", held);
		}
		return free;
	}

	/** Numbers the contact policy held back before they were ever called, whose hold has ended. */
	private List<ClaimedNumber> heldDue(long taskId, int limit, Instant now) {
		if (limit <= 0) {
			return List.of();
		}
		return jdbc.sql("SELECT id, phone, attempts, variables FROM task_number WHERE task_id = ? AND status = 'pending' "
				+ "AND attempts = 0 AND blocked_reason IS NOT NULL AND next_attempt_at <= ? ORDER BY next_attempt_at "
				+ "LIMIT ? FOR UPDATE SKIP LOCKED")
			.params(taskId, at(now), limit)
			.query(NumberClaims::number)
			.list();
	}

	/** Never-called numbers from the cursor on; from the beginning up to it when the end is reached. */
	private List<ClaimedNumber> fresh(long taskId, int popMode, int limit, Cursor cursor) {
		if (limit <= 0) {
			return List.of();
		}
		String key = popMode == 0 ? "rnd" : "id";
		boolean descending = popMode == 2;
		String select = "SELECT id, phone, attempts, variables, " + key + " FROM task_number WHERE task_id = ? "
				+ "AND status = 'pending' AND attempts = 0 AND blocked_reason IS NULL ";
		String order = " ORDER BY " + key + (descending ? " DESC" : "") + " LIMIT ? FOR UPDATE SKIP LOCKED";
		List<Object[]> rows = new ArrayList<>();
		if (popMode == 0) {
			select += "AND rnd IS NOT NULL ";
		}
		Long start = cursor.after;
		if (start == null) {
			rows.addAll(jdbc.sql(select + order).params(taskId, limit).query(NumberClaims::keyed).list());
		}
		else {
			String past = descending ? "AND " + key + " < ?" : "AND " + key + " > ?";
			rows.addAll(jdbc.sql(select + past + order).params(taskId, start, limit).query(NumberClaims::keyed).list());
			if (rows.size() < limit) {
				// The end of the order: wrap to what lies before the cursor (numbers given back, imports in between).
				String before = descending ? "AND " + key + " >= ?" : "AND " + key + " <= ?";
				rows.addAll(jdbc.sql(select + before + order)
					.params(taskId, start, limit - rows.size())
					.query(NumberClaims::keyed)
					.list());
			}
		}
		if (popMode == 0 && rows.size() < limit && giveRandomKeys(taskId) > 0) {
			// Numbers imported before the task dialed in random order: keyed now, claimed next time.
			cursor.after = null;
		}
		List<ClaimedNumber> numbers = new ArrayList<>(rows.size());
		for (Object[] row : rows) {
			numbers.add((ClaimedNumber) row[0]);
		}
		cursor.after = rows.isEmpty() ? null : (Long) rows.get(rows.size() - 1)[1];
		return numbers;
	}

	/**
	 * Gives the task's never-called numbers without a random-order key one (a scramble of their id,
	 * the same on every database); answers how many.
	 */
	private int giveRandomKeys(long taskId) {
		return jdbc.sql("UPDATE task_number SET rnd = CAST(MOD(CAST(MOD(id, 2147483647) AS BIGINT) * 506952114, 2147483647) AS INTEGER) "
				+ "WHERE task_id = ? AND status = 'pending' AND attempts = 0 AND rnd IS NULL")
			.param(taskId)
			.update();
	}

	private static Object[] keyed(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Object[] { number(rs, n), rs.getLong(5) };
	}

	private List<ClaimedNumber> redials(long taskId, int limit, Instant now) {
		if (limit <= 0) {
			return List.of();
		}
		return jdbc.sql("SELECT id, phone, attempts, variables FROM task_number WHERE task_id = ? AND status = 'pending' "
				+ "AND attempts > 0 AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED")
			.params(taskId, at(now), limit)
			.query(NumberClaims::number)
			.list();
	}

	private static ClaimedNumber number(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new ClaimedNumber(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4));
	}

	/** Gives claimed numbers back to the queue (a task paused, closed its window, or was deleted). */
	@Transactional
	public int release(List<Long> ids, String nodeId, Instant now) {
		int released = 0;
		for (int from = 0; from < ids.size(); from += 1000) {
			released += jdbc
				// By key only, for the reason in AttemptLog.write.
				.sql("UPDATE task_number SET status = 'pending', claimed_by = NULL, updated_at = :now WHERE id IN (:ids) "
						+ "AND status IS NOT DISTINCT FROM 'claimed' AND claimed_by IS NOT DISTINCT FROM :node")
				.param("now", at(now))
				.param("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
				.param("node", nodeId)
				.update();
		}
		return released;
	}

	static OffsetDateTime at(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
