package io.calltask.catalog.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.calltask.api.PageRequest;

/** SQL for the four catalog tables; table and column names come from code, never from requests. */
@Repository
public class CatalogRepository {

	private final JdbcClient jdbc;

	CatalogRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Inserts a row; returns its id (the generated one for tables with integer ids). */
	public Object insert(CatalogTable table, Map<String, Object> columns) {
		StringJoiner names = new StringJoiner(", ");
		StringJoiner marks = new StringJoiner(", ");
		columns.keySet().forEach(c -> {
			names.add(c);
			marks.add("?");
		});
		var sql = jdbc.sql("INSERT INTO " + table.table() + " (" + names + ") VALUES (" + marks + ")")
			.params(new ArrayList<>(columns.values()));
		if (table.uuidIds()) {
			sql.update();
			return columns.get("id");
		}
		KeyHolder key = new GeneratedKeyHolder();
		sql.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	public void update(CatalogTable table, Object id, Map<String, Object> columns) {
		StringJoiner sets = new StringJoiner(", ");
		columns.keySet().forEach(c -> sets.add(c + " = ?"));
		List<Object> params = new ArrayList<>(columns.values());
		params.add(id);
		jdbc.sql("UPDATE " + table.table() + " SET " + sets + " WHERE id = ?").params(params).update();
	}

	public boolean delete(CatalogTable table, UUID userId, Object id) {
		return jdbc.sql("DELETE FROM " + table.table() + " WHERE id = ? AND user_id = ?").params(id, userId).update() == 1;
	}

	public Optional<Object> find(CatalogTable table, UUID userId, Object id) {
		return jdbc.sql("SELECT * FROM " + table.table() + " WHERE id = ? AND user_id = ?")
			.params(id, userId)
			.query((rs, n) -> table.map(rs))
			.optional();
	}

	public List<Object> byIds(CatalogTable table, Collection<?> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT * FROM " + table.table() + " WHERE id IN (:ids)")
			.param("ids", ids)
			.query((rs, n) -> table.map(rs))
			.list();
	}

	public long count(CatalogTable table, UUID userId) {
		return jdbc.sql("SELECT count(*) FROM " + table.table() + " WHERE user_id = ?")
			.param(userId)
			.query(Long.class)
			.single();
	}

	public List<Object> page(CatalogTable table, UUID userId, PageRequest page) {
		return jdbc.sql("SELECT * FROM " + table.table() + " WHERE user_id = ? ORDER BY " + table.order()
				+ " LIMIT ? OFFSET ?")
			.params(userId, page.perPage(), page.offset())
			.query((rs, n) -> table.map(rs))
			.list();
	}

	/** The user's default 话术组, if one is marked. */
	public Optional<Object> defaultGroup(UUID userId) {
		return jdbc.sql("SELECT * FROM bot_group WHERE user_id = ? AND is_default ORDER BY id DESC LIMIT 1")
			.param(userId)
			.query((rs, n) -> CatalogTable.GROUP.map(rs))
			.optional();
	}

	/** Clears the default flag on the user's other groups: at most one default per user. */
	public void clearDefaultGroups(UUID userId, long except) {
		jdbc.sql("UPDATE bot_group SET is_default = FALSE WHERE user_id = ? AND id <> ? AND is_default")
			.params(userId, except)
			.update();
	}

}
