package io.calltask.dialer.blacklist;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.calltask.api.PageRequest;

/** The {@code blacklist} table: a user's phones, {@code seq} in the order they were added. */
@Repository
class BlacklistRepository {

	private static final int CHUNK = 1000;

	private final JdbcClient jdbc;

	BlacklistRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds the phones (distinct) in their order; how many were not there yet. */
	public long add(UUID userId, List<String> phones, OffsetDateTime now) {
		long added = 0;
		for (int from = 0; from < phones.size(); from += CHUNK) {
			List<String> chunk = phones.subList(from, Math.min(phones.size(), from + CHUNK));
			StringBuilder sql = new StringBuilder("INSERT INTO blacklist (user_id, phone, created_at) VALUES ");
			List<Object> args = new ArrayList<>(chunk.size() * 3);
			for (int i = 0; i < chunk.size(); i++) {
				sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
				args.add(userId);
				args.add(chunk.get(i));
				args.add(now);
			}
			sql.append(" ON CONFLICT DO NOTHING");
			added += jdbc.sql(sql.toString()).params(args).update();
		}
		return added;
	}

	/** Which of these phones the user's blacklist holds. */
	public List<String> present(UUID userId, List<String> phones) {
		List<String> found = new ArrayList<>();
		for (int from = 0; from < phones.size(); from += CHUNK) {
			found.addAll(jdbc.sql("SELECT phone FROM blacklist WHERE user_id = :user AND phone IN (:phones)")
				.param("user", userId)
				.param("phones", phones.subList(from, Math.min(phones.size(), from + CHUNK)))
				.query(String.class)
				.list());
		}
		return found;
	}

	public long remove(UUID userId, List<String> phones) {
		long removed = 0;
		for (int from = 0; from < phones.size(); from += CHUNK) {
			removed += jdbc.sql("DELETE FROM blacklist WHERE user_id = :user AND phone IN (:phones)")
				.param("user", userId)
				.param("phones", phones.subList(from, Math.min(phones.size(), from + CHUNK)))
				.update();
		}
		return removed;
	}

	public long count(UUID userId) {
		return jdbc.sql("SELECT count(*) FROM blacklist WHERE user_id = ?").param(userId).query(Long.class).single();
	}

	/** Newest first. */
	public List<Entry> page(UUID userId, PageRequest page) {
		return jdbc.sql("SELECT phone, created_at FROM blacklist WHERE user_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?")
			.params(userId, page.perPage(), page.offset())
			.query((rs, n) -> new Entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class)))
			.list();
	}

	public record Entry(String phone, OffsetDateTime createdAt) {
	}

}
