package io.calltask.schedule;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A time group (旧时间组): a named schedule that tasks copy when assigned. */
public record TimeGroup(long id, UUID userId, String name, WeeklySchedule schedule, OffsetDateTime createdAt,
		OffsetDateTime updatedAt) {
}
