package io.calltask.dialer.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

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

	/** Where to take numbers from: never-called ones, or redials that are due. */
	enum Source {
		FRESH, REDIAL
	}

	private final JdbcClient jdbc;

	NumberClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims up to {@code limit} numbers of the task in {@code popMode} order (0 random, 1 import
	 * order, 2 reverse), never-called ones first if {@code freshFirst}, due redials first otherwise.
	 */
	@Transactional
	public List<ClaimedNumber> claim(long taskId, int popMode, boolean freshFirst, int limit, String nodeId,
			Instant now) {
		List<ClaimedNumber> claimed = new ArrayList<>();
		Source first = freshFirst ? Source.FRESH : Source.REDIAL;
		Source second = freshFirst ? Source.REDIAL : Source.FRESH;
		claimed.addAll(select(taskId, first, popMode, limit, now));
		if (claimed.size() < limit) {
			claimed.addAll(select(taskId, second, popMode, limit - claimed.size(), now));
		}
		if (!claimed.isEmpty()) {
			List<Long> ids = claimed.stream().map(ClaimedNumber::id).toList();
			jdbc.sql("UPDATE task_number SET status = 'claimed', claimed_by = :node, updated_at = :now WHERE id IN (:ids)")
				.param("node", nodeId)
				.param("now", at(now))
				.param("ids", ids)
				.update();
		}
		return claimed;
	}

	private List<ClaimedNumber> select(long taskId, Source source, int popMode, int limit, Instant now) {
		String sql;
		if (source == Source.FRESH) {
			String order = switch (popMode) {
				case 0 -> "rnd";
				case 2 -> "id DESC";
				default -> "id";
			};
			sql = "SELECT id, phone, attempts, variables FROM task_number WHERE task_id = ? AND status = 'pending' "
					+ "AND attempts = 0 ORDER BY " + order + " LIMIT ? FOR UPDATE SKIP LOCKED";
			return jdbc.sql(sql).params(taskId, limit).query(NumberClaims::number).list();
		}
		sql = "SELECT id, phone, attempts, variables FROM task_number WHERE task_id = ? AND status = 'pending' "
				+ "AND attempts > 0 AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED";
		return jdbc.sql(sql).params(taskId, at(now), limit).query(NumberClaims::number).list();
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
				.sql("UPDATE task_number SET status = 'pending', claimed_by = NULL, updated_at = :now "
						+ "WHERE id IN (:ids) AND status = 'claimed' AND claimed_by = :node")
				.param("now", at(now))
				.param("ids", ids.subList(from, Math.min(ids.size(), from + 1000)))
				.param("node", nodeId)
				.update();
		}
		return released;
	}

	/** When the task's next redial falls due, if it has one waiting. */
	public Optional<Instant> nextRedial(long taskId) {
		return jdbc
			.sql("SELECT MIN(next_attempt_at) FROM task_number WHERE task_id = ? AND status = 'pending' AND attempts > 0")
			.param(taskId)
			.query((rs, n) -> {
				OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
				return Optional.ofNullable(t == null ? null : t.toInstant());
			})
			.single();
	}

	static OffsetDateTime at(Instant instant) {
		return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	static Instant instant(Timestamp t) {
		return t == null ? null : t.toInstant();
	}

}
