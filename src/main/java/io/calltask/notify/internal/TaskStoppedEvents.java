package io.calltask.notify.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.task.TaskStopped;
import io.calltask.time.DateTimes;

/**
 * {@code task.stopped}: stored in the transaction that stopped the task (the task module publishes
 * {@link TaskStopped} inside it), when the task has a {@code call_stop_notify_url}.
 */
@Component
class TaskStoppedEvents {

	static final String TYPE = "task.stopped";

	private final JdbcClient jdbc;

	private final EventStore events;

	private final DateTimes time;

	private final Clock clock;

	private final JsonMapper json;

	TaskStoppedEvents(JdbcClient jdbc, EventStore events, DateTimes time, Clock clock, JsonMapper json) {
		this.jdbc = jdbc;
		this.events = events;
		this.time = time;
		this.clock = clock;
		this.json = json;
	}

	@EventListener
	void stopped(TaskStopped stopped) {
		Instant now = clock.instant();
		jdbc.sql("SELECT t.name, t.call_stop_notify_url, u.agent_id, COALESCE(r.number_count, 0), "
				+ "(SELECT COALESCE(SUM(s.dialed_number_total), 0) FROM task_line_stats s WHERE s.task_id = t.id), "
				+ "(SELECT COALESCE(SUM(s.answer_total), 0) FROM task_line_stats s WHERE s.task_id = t.id) "
				+ "FROM task t JOIN app_user u ON u.id = t.user_id LEFT JOIN task_runtime r ON r.task_id = t.id "
				+ "WHERE t.id = ? AND t.call_stop_notify_url IS NOT NULL AND t.call_stop_notify_url <> ''")
			.param(stopped.taskId())
			.query((rs, n) -> {
				UUID id = CallFinishedEvents.newId();
				Map<String, Object> data = new LinkedHashMap<>();
				data.put("user_id", stopped.userId().toString());
				data.put("task_id", stopped.taskUuid().toString());
				data.put("task_name", rs.getString(1));
				data.put("reason", stopped.reason().word());
				data.put("stop_datetime", time.format(now));
				data.put("number_count", rs.getLong(4));
				data.put("dialed_number_total", rs.getLong(5));
				data.put("answer_total", rs.getLong(6));
				return new EventStore.NewEvent(id, stopped.taskId(), rs.getObject(3, UUID.class), TYPE, rs.getString(2),
						CallFinishedEvents.body(json, time, TYPE, id, now, data), false, now);
			})
			.optional()
			.ifPresent(events::insert);
	}

}
