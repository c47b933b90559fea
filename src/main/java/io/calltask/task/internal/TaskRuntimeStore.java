package io.calltask.task.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.schedule.CalendarDays;
import io.calltask.schedule.RemoteSchedule;
import io.calltask.task.LineCounters;
import io.calltask.task.NumberMoves;
import io.calltask.task.NumberTotals;
import io.calltask.task.TaskChanged;
import io.calltask.task.TaskChanged.Change;
import io.calltask.task.TaskRuntime;
import io.calltask.task.TaskStopped;
import io.calltask.time.DateTimes;

/**
 * The dialer's side of tasks. The runtime row of a task is created on its first write, so a task
 * the dialer never touched reads as "never run".
 */
@Service
class TaskRuntimeStore implements TaskRuntime {

	private final JdbcClient jdbc;

	private final org.springframework.jdbc.core.JdbcTemplate batch;

	private final TaskRepository tasks;

	private final DateTimes time;

	private final ApplicationEventPublisher events;

	private final OriginateVariables originateVariables;

	private final JsonMapper json;

	private final TaskCalendars calendars;

	TaskRuntimeStore(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch, TaskRepository tasks,
			DateTimes time, ApplicationEventPublisher events, OriginateVariables originateVariables, JsonMapper json,
			TaskCalendars calendars) {
		this.calendars = calendars;
		this.originateVariables = originateVariables;
		this.json = json;
		this.jdbc = jdbc;
		this.batch = batch;
		this.tasks = tasks;
		this.time = time;
		this.events = events;
	}

	@Override
	public Optional<TaskRef> find(UUID userId, UUID taskId) {
		return jdbc.sql("SELECT id, uuid, user_id, pop_mode FROM task WHERE uuid = ? AND user_id = ? AND deleted_at IS NULL")
			.params(taskId, userId)
			.query((rs, n) -> new TaskRef(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
					rs.getInt(4)))
			.optional();
	}

	@Override
	@Transactional(readOnly = true)
	public List<DialTask> candidates(Instant now) {
		List<DialTask> found = new ArrayList<>(load(jdbc.sql(TaskRow.SELECT + " WHERE t.deleted_at IS NULL "
				+ "AND (t.enable OR r.line_reserved OR r.call_status) AND r.task_id IN "
				+ "(SELECT task_id FROM task_runtime WHERE number_count > 0 OR line_reserved OR call_status)")));
		found.addAll(load(jdbc.sql(TaskRow.SELECT + " WHERE t.restart_at IS NOT NULL AND t.restart_at <= ? "
				+ "AND t.deleted_at IS NULL AND NOT t.enable").param(OffsetDateTime.ofInstant(now, time.zone()))));
		Map<Long, DialTask> unique = new java.util.LinkedHashMap<>();
		found.forEach(t -> unique.putIfAbsent(t.id(), t));
		return new ArrayList<>(unique.values());
	}

	@Override
	@Transactional(readOnly = true)
	public List<DialTask> byIds(Collection<Long> taskIds) {
		if (taskIds.isEmpty()) {
			return List.of();
		}
		List<DialTask> found = new ArrayList<>();
		List<Long> ids = new ArrayList<>(taskIds);
		for (int from = 0; from < ids.size(); from += 500) {
			List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
			found.addAll(load(jdbc.sql(TaskRow.SELECT + " WHERE t.id IN (:ids)").param("ids", chunk)));
		}
		return found;
	}

	/** The tasks a statement over {@link TaskRow#SELECT} selects, with their lines. */
	private List<DialTask> load(JdbcClient.StatementSpec statement) {
		List<TaskRow> rows = statement.query(TaskRow.mapper()).list();
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, List<DialLine>> lines = new HashMap<>();
		List<Long> ids = rows.stream().map(TaskRow::id).toList();
		jdbc.sql("SELECT task_id, line_id, line_limit FROM task_line WHERE task_id IN (:ids) ORDER BY task_id, position")
			.param("ids", ids)
			.query((rs, n) -> {
				int limit = rs.getInt(3);
				Integer share = rs.wasNull() ? null : limit;
				lines.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
					.add(new DialLine(rs.getObject(2, UUID.class), share));
				return null;
			})
			.list();
		// Reread with the task (every calltask.dialer.refresh): a calendar's change reaches the dialer so.
		Map<Long, CalendarDays> days = calendars.daysOf(ids);
		List<DialTask> out = new ArrayList<>(rows.size());
		for (TaskRow row : rows) {
			out.add(dialTask(row, lines.getOrDefault(row.id(), List.of()), days.get(row.id())));
		}
		return out;
	}

