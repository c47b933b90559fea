package io.calltask.notify.internal;

import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.dialer.CallsFinished;
import io.calltask.time.DateTimes;

/**
 * {@code call.finished}: for each call the dialer closed whose task asks for it, an event whose body
 * is the call as it ended (docs/API-NOTES.md, "Webhooks"), stored in the dialer's write transaction
 * ({@link CallsFinished}, published there as the task module publishes {@code TaskStopped}).
 */
@Component
class CallFinishedEvents {

	static final String TYPE = "call.finished";

	/** Event ids' random bits (a DRBG: seeded once, no system call for each id). */
	private static final SecureRandom IDS = ids();

	/** At most this many calls are read in one statement. */
	private static final int CHUNK = 500;

	private final JdbcClient jdbc;

	private final EventStore events;

	private final DateTimes time;

	private final Clock clock;

	private final JsonMapper json;

	private static SecureRandom ids() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			return new SecureRandom();
		}
	}

	CallFinishedEvents(JdbcClient jdbc, EventStore events, DateTimes time, Clock clock, JsonMapper json) {
		this.jdbc = jdbc;
		this.events = events;
		this.time = time;
		this.clock = clock;
		this.json = json;
	}

	/**
	 * In the dialer's write transaction, after the calls were closed: one {@code call.finished} event
	 * for each of these calls whose task asks for it ({@code call_notify_type} 2, or 1 and unanswered,
	 * and a {@code call_notify_url}).
	 */
	@EventListener
	void callsFinished(CallsFinished finished) {
		List<UUID> ids = finished.callIds();
		Instant now = clock.instant();
		for (int from = 0; from < ids.size(); from += CHUNK) {
			List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
			List<EventStore.NewEvent> stored = new ArrayList<>();
			for (Finished f : read(chunk)) {
				if (f.notifyType == 2 || (f.notifyType == 1 && !"answered".equals(f.body.get("outcome")))) {
					UUID id = newId();
					stored.add(new EventStore.NewEvent(id, f.taskId, f.agentId, TYPE, f.url,
							body(json, time, TYPE, id, now, f.body), f.failStop, now));
				}
			}
			events.insertAll(stored);
		}
	}

	/**
	 * An event's JSON, as every type has it: type, id, created_datetime, data (in its order). Written
	 * value by value: the same text as the mapper writes the map, without its look-ups for every key
	 * and value (a third of what storing an event cost the dialer's writer).
	 */
	static String body(JsonMapper json, DateTimes time, String type, UUID id, Instant created, Map<String, Object> data) {
		StringWriter text = new StringWriter(1024);
		try (JsonGenerator out = json.createGenerator(text)) {
			out.writeStartObject();
			out.writeStringProperty("type", type);
			out.writeStringProperty("id", id.toString());
			out.writeStringProperty("created_datetime", time.format(created));
			out.writeName("data");
			out.writeStartObject();
			for (Map.Entry<String, Object> entry : data.entrySet()) {
				out.writeName(entry.getKey());
				Object value = entry.getValue();
				if (value == null) {
					out.writeNull();
				}
				else if (value instanceof String s) {
					out.writeString(s);
				}
				else if (value instanceof Integer i) {
					out.writeNumber(i);
				}
				else if (value instanceof Long l) {
					out.writeNumber(l);
				}
				else {
					out.writePOJO(value);
				}
			}
			out.writeEndObject();
			out.writeEndObject();
		}
		return text.toString();
	}

	/**
	 * A new event id: a random (version 4) UUID from a generator of this class's own, seeded once,
	 * rather than one that reads the operating system's for every id.
	 */
	static UUID newId() {
		byte[] bytes = new byte[16];
		IDS.nextBytes(bytes);
		bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
		bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
		return new UUID(ByteBuffer.wrap(bytes, 0, 8).getLong(), ByteBuffer.wrap(bytes, 8, 8).getLong());
	}

	/** A closed call of a task that notifies, and its event's data. */
	private record Finished(long taskId, UUID agentId, String url, int notifyType, boolean failStop,
			Map<String, Object> body) {
	}

	private List<Finished> read(List<UUID> callIds) {
		String marks = String.join(", ", Collections.nCopies(callIds.size(), "?"));
		return jdbc.sql("SELECT c.callid, c.phone, c.line_id, c.attempt, c.start_at, c.answer_at, c.end_at, c.duration, "
				+ "c.billsec, c.hangup_cause, c.outcome, c.status, t.id, t.uuid, t.user_id, t.name, t.call_notify_url, "
				+ "t.call_notify_type, t.call_notify_fail_stop, u.agent_id, n.variables, n.status, n.next_attempt_at, "
				+ "CASE WHEN t.origination_caller_id_number <> '' THEN t.origination_caller_id_number "
				+ "ELSE l.caller_number END, c.intention, c.recording_url, c.bridge_result, c.bridge_seat_id, "
				+ "c.bridge_seat_name, c.bridge_wait_ms, c.bridge_billsec "
				+ "FROM call_record c JOIN task t ON t.id = c.task_id JOIN app_user u ON u.id = t.user_id "
				+ "JOIN task_number n ON n.id = c.number_id LEFT JOIN line l ON l.id = c.line_id "
				+ "WHERE c.callid IN (" + marks + ") AND c.end_at IS NOT NULL AND t.call_notify_type > 0 "
				+ "AND t.call_notify_url IS NOT NULL AND t.call_notify_url <> ''")
			.params(callIds.toArray())
			.query((rs, n) -> {
				Map<String, Object> data = new LinkedHashMap<>(48); // 25 entries, never resized
				data.put("user_id", rs.getObject(15, UUID.class).toString());
				data.put("task_id", rs.getObject(14, UUID.class).toString());
				data.put("task_name", rs.getString(16));
				data.put("callid", rs.getObject(1, UUID.class).toString());
				data.put("phone", rs.getString(2));
				data.put("variables", variables(rs.getString(21)));
				data.put("line_id", rs.getObject(3, UUID.class).toString());
				data.put("caller_number", rs.getString(24));
				data.put("attempt", rs.getInt(4));
				data.put("start_datetime", time.format(rs.getObject(5, OffsetDateTime.class)));
				data.put("answer_datetime", time.format(rs.getObject(6, OffsetDateTime.class)));
				data.put("end_datetime", time.format(rs.getObject(7, OffsetDateTime.class)));
				data.put("duration", rs.getObject(8));
				data.put("billsec", rs.getObject(9));
				data.put("hangup_cause", rs.getString(10));
				data.put("outcome", rs.getString(11));
				data.put("status", rs.getObject(12));
				data.put("intention", rs.getString(25));
				data.put("recording_url", rs.getString(26));
				data.put("bridge_result", rs.getString(27));
				data.put("bridge_seat_id", rs.getObject(28, Long.class));
				data.put("bridge_seat_name", rs.getString(29));
				data.put("bridge_wait_ms", rs.getObject(30, Long.class));
				data.put("bridge_billsec", rs.getInt(31));
				data.put("number_status", rs.getString(22));
				data.put("next_attempt_datetime", time.format(rs.getObject(23, OffsetDateTime.class)));
				return new Finished(rs.getLong(13), rs.getObject(20, UUID.class), rs.getString(17), rs.getInt(18),
						rs.getInt(19) == 1, data);
			})
			.list();
	}

	/** The number's imported variables as a JSON object ({} if none or unreadable). */
	private Object variables(String stored) {
		if (stored == null || stored.isBlank()) {
			return Map.of();
		}
		try {
			JsonNode node = json.readTree(stored);
			return node.isObject() ? node : Map.of();
		}
		catch (RuntimeException ex) {
			return Map.of();
		}
	}

}
