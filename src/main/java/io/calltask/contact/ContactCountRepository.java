package io.calltask.contact;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Repository;

import io.calltask.contact.ContactRules.Counted;

/** The {@code contact_count} table: per (user, phone in E.164), the calls placed to it. */
@Repository
class ContactCountRepository {

	/** A phone of a user; rows are locked in this order. */
	record Key(UUID userId, String e164) {

		static final Comparator<Key> ORDER = Comparator.comparing(Key::userId).thenComparing(Key::e164);

	}

	/** A phone's row: its counts, and the last call's start and id (to give it back). */
	record Row(Counted counted, UUID lastCallid, Instant previousCallAt) {

		static Row of(Counted counted) {
			return new Row(counted, null, null);
		}

		/** Once a call {@code callId} is counted ({@code counted} includes it). */
		Row with(Counted next, UUID callId) {
			return new Row(next, callId, counted.lastCallAt());
		}

		/** Once call {@code callId}, started on {@code day} (counting zone), is given back. */
		Row without(LocalDate day, UUID callId) {
			Counted c = counted;
			int dayCalls = day.equals(c.day()) ? Math.max(0, c.dayCalls() - 1) : c.dayCalls();
			int weekCalls = ContactRules.monday(day).equals(c.week()) ? Math.max(0, c.weekCalls() - 1) : c.weekCalls();
			boolean last = callId.equals(lastCallid);
			return new Row(new Counted(c.day(), dayCalls, c.week(), weekCalls, last ? previousCallAt : c.lastCallAt()),
					last ? null : lastCallid, last ? null : previousCallAt);
		}

	}

	private static final int CHUNK = 500;

	private final JdbcTemplate jdbc;

	ContactCountRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Makes sure each phone has its row (in key order: concurrent creators wait for each other in one order). */
	void create(List<Key> keys) {
		if (keys.isEmpty()) {
			return;
		}
		List<Object[]> rows = new ArrayList<>(keys.size());
		for (Key k : keys) {
			rows.add(new Object[] { k.userId(), k.e164() });
		}
		jdbc.batchUpdate("INSERT INTO contact_count (user_id, phone_e164, day_calls, week_calls) VALUES (?, ?, 0, 0) "
				+ "ON CONFLICT DO NOTHING", rows);
	}

	/** The rows of these phones ({@code keys} sorted); {@code lock}: locked for this transaction, in key order. */
	Map<Key, Row> read(List<Key> keys, boolean lock) {
		Map<Key, Row> found = new HashMap<>();
		Map<UUID, List<String>> byUser = new java.util.LinkedHashMap<>();
		keys.forEach(k -> byUser.computeIfAbsent(k.userId(), u -> new ArrayList<>()).add(k.e164()));
		byUser.forEach((user, all) -> {
			for (int from = 0; from < all.size(); from += CHUNK) {
				List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
				String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
				Object[] args = new Object[chunk.size() + 1];
				args[0] = user;
				for (int i = 0; i < chunk.size(); i++) {
					args[i + 1] = chunk.get(i);
				}
				jdbc.query("SELECT phone_e164, count_day, day_calls, count_week, week_calls, last_call_at, last_callid, "
						+ "previous_call_at FROM contact_count WHERE user_id = ? AND phone_e164 IN (" + marks + ") "
						+ "ORDER BY phone_e164" + (lock ? " FOR UPDATE" : ""), rs -> {
							Counted counted = new Counted(rs.getObject(2, LocalDate.class), rs.getInt(3),
									rs.getObject(4, LocalDate.class), rs.getInt(5), instant(rs.getObject(6, OffsetDateTime.class)));
							found.put(new Key(user, rs.getString(1)), new Row(counted, rs.getObject(7, UUID.class),
									instant(rs.getObject(8, OffsetDateTime.class))));
						}, args);
			}
		});
		return found;
	}

	/** Writes these rows (locked by {@link #read} in this transaction), in key order. */
	void write(Map<Key, Row> rows) {
		if (rows.isEmpty()) {
			return;
		}
		List<Object[]> args = new ArrayList<>(rows.size());
		rows.forEach((k, r) -> args.add(new Object[] { new SqlParameterValue(Types.DATE, r.counted().day()),
				r.counted().dayCalls(), new SqlParameterValue(Types.DATE, r.counted().week()), r.counted().weekCalls(),
				ts(r.counted().lastCallAt()), r.lastCallid(), ts(r.previousCallAt()), k.userId(), k.e164() }));
		jdbc.batchUpdate("UPDATE contact_count SET count_day = ?, day_calls = ?, count_week = ?, week_calls = ?, "
				+ "last_call_at = ?, last_callid = ?, previous_call_at = ? WHERE user_id = ? AND phone_e164 = ?", args);
	}

	private static Instant instant(OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}

	private static SqlParameterValue ts(Instant instant) {
		return new SqlParameterValue(Types.TIMESTAMP_WITH_TIMEZONE,
				instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
	}

}