	private DialTask dialTask(TaskRow row, List<DialLine> lines, CalendarDays days) {
		TaskSettings t = row.settings();
		RemoteSchedule schedule = RemoteSchedule.of(t.schedule());
		List<Holiday> holidays = new ArrayList<>();
		for (JsonNode period : json.readTree(t.dates().holiday())) {
			OffsetDateTime begin = time.parseOrNull(period.path("begin").asString(null));
			OffsetDateTime end = time.parseOrNull(period.path("end").asString(null));
			if (begin != null && end != null) {
				holidays.add(new Holiday(begin.toInstant(), end.toInstant()));
			}
		}
		TaskSettings.Dialing d = t.dialing();
		TaskSettings.Dates dates = t.dates();
		TaskSettings.Destination to = t.destination();
		TaskSettings.Webhooks hooks = t.webhooks();
		TaskRow.RuntimePacing rp = row.runtimePacing();
		PacingToday today = rp.pacingDay() == null ? PacingToday.NONE
				: new PacingToday(value(rp.answeredToday()), value(rp.abandonedToday()), rp.pacingDay());
		State state = new State(t.identity().enable(), row.deletedAt() != null, row.numberCount(), row.callStatus(),
				row.lineReserved(), d.endAction() == null ? 0 : d.endAction(), instant(dates.restartAt()), today);
		Pacing pacing = new Pacing(d.maximumcall(), d.cps(), lines, d.popMode(), t.references().autoRecycleRuleId(),
				d.callPauseSecond());
		Window window = new Window(schedule, instant(dates.startTime()), instant(dates.stopTime()), holidays, days);
		Originate originate = new Originate(originateVariables.allowedPairs(to.originateVariables()),
				d.originateTimeout(), d.originationCallerIdNumber(), d.dialFormat(),
				to.destinationExtension() == null ? "" : to.destinationExtension().toString(), to.destinationDialplan(),
				to.destinationContext());
		Notify webhook = new Notify(hooks.callNotifyType(),
				hooks.callNotifyUrl() != null && !hooks.callNotifyUrl().isEmpty());
		TaskSettings.Transfer x = t.transfer();
		TaskSettings.SeatPacing p = t.seatPacing();
		Transfer transfer = x.bridgeGroupId() == null ? Transfer.NONE
				: new Transfer(x.bridgeGroupId().longValue(), x.directBridge() == 1, x.directBridgeEcho() == 1,
						x.bridgeMaximumcall(), x.emptySeatStop() == 1, x.backgroundFileId(), DialMode.of(p.mode(x)),
						x.bridgeProportion(), p.maxDialLevel(), p.maxAbandonRate());
		return new DialTask(row.id(), row.uuid(), row.userId(), t.identity().name(), state, pacing, window, originate,
				webhook, transfer);
	}

