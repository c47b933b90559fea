package io.calltask.dialer.number;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.calltask.api.PageRequest;
import io.calltask.api.StreamedReads;
import io.calltask.contact.CalleePhones;

/**
 * The {@code task_number} table: imports, the number list, and the status changes the blacklist
 * makes. Also the per-user lock that orders imports against blacklist changes (see
 * {@link #lockUserShared}).
 */
@Repository
public class NumberRepository {

	/** Every stored status. */
	private static final List<String> STORED = List.of("pending", "claimed", "calling", "called", "failed", "filtered");

	/** Stored statuses a list filter word stands for: {@code claimed} is shown as {@code pending}. */
	public static List<String> storedStatuses(String shown) {
		return shown.equals("pending") ? List.of("pending", "claimed") : List.of(shown);
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final boolean postgres;

	private final StreamedReads streamed;

	private final CalleePhones phones;

	NumberRepository(JdbcClient jdbc, JdbcTemplate template, StreamedReads streamed, CalleePhones phones) {
		this.phones = phones;
		this.jdbc = jdbc;
		this.template = template;
		this.streamed = streamed;
		this.postgres = template.execute((ConnectionCallback<Boolean>) con -> con.getMetaData()
			.getDatabaseProductName()
			.toLowerCase(Locale.ROOT)
			.contains("postgres"));
	}

	/** The batch writer of one import, on the current transaction's connection. */
	/** {@code randomOrder}: the task dials in random order (pop_mode 0), so numbers get a random key. */
	public NumberInsert insert(long taskId, UUID userId, OffsetDateTime now, boolean randomOrder) {
		return postgres ? new NumberInsert.Postgres(template, taskId, userId, now, randomOrder, phones::e164)
				: new NumberInsert.Portable(template, taskId, userId, now, randomOrder, phones::e164);
	}

	/** Creates the user's lock row if missing; run outside (before) the transaction that takes it. */
	public void ensureUserLock(UUID userId) {
		jdbc.sql("INSERT INTO number_user_lock (user_id) VALUES (?) ON CONFLICT DO NOTHING").param(userId).update();
	}

	/**
	 * Imports of a user hold this (shared on PostgreSQL: imports run side by side); blacklist
	 * changes hold it exclusively. So an import either sees a blacklist change completely or
	 * commits before it starts, and the change then sees the imported numbers: a number imported
	 * while its phone is being blacklisted is filtered either way.
	 */
	public void lockUserShared(UUID userId) {
		jdbc.sql("SELECT user_id FROM number_user_lock WHERE user_id = ? " + (postgres ? "FOR SHARE" : "FOR UPDATE"))
			.param(userId)
			.query(UUID.class)
			.list();
	}

	public void lockUserExclusive(UUID userId) {
		jdbc.sql("SELECT user_id FROM number_user_lock WHERE user_id = ? FOR UPDATE").param(userId).query(UUID.class).list();
	}

	/**
	 * {@link #lockUserExclusive} if nobody holds the lock (no import or blacklist change of the user is
	 * under way), without waiting: whether it was taken. For the engine, which must not wait for an import.
	 */
	public boolean tryLockUserExclusive(UUID userId) {
		return !jdbc.sql("SELECT user_id FROM number_user_lock WHERE user_id = ? FOR UPDATE SKIP LOCKED")
			.param(userId)
			.query(UUID.class)
			.list()
			.isEmpty();
	}

	/** Creates the task's number total if missing; run outside (before) the import's transaction. */
	public void ensureTotal(long taskId) {
		jdbc.sql("INSERT INTO task_number_total (task_id, total) VALUES (?, 0) ON CONFLICT DO NOTHING").param(taskId).update();
	}

	/**
	 * Adds an import's stored numbers to the task's total, in the import's transaction (numbers are
	 * never deleted, so imports are the only change). Imports into one task wait here for each other
	 * from this update to their commit.
	 */
	public void addToTotal(long taskId, long stored) {
		if (stored > 0) {
			jdbc.sql("UPDATE task_number_total SET total = total + ? WHERE task_id = ?").params(stored, taskId).update();
		}
	}

	/**
	 * The task's numbers in these stored statuses, or all of them ({@code statuses} null): the
	 * latter from the task's total, the former counted.
	 */
	public long count(long taskId, List<String> statuses) {
		if (statuses == null) {
			return jdbc.sql("SELECT total FROM task_number_total WHERE task_id = ?")
				.param(taskId)
				.query(Long.class)
				.optional()
				.orElse(0L);
		}
		return jdbc.sql("SELECT count(*) FROM task_number WHERE task_id = :task AND status IN (:statuses)")
			.param("task", taskId)
			.param("statuses", statuses)
			.query(Long.class)
			.single();
	}

	/**
	 * A page in import order: per stored status, the first offset + per_page numbers in id order
	 * from {@code task_number_by_status (task_id, status, id)}, then those merged. No status reads
	 * more than the page needs, and no index on (task_id, id) is needed (every index on
	 * task_number slows imports).
	 */
	public List<NumberRow> page(long taskId, List<String> statuses, PageRequest page) {
		List<String> branches = statuses == null ? STORED : statuses;
		StringBuilder sql = new StringBuilder("SELECT " + NUMBER_COLUMNS + " FROM (");
		for (int i = 0; i < branches.size(); i++) {
			sql.append(i == 0 ? "" : " UNION ALL ")
				.append("(SELECT ").append(NUMBER_COLUMNS).append(" FROM task_number WHERE task_id = :task AND status = :s")
				.append(i)
				.append(" ORDER BY id LIMIT :upto)");
		}
		sql.append(") n ORDER BY id LIMIT :limit OFFSET :offset");
		JdbcClient.StatementSpec spec = jdbc.sql(sql.toString())
			.param("task", taskId)
			.param("upto", page.offset() + page.perPage())
			.param("limit", page.perPage())
			.param("offset", page.offset());
		for (int i = 0; i < branches.size(); i++) {
			spec = spec.param("s" + i, branches.get(i));
		}
		return spec.query(NumberRepository::row).list();
	}

	/** Numbers of the user with these phones in these stored statuses, in every task: (id, task). */
	public List<NumberRef> byUserPhones(UUID userId, Collection<String> phones, List<String> statuses) {
		List<NumberRef> found = new ArrayList<>();
		inChunks(new ArrayList<>(phones), chunk -> found.addAll(jdbc
			.sql("SELECT id, task_id FROM task_number WHERE user_id = :user AND phone IN (:phones) "
					+ "AND status IN (:statuses)")
			.param("user", userId)
			.param("phones", chunk)
			.param("statuses", statuses)
			.query((rs, n) -> new NumberRef(rs.getLong(1), rs.getLong(2)))
			.list()));
		return found;
	}

	/** These numbers' tasks, users and phones (those that exist), in id order. */
	public List<NumberPhone> phonesOf(List<Long> ids) {
		List<NumberPhone> found = new ArrayList<>();
		inChunks(ids, chunk -> found.addAll(jdbc
			.sql("SELECT id, task_id, user_id, phone FROM task_number WHERE id IN (:ids) ORDER BY id")
			.param("ids", chunk)
			.query((rs, n) -> new NumberPhone(rs.getLong(1), rs.getLong(2), rs.getObject(3, UUID.class), rs.getString(4)))
			.list()));
		return found;
	}

	/**
	 * Locks these numbers in id order (the order every writer of numbers locks them in) and keeps
	 * those still in {@code statuses}; {@code ids} must be ascending.
	 */
	public List<NumberRef> lockInStatus(List<Long> ids, List<String> statuses) {
		List<NumberRef> locked = new ArrayList<>();
		inChunks(ids, chunk -> locked.addAll(jdbc
			.sql("SELECT id, task_id FROM task_number WHERE id IN (:ids) AND status IN (:statuses) ORDER BY id FOR UPDATE")
			.param("ids", chunk)
			.param("statuses", statuses)
			.query((rs, n) -> new NumberRef(rs.getLong(1), rs.getLong(2)))
			.list()));
		return locked;
	}

	/** Locked numbers become {@code filtered}: never dialed, out of any node's batch. */
	public void filter(List<Long> ids, OffsetDateTime now) {
		inChunks(ids, chunk -> jdbc
			.sql("UPDATE task_number SET status = 'filtered', last_call_status = 11, claimed_by = NULL, "
					+ "callid = NULL, updated_at = :now WHERE id IN (:ids)")
			.param("now", now)
			.param("ids", chunk)
			.update());
	}

	/** Locked {@code filtered} numbers become {@code pending} again. */
	public void restore(List<Long> ids, OffsetDateTime now) {
		inChunks(ids, chunk -> jdbc
			.sql("UPDATE task_number SET status = 'pending', last_call_status = NULL, updated_at = :now WHERE id IN (:ids)")
			.param("now", now)
			.param("ids", chunk)
			.update());
	}

	/** Runs {@code work} on 1,000 items at a time: a statement's IN list stays bounded. */
	private static <T> void inChunks(List<T> items, java.util.function.Consumer<List<T>> work) {
		for (int from = 0; from < items.size(); from += 1000) {
			work.accept(items.subList(from, Math.min(items.size(), from + 1000)));
		}
	}

	/** A number as the list shows it. */
	/** Every number of the task in these stored statuses (null: all), in import order, read as handed on. */
	public void forEach(long taskId, List<String> statuses, Consumer<NumberRow> each) {
		stream(NUMBER_COLUMNS, taskId, statuses, " ORDER BY id", rs -> each.accept(row(rs, 0)));
	}

	/** The columns {@link #row} reads, in its order. */
	private static final String NUMBER_COLUMNS = "id, phone, status, attempts, last_hangup_cause, next_attempt_at, "
			+ "variables, created_at, blocked_reason";

	private static NumberRow row(ResultSet rs, int n) throws SQLException {
		return new NumberRow(rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
				rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getObject(8, OffsetDateTime.class), rs.getString(9));
	}

	/** The variables (stored JSON, never null) of the task's numbers in these statuses, read as handed on. */
	public void forEachVariables(long taskId, List<String> statuses, Consumer<String> each) {
		stream("variables", taskId, statuses, " AND variables IS NOT NULL", rs -> each.accept(rs.getString(1)));
	}

	private void stream(String columns, long taskId, List<String> statuses, String tail, RowCallbackHandler each) {
		String sql = "SELECT " + columns + " FROM task_number WHERE task_id = :task"
				+ (statuses == null ? "" : " AND status IN (:statuses)") + tail;
		streamed.read(streaming -> {
			JdbcClient.StatementSpec spec = streaming.sql(sql).param("task", taskId);
			if (statuses != null) {
				spec = spec.param("statuses", statuses);
			}
			spec.query(each);
		});
	}

	public record NumberRow(String phone, String status, int attempts, String lastHangupCause,
			OffsetDateTime nextAttemptAt, String variables, OffsetDateTime createdAt, String blockedReason) {

		/**
		 * Why the contact policy holds the number back, while it does (pending, until
		 * {@code next_attempt_at}); null otherwise.
		 */
		public String blockedReasonAt(java.time.Instant now) {
			return blockedReason != null && status.equals("pending") && nextAttemptAt != null
					&& nextAttemptAt.toInstant().isAfter(now) ? blockedReason : null;
		}

	}

	/** A number's id and its task's. */
	public record NumberRef(long id, long taskId) {
	}

	/** A number's id, its task's and user's, and its phone as imported. */
	public record NumberPhone(long id, long taskId, UUID userId, String phone) {
	}

}
