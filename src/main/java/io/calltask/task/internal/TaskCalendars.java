package io.calltask.task.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import io.calltask.agent.Users;
import io.calltask.api.JsonBody;
import io.calltask.schedule.CalendarDay;
import io.calltask.schedule.CalendarDays;
import io.calltask.schedule.CalendarReferences;
import io.calltask.schedule.HolidayCalendars;

/**
 * A task's {@code holiday_calendar_ids} (API.md section 10): read from a body (calendars of the
 * user's agent, locked until the write commits so none is deleted meanwhile), stored in
 * {@code task_holiday_calendar}, shown in items, and merged into the days the dialer follows. A
 * calendar a live task uses is not deleted.
 */
@Component
class TaskCalendars implements CalendarReferences {

	static final String KEY = "holiday_calendar_ids";

	static final int MAX_CALENDARS = 20;

	private final JdbcClient jdbc;

	private final HolidayCalendars calendars;

	private final Users users;

	TaskCalendars(JdbcClient jdbc, HolidayCalendars calendars, Users users) {
		this.jdbc = jdbc;
		this.calendars = calendars;
		this.users = users;
	}

	/** The body's {@code holiday_calendar_ids}, null (with the error on the key) if it is not valid; null reads as none. */
	List<Long> read(JsonBody body, UUID userId) {
		JsonNode node = body.node(KEY);
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (!node.isArray() || node.size() > MAX_CALENDARS) {
			body.errors().add(KEY, "必须是不超过 " + MAX_CALENDARS + " 项的节假日日历 id（整数）数组");
			return null;
		}
		Set<Long> ids = new LinkedHashSet<>();
		boolean valid = true;
		for (int i = 0; i < node.size(); i++) {
			JsonNode id = node.get(i);
			if (!id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() < 1) {
				body.errors().add(KEY, "第 " + (i + 1) + " 项：必须是节假日日历 id（正整数）");
				valid = false;
			}
			else if (!ids.add(id.longValue())) {
				body.errors().add(KEY, "第 " + (i + 1) + " 项：节假日日历重复");
				valid = false;
			}
		}
		UUID agentId = users.agentOf(userId).orElse(null);
		Set<Long> owned = agentId == null ? Set.of() : calendars.lockOwned(agentId, ids);
		for (Long id : ids) {
			if (!owned.contains(id)) {
				body.errors().add(KEY, HolidayCalendars.NOT_FOUND + "：" + id);
				valid = false;
			}
		}
		return valid ? new ArrayList<>(ids) : null;
	}

	void replace(long taskId, List<Long> ids) {
		jdbc.sql("DELETE FROM task_holiday_calendar WHERE task_id = ?").param(taskId).update();
		for (int i = 0; i < ids.size(); i++) {
			jdbc.sql("INSERT INTO task_holiday_calendar (task_id, holiday_calendar_id, position) VALUES (?, ?, ?)")
				.params(taskId, ids.get(i), i)
				.update();
		}
	}

	/** Each task's calendar ids in its order (a task with none is absent), one query for all. */
	Map<Long, List<Long>> idsOf(Collection<Long> taskIds) {
		Map<Long, List<Long>> ids = new HashMap<>();
		if (taskIds.isEmpty()) {
			return ids;
		}
		jdbc.sql("SELECT task_id, holiday_calendar_id FROM task_holiday_calendar WHERE task_id IN (:ids) "
				+ "ORDER BY task_id, position")
			.param("ids", taskIds)
			.query((rs, n) -> ids.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)))
			.list();
		return ids;
	}

	/** The merged days each task follows (a task with no calendar is absent): two queries for all. */
	Map<Long, CalendarDays> daysOf(Collection<Long> taskIds) {
		Map<Long, List<Long>> ids = idsOf(taskIds);
		if (ids.isEmpty()) {
			return Map.of();
		}
		Set<Long> all = new HashSet<>();
		ids.values().forEach(all::addAll);
		Map<Long, List<CalendarDay>> days = calendars.days(all);
		Map<List<Long>, CalendarDays> merged = new HashMap<>();
		Map<Long, CalendarDays> out = new HashMap<>();
		ids.forEach((task, list) -> out.put(task, merged.computeIfAbsent(list, l -> {
			List<CalendarDay> union = new ArrayList<>();
			l.forEach(id -> union.addAll(days.getOrDefault(id, List.of())));
			return CalendarDays.of(union);
		})));
		return out;
	}

	@Override
	public long countUsing(long calendarId) {
		return jdbc.sql("SELECT count(*) FROM task t JOIN task_holiday_calendar c ON c.task_id = t.id "
				+ "WHERE c.holiday_calendar_id = ? AND t.deleted_at IS NULL")
			.param(calendarId)
			.query(Long.class)
			.single();
	}

}
