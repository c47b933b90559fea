package io.calltask.notify.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code notify_event} table: events stored with what they report, the due ones a dispatcher
 * leases and sends, each attempt's result, and the delivery log.
 */
@Repository
class EventStore {

	/** An event to store: {@code body} is the JSON sent on every attempt. */
	record NewEvent(UUID id, long taskId, UUID agentId, String type, String url, String body, boolean failStop,
			Instant createdAt) {
	}

	/** An event due for an attempt. */
	record Due(UUID id, long taskId, UUID agentId, String type, String url, String body, boolean failStop,
			int attempts, String receiver) {
	}

	/** One event as the delivery log shows it. */
	record Logged(UUID id, String type, String status, int attempts, Integer lastStatusCode, String lastError,
			Instant createdAt, Instant nextAttemptAt, Instant deliveredAt) {
	}

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	EventStore(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	private static final String INSERT = "INSERT INTO notify_event (id, task_id, agent_id, type, url, receiver, body, "
			+ "fail_stop, status, attempts, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)";

	/** Joins the caller's transaction: due at once. */
	void insert(NewEvent e) {
		jdbc.sql(INSERT).params(row(e)).update();
	}

	/** The same for several, in one batch. */
	void insertAll(List<NewEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		List<Object[]> rows = new ArrayList<>(events.size());
		Map<String, String> receivers = new HashMap<>(); // a batch's events go to few URLs: each parsed once
		events.forEach(e -> rows.add(row(e, receivers.computeIfAbsent(e.url(), EventStore::receiver))));
		template.batchUpdate(INSERT, rows);
	}

	private static Object[] row(NewEvent e) {
		return row(e, receiver(e.url()));
	}

	private static Object[] row(NewEvent e, String receiver) {
		OffsetDateTime created = at(e.createdAt());
		return new Object[] { e.id(), e.taskId(), e.agentId(), e.type(), e.url(), receiver, e.body(), e.failStop(),
				created, created };
	}

	/** The receiver an event goes to: its URL's {@code host:port}, lower case. */
	static String receiver(String url) {
		try {
			java.net.URI uri = java.net.URI.create(url);
			String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
			int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
			String receiver = host + ":" + port;
			return receiver.length() <= 300 ? receiver : receiver.substring(0, 300);
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
	}

	/**
	 * A receiver answered again after failures: its events waiting for a later attempt are due now,
	 * rather than each at the end of its own back-off. Answers how many.
	 */
	int dueNowFor(String receiver, Instant now) {
		return jdbc.sql("UPDATE notify_event SET next_attempt_at = ? WHERE receiver = ? AND status = 'pending' "
				+ "AND next_attempt_at > ?")
			.params(at(now), receiver, at(now))
			.update();
	}

	private static final String DUE = "SELECT id, task_id, agent_id, type, url, body, fail_stop, attempts, receiver "
			+ "FROM notify_event WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?) ";

	/** Pending events due at {@code now} that no dispatcher holds, oldest first. */
	List<Due> due(Instant now, int limit) {
		return jdbc.sql(DUE + "ORDER BY next_attempt_at LIMIT ?").params(at(now), at(now), limit).query(this::due).list();
	}

	/** The same, for one receiver ({@code notify_event_by_receiver}). */
	List<Due> dueFor(String receiver, Instant now, int limit) {
		return jdbc.sql(DUE + "AND receiver = ? ORDER BY next_attempt_at LIMIT ?")
			.params(at(now), at(now), receiver, limit)
			.query(this::due)
			.list();
	}

	/** The events not yet delivered nor failed, and when the most overdue of them became due (null: none). */
	record Backlog(long pending, Instant oldestDue) {
	}

	Backlog backlog() {
		return jdbc.sql("SELECT count(*), min(next_attempt_at) FROM notify_event WHERE status = 'pending'")
			.query((rs, n) -> {
				OffsetDateTime oldest = rs.getObject(2, OffsetDateTime.class);
				return new Backlog(rs.getLong(1), oldest == null ? null : oldest.toInstant());
			})
			.single();
	}

	/**
	 * Deletes up to {@code limit} delivered or failed events created before {@code before}, oldest
	 * first (by {@code seq}); answers how many.
	 */
	int prune(Instant before, int limit) {
		return jdbc.sql("DELETE FROM notify_event WHERE id IN (SELECT id FROM notify_event WHERE status <> 'pending' "
				+ "AND created_at < ? ORDER BY seq LIMIT ?)")
			.params(at(before), limit)
			.update();
	}

	/** The receivers that have events waiting. */
	List<String> receiversWaiting() {
		return jdbc.sql("SELECT DISTINCT receiver FROM notify_event WHERE status = 'pending'").query(String.class).list();
	}

	private Due due(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
		return new Due(rs.getObject(1, UUID.class), rs.getLong(2), rs.getObject(3, UUID.class), rs.getString(4),
				rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getInt(8), rs.getString(9));
	}

	/**
	 * Holds due events until {@code until} for one attempt each, in one round trip; answers which
	 * were taken (false: another dispatcher took it first, or it changed).
	 */
	boolean[] lease(List<Due> events, Instant until, Instant now) {
		List<Object[]> rows = new ArrayList<>(events.size());
		for (Due e : events) {
			rows.add(new Object[] { at(until), e.id(), e.attempts(), at(now) });
		}
		// By key only ("IS NOT DISTINCT FROM" matches no index): a generic plan on notify_event_due, from
		// statistics taken when few events waited, scanned every pending event for each lease.
		int[] counts = template.batchUpdate("UPDATE notify_event SET lease_until = ? WHERE id = ? "
				+ "AND status IS NOT DISTINCT FROM 'pending' AND attempts = ? AND (lease_until IS NULL OR lease_until < ?)",
				rows);
		boolean[] taken = new boolean[counts.length];
		for (int i = 0; i < counts.length; i++) {
			taken[i] = counts[i] != 0;
		}
		return taken;
	}

	/** Events delivered: id, attempts, status code, when. */
	void delivered(List<Object[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		List<Object[]> params = new ArrayList<>(rows.size());
		for (Object[] r : rows) {
			params.add(new Object[] { r[1], r[2], at((Instant) r[3]), r[0] });
		}
		template.batchUpdate("UPDATE notify_event SET status = 'delivered', attempts = ?, last_status_code = ?, "
				+ "last_error = NULL, delivered_at = ?, next_attempt_at = NULL, lease_until = NULL WHERE id = ?", params);
	}

	/** A failed attempt: due again at {@code next}, or failed for good if {@code next} is null. */
	void attemptFailed(UUID id, int attempts, Integer statusCode, String error, Instant next) {
		jdbc.sql("UPDATE notify_event SET status = ?, attempts = ?, last_status_code = ?, last_error = ?, "
				+ "next_attempt_at = ?, lease_until = NULL WHERE id = ?")
			.params(next == null ? "failed" : "pending", attempts, statusCode,
					error == null ? null : error.substring(0, Math.min(500, error.length())), at(next), id)
			.update();
	}

	/** A failed event of the task is pending again, due now, with a full round of attempts; false if none such. */
	boolean redeliver(long taskId, UUID id, Instant now) {
		return jdbc.sql("UPDATE notify_event SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_until = NULL "
				+ "WHERE id = ? AND task_id = ? AND status = 'failed'")
			.params(at(now), id, taskId)
			.update() == 1;
	}

	/** Whether the task has an event with this id, whatever its status. */
	boolean exists(long taskId, UUID id) {
		return jdbc.sql("SELECT COUNT(*) FROM notify_event WHERE id = ? AND task_id = ?")
			.params(id, taskId)
			.query(Long.class)
			.single() > 0;
	}

	long count(long taskId, String status) {
		return (status == null ? jdbc.sql("SELECT COUNT(*) FROM notify_event WHERE task_id = ?").param(taskId)
				: jdbc.sql("SELECT COUNT(*) FROM notify_event WHERE task_id = ? AND status = ?").params(taskId, status))
			.query(Long.class)
			.single();
	}

	/** The task's events, newest first. */
	List<Logged> page(long taskId, String status, long offset, int limit) {
		String select = "SELECT id, type, status, attempts, last_status_code, last_error, created_at, next_attempt_at, "
				+ "delivered_at FROM notify_event WHERE task_id = ?";
		String order = " ORDER BY seq DESC LIMIT ? OFFSET ?";
		return (status == null ? jdbc.sql(select + order).params(taskId, limit, offset)
				: jdbc.sql(select + " AND status = ?" + order).params(taskId, status, limit, offset))
			.query((rs, n) -> new Logged(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getInt(4),
					(Integer) rs.getObject(5), rs.getString(6), instant(rs.getObject(7, OffsetDateTime.class)),
					instant(rs.getObject(8, OffsetDateTime.class)), instant(rs.getObject(9, OffsetDateTime.class))))
			.list();
	}

	static OffsetDateTime at(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

}
