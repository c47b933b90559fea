package io.calltask.task.internal;

import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

import io.calltask.api.ApiException;
import io.calltask.api.FieldErrors;
import io.calltask.api.JsonBody;
import io.calltask.api.PageRequest;
import io.calltask.task.TaskChanged;
import io.calltask.task.TaskChanged.Change;
import io.calltask.task.TaskStopped;
import io.calltask.task.TaskView;
import io.calltask.task.Tasks;
import io.calltask.time.DateTimes;

@Service
class TaskService implements Tasks {

	private static final String NOT_FOUND = "任务不存在";

	private final TaskRepository tasks;

	private final TaskListQuery listQuery;

	private final TaskInput input;

	private final TaskViews views;

	private final DateTimes time;

	private final ApplicationEventPublisher events;

	private final SnapshotReads snapshots;

	private final TaskCalendars calendars;

	TaskService(TaskRepository tasks, TaskListQuery listQuery, TaskInput input, TaskViews views, DateTimes time,
			ApplicationEventPublisher events, SnapshotReads snapshots, TaskCalendars calendars) {
		this.calendars = calendars;
		this.snapshots = snapshots;
		this.tasks = tasks;
		this.listQuery = listQuery;
		this.input = input;
		this.views = views;
		this.time = time;
		this.events = events;
	}

	@Override
	@Transactional
	public TaskView create(UUID userId, JsonNode json) {
		TaskInput.Changes changes = input.create(JsonBody.of(json), userId);
		TaskSettings settings = changes.settings();
		tasks.lockCounters(userId);
		UUID uuid = UUID.randomUUID();
		Integer given = settings.identity().sort();
		int sort = given != null ? given : tasks.nextSort(userId);
		long id = tasks.insert(uuid, userId, settings, sort, time.nowForStorage());
		tasks.replaceLines(id, changes.lines());
		calendars.replace(id, changes.calendarIds());
		tasks.recordWrite(userId, 1, settings.identity().enable() ? 1 : 0);
		events.publishEvent(new TaskChanged(userId, uuid, Change.CREATED));
		return views.render(tasks.findById(id).orElseThrow());
	}

	@Override
	@Transactional
	public TaskView update(UUID userId, UUID taskId, JsonNode json) {
		JsonBody body = JsonBody.of(json);
		TaskRow current = tasks.findForUpdate(userId, taskId).orElseThrow(() -> new ApiException.NotFound(NOT_FOUND));
		TaskInput.Changes changes = input.update(body, userId, current.settings());
		tasks.update(current.id(), changes.settings(), time.nowForStorage());
		if (changes.lines() != null) {
			tasks.replaceLines(current.id(), changes.lines());
		}
		if (changes.calendarIds() != null) {
			calendars.replace(current.id(), changes.calendarIds());
		}
		boolean enable = changes.settings().identity().enable();
		tasks.lockCounters(userId);
		tasks.recordWrite(userId, 0, enable == current.enable() ? 0 : (enable ? 1 : -1));
		events.publishEvent(new TaskChanged(userId, taskId, Change.UPDATED));
		if (current.enable() && !enable) {
			events.publishEvent(new TaskStopped(current.id(), userId, taskId, TaskStopped.Reason.PAUSED));
		}
		return views.render(tasks.findById(current.id()).orElseThrow());
	}

	@Override
	@Transactional(readOnly = true)
	public TaskView get(UUID userId, UUID taskId) {
		return views.render(tasks.find(userId, taskId).orElseThrow(() -> new ApiException.NotFound(NOT_FOUND)));
	}

	@Override
	@Transactional
	public void delete(UUID userId, UUID taskId) {
		TaskRow current = tasks.findForUpdate(userId, taskId).orElseThrow(() -> new ApiException.NotFound(NOT_FOUND));
		tasks.softDelete(current.id(), time.nowForStorage());
		tasks.releaseLineReservation(current.id());
		tasks.lockCounters(userId);
		tasks.recordWrite(userId, -1, current.enable() ? -1 : 0);
		events.publishEvent(new TaskChanged(userId, taskId, Change.DELETED));
		events.publishEvent(new TaskStopped(current.id(), userId, taskId, TaskStopped.Reason.DELETED));
	}

	@Override
	@Transactional
	public TaskView setEnabled(UUID userId, UUID taskId, boolean enable) {
		TaskRow current = tasks.findForUpdate(userId, taskId).orElseThrow(() -> new ApiException.NotFound(NOT_FOUND));
		if (current.enable() != enable) {
			tasks.setEnabled(current.id(), enable, time.nowForStorage());
			tasks.releaseLineReservation(current.id());
			tasks.lockCounters(userId);
			tasks.recordWrite(userId, 0, enable ? 1 : -1);
			events.publishEvent(new TaskChanged(userId, taskId, enable ? Change.STARTED : Change.PAUSED));
			if (!enable) {
				events.publishEvent(new TaskStopped(current.id(), userId, taskId, TaskStopped.Reason.PAUSED));
			}
		}
		else if (!enable && tasks.releaseLineReservation(current.id()) > 0) {
			// Pausing a task the dialer paused (end_action 2) gives back the line share it kept.
			events.publishEvent(new TaskChanged(userId, taskId, Change.PAUSED));
		}
		return views.render(tasks.findById(current.id()).orElseThrow());
	}

	/**
	 * One snapshot (a read-only REPEATABLE READ transaction, see {@link SnapshotReads}) for the
	 * total, the page and what it refers to, so they agree with each other.
	 */
	@Override
	public TaskPage list(UUID userId, String name, List<String> statuses, PageRequest page) {
		FieldErrors errors = new FieldErrors();
		TaskFilter filter = TaskFilter.of(name, statuses, errors);
		errors.throwIfAny();
		return snapshots.read(first -> {
			TaskListQuery.Result result = listQuery.page(userId, filter, page, first);
			return new TaskPage(result.total(), views.render(result.rows()));
		});
	}

}
