package io.calltask.task.internal;

import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.util.ReflectionUtils;

import io.calltask.task.LineCounters;

/**
 * Task rows, their lines, and the per-user counters. Every write that changes whether a task is
 * live or enabled changes {@code task_count} in the same transaction, after locking the task row,
 * so the counters are exact and the list never counts a user's tasks row by row.
 */
@Repository
class TaskRepository {

	private static final String COUNTERS = "SELECT live, enabled, version FROM task_count WHERE user_id = ?";

	/**
	 * The settings' columns, one per leaf component of {@link TaskSettings}'s nested records (its name
	 * in snake_case), as named parameters of the leaf names: a setting added to a record is written
	 * without an edit here.
	 */
	private static final List<Setting> SETTINGS = Setting.leaves(TaskSettings.class, List.of());

	private static final String INSERT = "INSERT INTO task (uuid, user_id, created_at, updated_at, "
			+ SETTINGS.stream().map(Setting::column).collect(Collectors.joining(", "))
			+ ") VALUES (:uuid, :userId, :now, :now, "
			+ SETTINGS.stream().map(s -> ":" + s.name()).collect(Collectors.joining(", ")) + ")";

	private static final String UPDATE = "UPDATE task SET updated_at = :now, "
			+ SETTINGS.stream().map(s -> s.column() + " = :" + s.name()).collect(Collectors.joining(", "))
			+ " WHERE id = :id";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	TaskRepository(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** The user's counters start at zero when the user is created (see {@code UserCounters}). */
	void createCounters(UUID userId) {
		jdbc.sql("INSERT INTO task_count (user_id, live, enabled) SELECT ?, 0, 0 WHERE NOT EXISTS "
				+ "(SELECT 1 FROM task_count WHERE user_id = ?)")
			.params(userId, userId)
			.update();
	}

	/** Locks the user's counter row for the rest of the transaction; serialises task creation per user. */
	void lockCounters(UUID userId) {
		if (jdbc.sql("UPDATE task_count SET live = live WHERE user_id = ?").param(userId).update() == 0) {
			createCounters(userId);
			jdbc.sql("UPDATE task_count SET live = live WHERE user_id = ?").param(userId).update();
		}
	}

	/**
	 * Records a write of the user's tasks: live and enabled counts move by the deltas, and the
	 * version moves on, so cached page anchors of the old list are never used again.
	 */
	void recordWrite(UUID userId, int live, int enabled) {
		jdbc.sql("UPDATE task_count SET live = live + ?, enabled = enabled + ?, version = version + 1 WHERE user_id = ?")
			.params(live, enabled, userId)
			.update();
	}

	record Counters(long live, long enabled, long version) {
	}

	/**
	 * The counters, read as the first statement of a {@link SnapshotReads snapshot read}: with its
	 * isolation prefix when it has one, in one round trip (the prefix's result is skipped).
	 */
	Counters counters(UUID userId, SnapshotReads.FirstStatement first) {
		String prefix = first.isolationPrefix();
		if (prefix.isEmpty()) {
			return counters(userId);
		}
		return template.execute(con -> con.prepareStatement(prefix + COUNTERS), (PreparedStatement ps) -> {
			ps.setObject(1, userId);
			boolean isResultSet = ps.execute();
			while (!isResultSet) {
				if (ps.getUpdateCount() == -1) {
					throw new IllegalStateException("the counters query returned no rows");
				}
				isResultSet = ps.getMoreResults();
			}
			try (ResultSet rs = ps.getResultSet()) {
				return rs.next() ? new Counters(rs.getLong(1), rs.getLong(2), rs.getLong(3)) : new Counters(0, 0, 0);
			}
		});
	}

	Counters counters(UUID userId) {
		return jdbc.sql(COUNTERS)
			.param(userId)
			.query((rs, n) -> new Counters(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
			.optional()
			.orElse(new Counters(0, 0, 0));
	}

	int nextSort(UUID userId) {
		return jdbc.sql("SELECT COALESCE(MAX(sort), 0) + 1 FROM task WHERE user_id = ? AND deleted_at IS NULL")
			.param(userId)
			.query(Integer.class)
			.single();
	}

	/** A new task; {@code settings.sort()} is replaced by {@code sort}. */
	long insert(UUID uuid, UUID userId, TaskSettings settings, int sort, OffsetDateTime now) {
		MapSqlParameterSource params = parameters(settings).addValue("sort", sort)
			.addValue("uuid", uuid)
			.addValue("userId", userId)
			.addValue("now", now);
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.sql(INSERT).paramSource(params).update(key, "id");
		return key.getKeyAs(Long.class);
	}

	/** Writes every setting (a body's keys are applied by {@link TaskInput} before). */
	void update(long id, TaskSettings settings, OffsetDateTime now) {
		jdbc.sql(UPDATE).paramSource(parameters(settings).addValue("id", id).addValue("now", now)).update();
	}

	/** The user starts or pauses a task, or the dialer pauses it. */
	void setEnabled(long id, boolean enable, OffsetDateTime now) {
		jdbc.sql("UPDATE task SET enable = ?, updated_at = ? WHERE id = ?").params(enable, now, id).update();
	}

	/** The dialer starts a paused task whose {@code restart_at} came. */
	void restart(long id, OffsetDateTime now) {
		jdbc.sql("UPDATE task SET enable = TRUE, restart_at = NULL, updated_at = ? WHERE id = ?").params(now, id).update();
	}

	private static MapSqlParameterSource parameters(TaskSettings settings) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		for (Setting s : SETTINGS) {
			params.addValue(s.name(), s.value(settings), StatementCreatorUtils.javaTypeToSqlParameterType(s.type()));
		}
		return params;
	}

	/**
	 * One column of the settings: a leaf component, reached from {@link TaskSettings} through the
	 * record components of {@code path}. Leaf names are unique across the records (checked), since
	 * they name the columns.
	 */
	private record Setting(List<RecordComponent> path) {

		static List<Setting> leaves(Class<?> type, List<RecordComponent> prefix) {
			List<Setting> leaves = new ArrayList<>();
			for (RecordComponent c : type.getRecordComponents()) {
				ReflectionUtils.makeAccessible(c.getAccessor());
				List<RecordComponent> path = new ArrayList<>(prefix);
				path.add(c);
				if (c.getType().isRecord()) {
					leaves.addAll(leaves(c.getType(), path));
				}
				else {
					leaves.add(new Setting(List.copyOf(path)));
				}
			}
			if (prefix.isEmpty() && leaves.stream().map(Setting::name).distinct().count() != leaves.size()) {
				throw new IllegalStateException("two settings of " + type.getSimpleName() + " have the same name");
			}
			return leaves;
		}

		String name() {
			return path.get(path.size() - 1).getName();
		}

		String column() {
			return JdbcUtils.convertPropertyNameToUnderscoreName(name());
		}

		Class<?> type() {
			return path.get(path.size() - 1).getType();
		}

		Object value(TaskSettings settings) {
			Object value = settings;
			for (RecordComponent c : path) {
				value = ReflectionUtils.invokeMethod(c.getAccessor(), value);
			}
			return value;
		}

	}

	void replaceLines(long taskId, List<TaskLine> lines) {
		jdbc.sql("DELETE FROM task_line WHERE task_id = ?").param(taskId).update();
		for (int i = 0; i < lines.size(); i++) {
			jdbc.sql("INSERT INTO task_line (task_id, line_id, position, line_limit) VALUES (?, ?, ?, ?)")
				.params(taskId, lines.get(i).lineId(), i, lines.get(i).limit())
				.update();
		}
	}

	/** A live task of the user, locked for the rest of the transaction. */
	Optional<TaskRow> findForUpdate(UUID userId, UUID taskId) {
		Optional<Long> id = jdbc
			.sql("SELECT id FROM task WHERE uuid = ? AND user_id = ? AND deleted_at IS NULL FOR UPDATE")
			.params(taskId, userId)
			.query(Long.class)
			.optional();
		return id.flatMap(this::findById);
	}

	Optional<TaskRow> find(UUID userId, UUID taskId) {
		return jdbc.sql(TaskRow.SELECT + " WHERE t.uuid = ? AND t.user_id = ? AND t.deleted_at IS NULL")
			.params(taskId, userId)
			.query(TaskRow.mapper())
			.optional();
	}

	Optional<TaskRow> findById(long id) {
		return jdbc.sql(TaskRow.SELECT + " WHERE t.id = ?").param(id).query(TaskRow.mapper()).optional();
	}

	/** Live tasks of a user that use {@code lineId}, as a line of theirs or as their caller line. */
	long countUsingLine(UUID userId, UUID lineId) {
		return jdbc.sql("SELECT count(*) FROM task t WHERE t.user_id = ? AND t.deleted_at IS NULL AND (t.caller_line_id = ? "
				+ "OR EXISTS (SELECT 1 FROM task_line tl WHERE tl.task_id = t.id AND tl.line_id = ?))")
			.params(userId, lineId, lineId)
			.query(Long.class)
			.single();
	}

	/** Live tasks of a user whose {@code column} is {@code value}; the column is one of ours. */
	long countReferencing(UUID userId, String column, Object value) {
		return jdbc.sql("SELECT count(*) FROM task WHERE user_id = ? AND deleted_at IS NULL AND " + column + " = ?")
			.params(userId, value)
			.query(Long.class)
			.single();
	}

	/** One row of a page's extras: a line of a task ({@code stats} null) or a line's statistics. */
	record LineRow(long taskId, UUID lineId, Integer limit, LineCounters stats) {
	}

	/** The lines and per-line statistics of a page of tasks, in one query. */
	List<LineRow> linesAndStats(Collection<Long> taskIds) {
		if (taskIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("""
				SELECT task_id, line_id, line_limit, position, FALSE AS is_stats,
				       0 AS call_status, CAST(0 AS BIGINT) AS dialed, CAST(0 AS BIGINT) AS answered,
				       CAST(0 AS BIGINT) AS gateway_errors, CAST(0 AS BIGINT) AS normal_hangups,
				       CAST(0 AS BIGINT) AS bill, 0 AS calling, 0 AS answering
				  FROM task_line WHERE task_id IN (:ids)
				UNION ALL
				SELECT task_id, line_id, CAST(NULL AS INTEGER), 0, TRUE,
				       call_status, dialed_number_total, answer_total, gateway_error_hangup_total,
				       normal_hangup_total, bill, calling_count, answering_count
				  FROM task_line_stats WHERE task_id IN (:ids)
				 ORDER BY 1, 5, 4
				""")
			.param("ids", taskIds)
			.query((rs, n) -> {
				int limit = rs.getInt("line_limit");
				Integer lineLimit = rs.wasNull() ? null : limit;
				LineCounters stats = rs.getBoolean("is_stats")
						? new LineCounters(rs.getInt("call_status"), rs.getLong("dialed"), rs.getLong("answered"),
								rs.getLong("gateway_errors"), rs.getLong("normal_hangups"), rs.getLong("bill"),
								rs.getInt("calling"), rs.getInt("answering"))
						: null;
				return new LineRow(rs.getLong("task_id"), rs.getObject("line_id", UUID.class), lineLimit, stats);
			})
			.list();
	}

	/** A task the user starts, pauses or deletes gives up a line share kept for it (end_action 2). */
	int releaseLineReservation(long taskId) {
		return jdbc.sql("UPDATE task_runtime SET line_reserved = FALSE WHERE task_id = ? AND line_reserved").param(taskId).update();
	}

	OffsetDateTime softDelete(long id, OffsetDateTime now) {
		jdbc.sql("UPDATE task SET deleted_at = ?, updated_at = ? WHERE id = ?").params(now, now, id).update();
		return now;
	}

}