	private static long value(Integer count) {
		return count == null ? 0 : count;
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	@Override
	public void addNumbers(long taskId, UUID userId, NumberMoves moves) {
		if (moves.isEmpty()) {
			return;
		}
		ensureRow(taskId, userId);
		// New numbers: the task can finish again, and say so again (task.stopped, finished).
		jdbc.sql("UPDATE task_runtime SET number_count = number_count + ?, called_count = called_count + ?, "
				+ "failed_count = failed_count + ?, filtered_count = filtered_count + ?, updated_at = ?, "
				+ "finished_notified = CASE WHEN ? > 0 THEN FALSE ELSE finished_notified END WHERE task_id = ?")
			.params(moves.open(), moves.called(), moves.failed(), moves.filtered(), time.nowForStorage(), moves.open(),
					taskId)
			.update();
	}

	@Override
	public NumberTotals numberTotals(long taskId) {
		return jdbc.sql("SELECT number_count, called_count, failed_count, filtered_count FROM task_runtime WHERE task_id = ?")
			.param(taskId)
			.query((rs, i) -> new NumberTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
			.optional()
			.orElse(NumberTotals.NONE);
	}

	@Override
	public void recordStates(Collection<RuntimeState> states) {
		if (states.isEmpty()) {
			return;
		}
		OffsetDateTime now = time.nowForStorage();
		List<RuntimeState> list = new ArrayList<>(states);
		List<Object[]> rows = new ArrayList<>(list.size());
		for (RuntimeState s : list) {
			rows.add(new Object[] { s.callStatus(), s.cacheNumberCount(), s.lineReserved(), now, s.taskId() });
		}
		String sql = "UPDATE task_runtime SET call_status = ?, cache_number_count = ?, "
				+ "line_reserved = COALESCE(?, line_reserved), updated_at = ? WHERE task_id = ?";
		updateOrCreate(sql, rows, TYPES_STATE, i -> ensureRow(list.get(i).taskId(), list.get(i).userId()));
	}

	@Override
	public void recordPacing(Collection<PacingState> states) {
		if (states.isEmpty()) {
			return;
		}
		List<Object[]> rows = new ArrayList<>(states.size());
		for (PacingState s : states) {
			rows.add(new Object[] { s.dialLevel(), (int) Math.round(s.seatsAvailable()), (int) s.answeredToday(),
					(int) s.abandonedToday(), java.sql.Date.valueOf(s.day()), s.taskId() });
		}
		// A task's runtime row exists once it has dialed (recordStates made it); a LocalDate as a DATE.
		batch.batchUpdate("UPDATE task_runtime SET dial_level = ?, seats_available = ?, answered_today = ?, "
				+ "abandoned_today = ?, pacing_day = ? WHERE task_id = ?", rows);
	}

	private static final int[] TYPES_STATE = { java.sql.Types.BOOLEAN, java.sql.Types.INTEGER, java.sql.Types.BOOLEAN,
			java.sql.Types.TIMESTAMP_WITH_TIMEZONE, java.sql.Types.BIGINT };

	private static final String ADD_LINE_STATS = "UPDATE task_line_stats SET "
			+ "call_status = CASE WHEN ? < 0 THEN call_status ELSE ? END, "
			+ "dialed_number_total = dialed_number_total + ?, answer_total = answer_total + ?, "
			+ "gateway_error_hangup_total = gateway_error_hangup_total + ?, "
			+ "normal_hangup_total = normal_hangup_total + ?, bill = bill + ?, "
			+ "calling_count = calling_count + ?, answering_count = answering_count + ?, updated_at = ? "
			+ "WHERE task_id = ? AND line_id = ?";

	/** Batched: the dialer writes these every few milliseconds while it runs. */
	@Override
	public void addLineStats(Collection<LineStatsDelta> deltas) {
		if (deltas.isEmpty()) {
			return;
		}
		OffsetDateTime now = time.nowForStorage();
		List<LineStatsDelta> list = new ArrayList<>(deltas);
		List<Object[]> rows = new ArrayList<>(list.size());
		for (LineStatsDelta d : list) {
			LineCounters c = d.counters();
			rows.add(new Object[] { c.callStatus(), c.callStatus(), c.dialed(), c.answered(), c.gatewayErrors(),
					c.normalHangups(), c.bill(), c.calling(), c.answering(), now, d.taskId(), d.lineId() });
		}
		updateOrCreate(ADD_LINE_STATS, rows, null, i -> jdbc
			.sql("INSERT INTO task_line_stats (task_id, line_id, call_status, dialed_number_total, answer_total, "
					+ "gateway_error_hangup_total, normal_hangup_total, bill, calling_count, answering_count, "
					+ "updated_at) VALUES (?, ?, 0, 0, 0, 0, 0, 0, 0, 0, ?) ON CONFLICT DO NOTHING")
			.params(list.get(i).taskId(), list.get(i).lineId(), now)
			.update());
	}

	/**
	 * Batch-updates {@code rows}; for a row that matched nothing, {@code create} makes the missing
	 * row (given the row's index) and the update runs again for it. Runtime rows are created on
	 * first write, so most writes find theirs.
	 */
	private void updateOrCreate(String sql, List<Object[]> rows, int[] types, java.util.function.IntConsumer create) {
		int[] counts = types == null ? batch.batchUpdate(sql, rows) : batch.batchUpdate(sql, rows, types);
		List<Object[]> again = new ArrayList<>();
		for (int i = 0; i < counts.length; i++) {
			if (counts[i] == 0) {
				create.accept(i);
				again.add(rows.get(i));
			}
		}
		if (!again.isEmpty()) {
			if (types == null) {
				batch.batchUpdate(sql, again);
			}
			else {
				batch.batchUpdate(sql, again, types);
			}
		}
	}

	private void ensureRow(long taskId, UUID userId) {
		jdbc.sql("INSERT INTO task_runtime (task_id, user_id, call_status, number_count, cache_number_count, "
				+ "line_reserved, updated_at) SELECT ?, ?, FALSE, 0, 0, FALSE, ? "
				+ "WHERE NOT EXISTS (SELECT 1 FROM task_runtime WHERE task_id = ?) ON CONFLICT DO NOTHING")
			.params(taskId, userId, time.nowForStorage(), taskId)
			.update();
	}

	@Override
	@Transactional
	public boolean pauseWhenOutOfNumbers(long taskId, boolean reserveLines) {
		Optional<TaskRow> task = lockLive(taskId);
		if (task.isEmpty() || !task.get().enable() || task.get().numberCount() > 0) {
			return false;
		}
		return pause(task.get(), reserveLines, TaskStopped.Reason.PAUSED);
	}

	@Override
	@Transactional
	public boolean pauseByDialer(long taskId, boolean reserveLines, TaskStopped.Reason reason) {
		Optional<TaskRow> task = lockLive(taskId);
		if (task.isEmpty() || !task.get().enable()) {
			return false;
		}
		return pause(task.get(), reserveLines, reason);
	}

	@Override
	@Transactional
	public boolean finishedOutOfNumbers(long taskId) {
		Optional<TaskRow> task = lockLive(taskId);
		if (task.isEmpty() || !task.get().enable() || task.get().numberCount() > 0) {
			return false;
		}
		TaskRow t = task.get();
		ensureRow(t.id(), t.userId());
		if (jdbc.sql("UPDATE task_runtime SET finished_notified = TRUE WHERE task_id = ? AND finished_notified = FALSE")
			.param(t.id())
			.update() == 0) {
			return false; // already told since its last numbers came
		}
		events.publishEvent(new TaskStopped(t.id(), t.userId(), t.uuid(), TaskStopped.Reason.FINISHED));
		return true;
	}

	private boolean pause(TaskRow found, boolean reserveLines, TaskStopped.Reason reason) {
		TaskRow t = found;
		tasks.setEnabled(t.id(), false, time.nowForStorage());
		tasks.lockCounters(t.userId());
		tasks.recordWrite(t.userId(), 0, -1);
		ensureRow(t.id(), t.userId());
		jdbc.sql("UPDATE task_runtime SET line_reserved = ?, call_status = FALSE WHERE task_id = ?")
			.params(reserveLines, t.id())
			.update();
		events.publishEvent(new TaskChanged(t.userId(), t.uuid(), Change.PAUSED));
		events.publishEvent(new TaskStopped(t.id(), t.userId(), t.uuid(), reason));
		return true;
	}

	@Override
	@Transactional
	public boolean restartByDialer(long taskId) {
		Optional<TaskRow> task = lockLive(taskId);
		if (task.isEmpty() || task.get().enable()) {
			return false;
		}
		TaskRow t = task.get();
		tasks.restart(t.id(), time.nowForStorage());
		tasks.lockCounters(t.userId());
		tasks.recordWrite(t.userId(), 0, 1);
		jdbc.sql("UPDATE task_runtime SET line_reserved = FALSE WHERE task_id = ?").param(t.id()).update();
		events.publishEvent(new TaskChanged(t.userId(), t.uuid(), Change.STARTED));
		return true;
	}

	private Optional<TaskRow> lockLive(long taskId) {
		Optional<Long> id = jdbc.sql("SELECT id FROM task WHERE id = ? AND deleted_at IS NULL FOR UPDATE")
			.param(taskId)
			.query(Long.class)
			.optional();
		return id.flatMap(tasks::findById);
	}

}
