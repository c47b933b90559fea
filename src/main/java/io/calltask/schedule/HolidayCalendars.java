package io.calltask.schedule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

import io.calltask.api.ApiException;
import io.calltask.api.JsonBody;
import io.calltask.api.PageRequest;
import io.calltask.schedule.internal.CalendarInput;
import io.calltask.schedule.internal.HolidayCalendarRepository;
import io.calltask.time.DateTimes;

/**
 * Holiday calendars (API.md section 10), an agent's, shared by its users' tasks: written from API
 * bodies, shown as the API shows them, checked when a task names them, and their days for the dialer.
 * A calendar a live task uses is not deleted (409, asked of {@link CalendarReferences}).
 */
@Service
public class HolidayCalendars {

	public static final String NOT_FOUND = "节假日日历不存在";

	private final HolidayCalendarRepository calendars;

	private final DateTimes time;

	private final ObjectProvider<CalendarReferences> references;

	HolidayCalendars(HolidayCalendarRepository calendars, DateTimes time, ObjectProvider<CalendarReferences> references) {
		this.calendars = calendars;
		this.time = time;
		this.references = references;
	}

	@Transactional
	public HolidayCalendar create(UUID agentId, JsonNode json) {
		JsonBody body = JsonBody.of(json);
		String name = body.requiredName("name", 100);
		List<CalendarDay> days = body.has("days") ? CalendarInput.days(body) : List.of();
		body.throwIfInvalid();
		long id = calendars.insert(agentId, name, days, time.nowForStorage());
		return find(agentId, id);
	}

	/** The body's keys applied ({@code name}, {@code days} replacing every day); absent keys kept. */
	@Transactional
	public HolidayCalendar update(UUID agentId, long id, JsonNode json) {
		HolidayCalendar current = calendars.find(agentId, id, true).orElseThrow(HolidayCalendars::notFound);
		JsonBody body = JsonBody.of(json);
		String name = body.has("name") ? body.requiredName("name", 100) : current.name();
		List<CalendarDay> days = body.has("days") ? CalendarInput.days(body) : null;
		body.throwIfInvalid();
		calendars.update(id, name, days, time.nowForStorage());
		return find(agentId, id);
	}

	/** Deletes the agent's calendar unless a live task uses it (409 on {@code holiday_calendar_id}). */
	@Transactional
	public void delete(UUID agentId, long id) {
		HolidayCalendar calendar = calendars.find(agentId, id, true).orElseThrow(HolidayCalendars::notFound);
		long users = references.orderedStream().mapToLong(r -> r.countUsing(calendar.id())).sum();
		if (users > 0) {
			throw new ApiException.Conflict("holiday_calendar_id",
					"节假日日历正在被 " + users + " 个任务使用，请先从这些任务中移除");
		}
		calendars.delete(calendar.id());
	}

	public HolidayCalendar find(UUID agentId, long id) {
		return calendars.find(agentId, id, false).orElseThrow(HolidayCalendars::notFound);
	}

	public long count(UUID agentId) {
		return calendars.count(agentId);
	}

	public List<HolidayCalendar> page(UUID agentId, PageRequest page) {
		return calendars.page(agentId, page);
	}

	/**
	 * Of these ids, those that name a calendar of the agent, locked until the caller's transaction ends
	 * (so a calendar a task is about to name is not deleted meanwhile).
	 */
	public Set<Long> lockOwned(UUID agentId, Collection<Long> ids) {
		return calendars.byIds(ids, true)
			.values()
			.stream()
			.filter(c -> c.agentId().equals(agentId))
			.map(HolidayCalendar::id)
			.collect(Collectors.toSet());
	}

	/** The days of each of these calendars (one read for all; a calendar gone has none). */
	public Map<Long, List<CalendarDay>> days(Collection<Long> ids) {
		Map<Long, List<CalendarDay>> days = new HashMap<>();
		calendars.byIds(ids, false).forEach((id, c) -> days.put(id, c.days()));
		return days;
	}

	/** A calendar as the API shows it. */
	public Map<String, Object> view(HolidayCalendar calendar) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("holiday_calendar_id", calendar.id());
		view.put("name", calendar.name());
		List<Map<String, Object>> days = new ArrayList<>(calendar.days().size());
		for (CalendarDay d : calendar.days()) {
			Map<String, Object> day = new LinkedHashMap<>();
			day.put("date", d.date().toString());
			day.put("type", d.type().word());
			day.put("as_weekday", d.asWeekday());
			days.add(day);
		}
		view.put("days", days);
		view.put("create_datetime", time.format(calendar.createdAt()));
		view.put("alter_datetime", time.format(calendar.updatedAt()));
		return view;
	}

	private static ApiException.NotFound notFound() {
		return new ApiException.NotFound(NOT_FOUND);
	}

}
