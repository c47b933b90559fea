package io.calltask.task.internal;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;

/**
 * A stored task: its identity, its {@link TaskSettings}, its times, and the dialer's runtime view
 * (no runtime row reads as never run). Read by column name ({@link #mapper()}).
 */
record TaskRow(long id, UUID uuid, UUID userId, TaskSettings settings, OffsetDateTime createdAt,
		OffsetDateTime updatedAt, OffsetDateTime deletedAt, boolean callStatus, long numberCount, int cacheNumberCount,
		boolean lineReserved, RuntimePacing runtimePacing) {

	/** What {@link #mapper()} reads, of the task {@code t} and its runtime row {@code r}. */
	static final String COLUMNS = "t.*, r.call_status, r.number_count, r.cache_number_count, r.line_reserved, "
			+ "r.dial_level, r.seats_available, r.answered_today, r.abandoned_today, r.pacing_day";

	/** What the leading dialer last wrote of the task's pacing by seats; each null until it has. */
	record RuntimePacing(Double dialLevel, Integer seatsAvailable, Integer answeredToday, Integer abandonedToday,
			java.time.LocalDate pacingDay) {
	}

	/** {@link #COLUMNS} of a task and its runtime row, to be followed by a WHERE on {@code t}. */
	static final String SELECT = "SELECT " + COLUMNS + " FROM task t LEFT JOIN task_runtime r ON r.task_id = t.id";

	private static final RecordRowMapper<TaskRow> ROWS = new RecordRowMapper<>(TaskRow.class);

	/** Reads the rows of one query of {@link #COLUMNS}. */
	static RowMapper<TaskRow> mapper() {
		return ROWS.forQuery();
	}

	boolean enable() {
		return settings.identity().enable();
	}

}
