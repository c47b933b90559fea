package io.calltask.schedule.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.calltask.api.PageRequest;
import io.calltask.schedule.ScheduleJson;
import io.calltask.schedule.TimeGroup;
import io.calltask.schedule.WeeklySchedule;

@Repository
public class TimeGroupRepository {

	private final JdbcClient jdbc;

	TimeGroupRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public long insert(UUID userId, String name, WeeklySchedule schedule, OffsetDateTime now) {
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("INSERT INTO dial_time (user_id, name, work_week, work_hour, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")
			.params(userId, name, ScheduleJson.weekJson(schedule.workWeek()), ScheduleJson.hoursJson(schedule.workHours()),
					now, now)
			.update(key, "id");
		return key.getKeyAs(Long.class);
	}

	public void update(long id, String name, WeeklySchedule schedule, OffsetDateTime now) {
		jdbc.sql("UPDATE dial_time SET name = ?, work_week = ?, work_hour = ?, updated_at = ? WHERE id = ?")
			.params(name, ScheduleJson.weekJson(schedule.workWeek()), ScheduleJson.hoursJson(schedule.workHours()), now,
					id)
			.update();
	}

	public boolean delete(UUID userId, long id) {
		return jdbc.sql("DELETE FROM dial_time WHERE id = ? AND user_id = ?").params(id, userId).update() == 1;
	}

	public Optional<TimeGroup> find(UUID userId, long id) {
		return jdbc.sql("SELECT * FROM dial_time WHERE id = ? AND user_id = ?")
			.params(id, userId)
			.query(TimeGroupRepository::map)
			.optional();
	}

	public long count(UUID userId) {
		return jdbc.sql("SELECT count(*) FROM dial_time WHERE user_id = ?").param(userId).query(Long.class).single();
	}

	public List<TimeGroup> page(UUID userId, PageRequest page) {
		return jdbc.sql("SELECT * FROM dial_time WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?")
			.params(userId, page.perPage(), page.offset())
			.query(TimeGroupRepository::map)
			.list();
	}

	private static TimeGroup map(ResultSet rs, int row) throws SQLException {
		return new TimeGroup(rs.getLong("id"), rs.getObject("user_id", UUID.class), rs.getString("name"),
				ScheduleJson.fromJson(rs.getString("work_week"), rs.getString("work_hour")),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
	}

}
