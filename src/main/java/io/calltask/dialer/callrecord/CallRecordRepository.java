package io.calltask.dialer.callrecord;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.calltask.api.PageRequest;
import io.calltask.api.StreamedReads;

/** Reads {@code call_record} for the API; the engine writes it. */
@Repository
class CallRecordRepository {

	private final JdbcClient jdbc;

	private final StreamedReads streamed;

	CallRecordRepository(JdbcClient jdbc, StreamedReads streamed) {
		this.jdbc = jdbc;
		this.streamed = streamed;
	}

	/**
	 * The task's calls with this outcome and phone (each null: any). Without a phone, from the
	 * totals the engine keeps as it inserts and closes records ({@code call_record_total},
	 * {@code call_outcome_total}: records are never deleted, an outcome is set once); with one,
	 * counted through the (task, phone) index.
	 */
	public long count(long taskId, String outcome, String phone) {
		if (phone == null) {
			JdbcClient.StatementSpec total = outcome == null
					? jdbc.sql("SELECT total FROM call_record_total WHERE task_id = ?").param(taskId)
					: jdbc.sql("SELECT total FROM call_outcome_total WHERE task_id = ? AND outcome = ?")
						.params(taskId, outcome);
			return total.query(Long.class).optional().orElse(0L);
		}
		return filtered("SELECT count(*) FROM call_record", taskId, outcome, phone, "").query(Long.class).single();
	}

	private static final String COLUMNS = "SELECT callid, phone, line_id, attempt, start_at, answer_at, end_at, duration, "
			+ "billsec, hangup_cause, outcome, status, intention, recording_url FROM call_record";

	/** Newest first. */
	public List<CallRow> page(long taskId, String outcome, String phone, PageRequest page) {
		return filtered(COLUMNS, taskId, outcome, phone, " ORDER BY id DESC LIMIT :limit OFFSET :offset")
			.param("limit", page.perPage())
			.param("offset", page.offset())
			.query(CallRecordRepository::map)
			.list();
	}

	/** Every call of the task with this outcome and phone (each null: any), oldest first, read as they are handed on. */
	public void forEach(long taskId, String outcome, String phone, Consumer<CallRow> each) {
		streamed.read(streaming -> filtered(streaming, COLUMNS, taskId, outcome, phone, " ORDER BY id")
			.query((RowCallbackHandler) rs -> each.accept(map(rs, 0))));
	}

	private JdbcClient.StatementSpec filtered(String select, long taskId, String outcome, String phone, String tail) {
		return filtered(jdbc, select, taskId, outcome, phone, tail);
	}

	private static JdbcClient.StatementSpec filtered(JdbcClient jdbc, String select, long taskId, String outcome,
			String phone, String tail) {
		StringBuilder sql = new StringBuilder(select).append(" WHERE task_id = :task");
		if (outcome != null) {
			sql.append(" AND outcome = :outcome");
		}
		if (phone != null) {
			sql.append(" AND phone = :phone");
		}
		JdbcClient.StatementSpec spec = jdbc.sql(sql.append(tail).toString()).param("task", taskId);
		if (outcome != null) {
			spec = spec.param("outcome", outcome);
		}
		if (phone != null) {
			spec = spec.param("phone", phone);
		}
		return spec;
	}

	private static CallRow map(ResultSet rs, int n) throws SQLException {
		return new CallRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getInt(4),
				rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class),
				rs.getObject(7, OffsetDateTime.class), rs.getObject(8, Integer.class), rs.getObject(9, Integer.class),
				rs.getString(10), rs.getString(11), rs.getInt(12), rs.getString(13), rs.getString(14));
	}

	/** One call attempt as stored; {@code intention} and {@code recordingUrl} what the bot left, null if nothing. */
	public record CallRow(UUID callId, String phone, UUID lineId, int attempt, OffsetDateTime startAt,
			OffsetDateTime answerAt, OffsetDateTime endAt, Integer duration, Integer billsec, String hangupCause,
			String outcome, int status, String intention, String recordingUrl) {
	}

}
