package io.calltask.task.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SimplePropertyRowMapper;

/**
 * A stored task: its identity, its {@link TaskSettings}, its times, and the dialer's runtime view
 * (no runtime row reads as never run). Columns are read by name.
 */
record TaskRow(long id, UUID uuid, UUID userId, TaskSettings settings, OffsetDateTime createdAt,
		OffsetDateTime updatedAt, OffsetDateTime deletedAt, boolean callStatus, long numberCount, int cacheNumberCount,
		boolean lineReserved) {

	/** What {@link #map} reads, of the task {@code t} and its runtime row {@code r}. */
	static final String COLUMNS = "t.*, r.call_status, r.number_count, r.cache_number_count, r.line_reserved";

	/** {@link #COLUMNS} of a task and its runtime row, to be followed by a WHERE on {@code t}. */
	static final String SELECT = "SELECT " + COLUMNS + " FROM task t LEFT JOIN task_runtime r ON r.task_id = t.id";

	/** Settings by column name (snake_case of each component). */
	private static final RowMapper<TaskSettings> SETTINGS = new SimplePropertyRowMapper<>(TaskSettings.class);

	static TaskRow map(ResultSet rs, int rowNum) throws SQLException {
		return new TaskRow(rs.getLong("id"), rs.getObject("uuid", UUID.class), rs.getObject("user_id", UUID.class),
				SETTINGS.mapRow(rs, rowNum), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("deleted_at", OffsetDateTime.class),
				rs.getBoolean("call_status"), rs.getLong("number_count"), rs.getInt("cache_number_count"),
				rs.getBoolean("line_reserved"));
	}

	boolean enable() {
		return settings.enable();
	}

}
