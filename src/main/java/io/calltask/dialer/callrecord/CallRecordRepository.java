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
			+ "billsec, hangup_cause, outcome, status, intention, recording_url, bridge_result, bridge_seat_id, "
			+ "bridge_seat_name, bridge_wait_ms, bridge_billsec FROM call_record";

	/** When call {@code callId} of the task started, was answered and ended; empty if the task has no such call. */
	public java.util.Optional<Times> times(long taskId, UUID callId) {
		return jdbc.sql("SELECT start_at, answer_at, end_at FROM call_record WHERE callid = ? AND task_id = ?")
			.params(callId, taskId)
			.query((rs, n) -> new Times(rs.getObject("start_at", OffsetDateTime.class),
					rs.getObject("answer_at", OffsetDateTime.class), rs.getObject("end_at", OffsetDateTime.class)))
			.optional();
	}

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
		return new CallRow(rs.getObject("callid", UUID.class), rs.getString("phone"), rs.getObject("line_id", UUID.class),
				rs.getInt("attempt"),
				new Times(rs.getObject("start_at", OffsetDateTime.class), rs.getObject("answer_at", OffsetDateTime.class),
						rs.getObject("end_at", OffsetDateTime.class)),
				new Seconds(rs.getObject("duration", Integer.class), rs.getObject("billsec", Integer.class)),
				new Result(rs.getString("hangup_cause"), rs.getString("outcome"), rs.getInt("status")),
				new BotResult(rs.getString("intention"), rs.getString("recording_url")),
				new Bridge(Bridge.Result.of(rs.getString("bridge_result")), rs.getObject("bridge_seat_id", Long.class),
						rs.getString("bridge_seat_name"), rs.getObject("bridge_wait_ms", Long.class),
						rs.getInt("bridge_billsec"), null));
	}

	/** One call attempt as stored; {@code bridge} its transfer to a person. */
	public record CallRow(UUID callId, String phone, UUID lineId, int attempt, Times times, Seconds seconds,
			Result result, BotResult bot, Bridge bridge) {
	}

	/** When the call started, was answered (null if never) and ended (null while it lasts). */
	public record Times(OffsetDateTime start, OffsetDateTime answer, OffsetDateTime end) {
	}

	/** The call's length and its answered part, in seconds; null while it lasts. */
	public record Seconds(Integer duration, Integer billsec) {
	}

	/** How the call ended: the switch's hangup cause and the outcome (null while it lasts), the status code. */
	public record Result(String hangupCause, String outcome, int status) {
	}

	/** What the bot left, each null if nothing. */
	public record BotResult(String intention, String recordingUrl) {
	}

}
