package io.calltask.schedule.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.calltask.api.PageRequest;
import io.calltask.schedule.CalendarDay;
import io.calltask.schedule.HolidayCalendar;

/** Holiday calendars and their days; a calendar is read with its days, a page with one query for all days. */
@Repository
public class HolidayCalendarRepository {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	HolidayCalendarRepository(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	/** A calendar's row as stored, before its days are attached. */
	private record Head(long id, UUID agentId, String name, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
	}

	public long insert(UUID agentId, String name, List<CalendarDay> days, OffsetDateTime now) {
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("INSERT INTO holiday_calendar (agent_id, name, created_at, updated_at) VALUES (?, ?, ?, ?)")
			.params(agentId, name, now, now)
			.update(key, "id");
		long id = key.getKeyAs(Long.class);
		insertDays(id, days);
		return id;
	}

	public void update(long id, String name, List<CalendarDay> days, OffsetDateTime now) {
		jdbc.sql("UPDATE holiday_calendar SET name = ?, updated_at = ? WHERE id = ?").params(name, now, id).update();
		if (days != null) {
			jdbc.sql("DELETE FROM holiday_calendar_day WHERE calendar_id = ?").param(id).update();
			insertDays(id, days);
		}
	}

	private void insertDays(long id, List<CalendarDay> days) {
		List<Object[]> rows = new ArrayList<>(days.size());
		for (int i = 0; i < days.size(); i++) {
			CalendarDay d = days.get(i);
			rows.add(new Object[] { id, java.sql.Date.valueOf(d.date()), d.type().word(), d.asWeekday(), i });
		}
		batch.batchUpdate("INSERT INTO holiday_calendar_day (calendar_id, calendar_date, day_type, as_weekday, position) "
				+ "VALUES (?, ?, ?, ?, ?)", rows, new int[] { java.sql.Types.BIGINT, java.sql.Types.DATE,
						java.sql.Types.VARCHAR, java.sql.Types.INTEGER, java.sql.Types.INTEGER });
	}

	public void delete(long id) {
		jdbc.sql("DELETE FROM holiday_calendar WHERE id = ?").param(id).update();
	}

	/** The agent's calendar, locked for the rest of the transaction when {@code lock}. */
	public Optional<HolidayCalendar> find(UUID agentId, long id, boolean lock) {
		List<Head> heads = jdbc.sql("SELECT * FROM holiday_calendar WHERE id = ? AND agent_id = ?"
				+ (lock ? " FOR UPDATE" : ""))
			.params(id, agentId)
			.query(HolidayCalendarRepository::head)
			.list();
		return withDays(heads).stream().findFirst();
	}

	/**
	 * The calendars of these ids, any agent's, in no order; with {@code lock} they stay locked for the
	 * rest of the transaction (a calendar named by a task being written is not deleted meanwhile).
	 */
	public Map<Long, HolidayCalendar> byIds(Collection<Long> ids, boolean lock) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		List<Head> heads = jdbc.sql("SELECT * FROM holiday_calendar WHERE id IN (:ids) ORDER BY id"
				+ (lock ? " FOR UPDATE" : ""))
			.param("ids", ids)
			.query(HolidayCalendarRepository::head)
			.list();
		Map<Long, HolidayCalendar> found = new HashMap<>();
		withDays(heads).forEach(c -> found.put(c.id(), c));
		return found;
	}

	public long count(UUID agentId) {
		return jdbc.sql("SELECT count(*) FROM holiday_calendar WHERE agent_id = ?").param(agentId).query(Long.class).single();
	}

	public List<HolidayCalendar> page(UUID agentId, PageRequest page) {
		return withDays(jdbc.sql("SELECT * FROM holiday_calendar WHERE agent_id = ? ORDER BY id DESC LIMIT ? OFFSET ?")
			.params(agentId, page.perPage(), page.offset())
			.query(HolidayCalendarRepository::head)
			.list());
	}

	/** The calendars with their days, in the heads' order, one query for the days of all. */
	private List<HolidayCalendar> withDays(List<Head> heads) {
		if (heads.isEmpty()) {
			return List.of();
		}
		Map<Long, List<CalendarDay>> days = new LinkedHashMap<>();
		heads.forEach(h -> days.put(h.id(), new ArrayList<>()));
		jdbc.sql("SELECT calendar_id, calendar_date, day_type, as_weekday FROM holiday_calendar_day "
				+ "WHERE calendar_id IN (:ids) ORDER BY calendar_id, position")
			.param("ids", days.keySet())
			.query((rs, n) -> {
				int weekday = rs.getInt(4);
				Integer asWeekday = rs.wasNull() ? null : weekday;
				days.get(rs.getLong(1))
					.add(new CalendarDay(rs.getObject(2, LocalDate.class), CalendarDay.Type.of(rs.getString(3)),
							asWeekday));
				return null;
			})
			.list();
		List<HolidayCalendar> out = new ArrayList<>(heads.size());
		for (Head h : heads) {
			out.add(new HolidayCalendar(h.id(), h.agentId(), h.name(), days.get(h.id()), h.createdAt(), h.updatedAt()));
		}
		return out;
	}

	private static Head head(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Head(rs.getLong("id"), rs.getObject("agent_id", UUID.class), rs.getString("name"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
	}

}
