package io.calltask.dialer.blacklist;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.calltask.api.PageRequest;

/**
 * The {@code blacklist} table: a user's phones, {@code seq} in the order they were added, each with
 * its E.164 and why it is there; and {@code blacklist_spelling}, every spelling of those phones. All
 * writes run under the user's exclusive number lock ({@code NumberRepository#lockUserExclusive}).
 */
@Repository
class BlacklistRepository {

	private static final int CHUNK = 1000;

	/** Why a phone is on the list. */
	enum Reason {
		/** Added through the API. */
		MANUAL,
		/** The callee refused further calls ({@code calltask_optout=1}). */
		OPTOUT;

		String word() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/** A phone to add: as given, in E.164, why, and the call it opted out in (null unless {@code OPTOUT}). */
	record NewEntry(String phone, String e164, Reason reason, UUID callId) {
	}

	private final JdbcClient jdbc;

	BlacklistRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds these entries (none of whose E.164 is on the list yet) in their order. */
	public long add(UUID userId, List<NewEntry> entries, OffsetDateTime now) {
		long added = 0;
		for (int from = 0; from < entries.size(); from += CHUNK) {
			List<NewEntry> chunk = entries.subList(from, Math.min(entries.size(), from + CHUNK));
			StringBuilder sql = new StringBuilder(
					"INSERT INTO blacklist (user_id, phone, phone_e164, reason, callid, created_at) VALUES ");
			List<Object> args = new ArrayList<>(chunk.size() * 6);
			for (int i = 0; i < chunk.size(); i++) {
				NewEntry e = chunk.get(i);
				sql.append(i == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)");
				args.add(userId);
				args.add(e.phone());
				args.add(e.e164());
				args.add(e.reason().word());
				args.add(e.callId());
				args.add(now);
			}
			sql.append(" ON CONFLICT DO NOTHING");
			added += jdbc.sql(sql.toString()).params(args).update();
		}
		return added;
	}

	/** The spellings of the user's blacklisted phones, each with the E.164 it stands for. */
	public void addSpellings(UUID userId, Map<String, String> e164BySpelling) {
		List<Map.Entry<String, String>> all = new ArrayList<>(e164BySpelling.entrySet());
		for (int from = 0; from < all.size(); from += CHUNK) {
			List<Map.Entry<String, String>> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
			StringBuilder sql = new StringBuilder("INSERT INTO blacklist_spelling (user_id, phone, phone_e164) VALUES ");
			List<Object> args = new ArrayList<>(chunk.size() * 3);
			for (int i = 0; i < chunk.size(); i++) {
				sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
				args.add(userId);
				args.add(chunk.get(i).getKey());
				args.add(chunk.get(i).getValue());
			}
			sql.append(" ON CONFLICT DO NOTHING");
			jdbc.sql(sql.toString()).params(args).update();
		}
	}

	/** The spellings of these E.164 phones on the user's list. */
	public List<String> spellingsOf(UUID userId, Collection<String> e164s) {
		List<String> found = new ArrayList<>();
		List<String> all = new ArrayList<>(e164s);
		for (int from = 0; from < all.size(); from += CHUNK) {
			found.addAll(jdbc.sql("SELECT phone FROM blacklist_spelling WHERE user_id = :user AND phone_e164 IN (:phones)")
				.param("user", userId)
				.param("phones", all.subList(from, Math.min(all.size(), from + CHUNK)))
				.query(String.class)
				.list());
		}
		return found;
	}

	/** Which of these E.164 phones the user's blacklist holds. */
	public List<String> present(UUID userId, Collection<String> e164s) {
		List<String> found = new ArrayList<>();
		List<String> all = new ArrayList<>(e164s);
		for (int from = 0; from < all.size(); from += CHUNK) {
			found.addAll(jdbc
				.sql("SELECT DISTINCT phone_e164 FROM blacklist WHERE user_id = :user AND phone_e164 IN (:phones)")
				.param("user", userId)
				.param("phones", all.subList(from, Math.min(all.size(), from + CHUNK)))
				.query(String.class)
				.list());
		}
		return found;
	}

	/** Removes the entries of these E.164 phones and their spellings; how many entries. */
	public long remove(UUID userId, List<String> e164s) {
		long removed = 0;
		for (int from = 0; from < e164s.size(); from += CHUNK) {
			List<String> chunk = e164s.subList(from, Math.min(e164s.size(), from + CHUNK));
			removed += jdbc.sql("DELETE FROM blacklist WHERE user_id = :user AND phone_e164 IN (:phones)")
				.param("user", userId)
				.param("phones", chunk)
				.update();
			jdbc.sql("DELETE FROM blacklist_spelling WHERE user_id = :user AND phone_e164 IN (:phones)")
				.param("user", userId)
				.param("phones", chunk)
				.update();
		}
		return removed;
	}

	public long count(UUID userId) {
		return jdbc.sql("SELECT count(*) FROM blacklist WHERE user_id = ?").param(userId).query(Long.class).single();
	}

	/** Newest first. */
	public List<Entry> page(UUID userId, PageRequest page) {
		return jdbc
			.sql("SELECT phone, reason, callid, created_at FROM blacklist WHERE user_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?")
			.params(userId, page.perPage(), page.offset())
			.query((rs, n) -> new Entry(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
					rs.getObject(4, OffsetDateTime.class)))
			.list();
	}

	/** Up to {@code limit} entries stored before phones were kept in E.164: (user, phone). */
	public List<Stored> withoutE164(int limit) {
		return jdbc.sql("SELECT user_id, phone FROM blacklist WHERE phone_e164 IS NULL ORDER BY seq LIMIT ?")
			.param(limit)
			.query((rs, n) -> new Stored(rs.getObject(1, UUID.class), rs.getString(2)))
			.list();
	}

	/** The E.164 of an entry stored without one (if it still has none). */
	public void setE164(UUID userId, String phone, String e164) {
		jdbc.sql("UPDATE blacklist SET phone_e164 = ? WHERE user_id = ? AND phone = ? AND phone_e164 IS NULL")
			.params(e164, userId, phone)
			.update();
	}

	/** A phone as stored on a user's list. */
	public record Stored(UUID userId, String phone) {
	}

	/** An entry as the list shows it; {@code reason} is {@code manual} or {@code optout}. */
	public record Entry(String phone, String reason, UUID callId, OffsetDateTime createdAt) {
	}

}
