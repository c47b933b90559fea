package io.calltask.schedule;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A holiday calendar of an agent, shared by all its users' tasks: named days, in the order given. */
public record HolidayCalendar(long id, UUID agentId, String name, List<CalendarDay> days, OffsetDateTime createdAt,
		OffsetDateTime updatedAt) {

	public HolidayCalendar {
		days = List.copyOf(days);
	}

}
