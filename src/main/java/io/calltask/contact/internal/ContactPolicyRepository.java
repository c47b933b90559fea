package io.calltask.contact.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.calltask.contact.ContactPolicy;
import io.calltask.contact.ContactPolicy.CallWindow;
import io.calltask.contact.ContactPolicy.TimezoneSource;

/** The {@code contact_policy} table: the policies users set. */
@Repository
public class ContactPolicyRepository {

	private static final String COLUMNS = "user_id, max_per_day, max_per_week, min_interval_minutes, window_begin, "
			+ "window_end, timezone_source, optout_to_blacklist";

	private final JdbcClient jdbc;

	ContactPolicyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Optional<ContactPolicy> find(UUID userId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM contact_policy WHERE user_id = ?")
			.param(userId)
			.query(ContactPolicyRepository::policy)
			.optional();
	}

	/** The policies of these users that set one. */
	public Map<UUID, ContactPolicy> find(Collection<UUID> userIds) {
		Map<UUID, ContactPolicy> found = new HashMap<>();
		if (userIds.isEmpty()) {
			return found;
		}
		jdbc.sql("SELECT " + COLUMNS + " FROM contact_policy WHERE user_id IN (:users)")
			.param("users", userIds)
			.query(rs -> {
				found.put(rs.getObject(1, UUID.class), policy(rs, 0));
			});
		return found;
	}

	/** Stores the user's whole policy (a first PUT inserts, later ones update). */
	public void replace(UUID userId, ContactPolicy p, Instant now) {
		Object[] values = { p.maxPerDay(), p.maxPerWeek(), p.minIntervalMinutes(),
				p.window() == null ? null : p.window().begin(), p.window() == null ? null : p.window().end(),
				p.timezoneSource().word(), p.optoutToBlacklist(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC) };
		int inserted = jdbc.sql("INSERT INTO contact_policy (max_per_day, max_per_week, min_interval_minutes, "
				+ "window_begin, window_end, timezone_source, optout_to_blacklist, updated_at, user_id) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
			.params(append(values, userId))
			.update();
		if (inserted == 0) {
			jdbc.sql("UPDATE contact_policy SET max_per_day = ?, max_per_week = ?, min_interval_minutes = ?, "
					+ "window_begin = ?, window_end = ?, timezone_source = ?, optout_to_blacklist = ?, updated_at = ? "
					+ "WHERE user_id = ?")
				.params(append(values, userId))
				.update();
		}
	}

	private static Object[] append(Object[] values, Object last) {
		Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
		all[values.length] = last;
		return all;
	}

	private static ContactPolicy policy(ResultSet rs, int n) throws SQLException {
		Integer begin = rs.getObject("window_begin", Integer.class);
		Integer end = rs.getObject("window_end", Integer.class);
		return new ContactPolicy(rs.getObject("max_per_day", Integer.class), rs.getObject("max_per_week", Integer.class),
				rs.getInt("min_interval_minutes"), begin == null || end == null ? null : new CallWindow(begin, end),
				TimezoneSource.of(rs.getString("timezone_source")), rs.getBoolean("optout_to_blacklist"));
	}

}
