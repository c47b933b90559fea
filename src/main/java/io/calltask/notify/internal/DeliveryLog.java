package io.calltask.notify.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.calltask.api.ApiException;
import io.calltask.api.FieldErrors;
import io.calltask.api.PageRequest;
import io.calltask.task.TaskRuntime;
import io.calltask.task.TaskRuntime.TaskRef;
import io.calltask.time.DateTimes;

/** A task's webhook events as its owner sees them, newest first, and redelivery of a failed one. */
@Service
class DeliveryLog {

	private static final String TASK_NOT_FOUND = "任务不存在";

	private static final Set<String> STATUSES = Set.of("pending", "delivered", "failed");

	/** A page of the log and its total. */
	record Page(long total, List<Map<String, Object>> items) {
	}

	private final EventStore store;

	private final TaskRuntime tasks;

	private final DateTimes time;

	private final Clock clock;

	DeliveryLog(EventStore store, TaskRuntime tasks, DateTimes time, Clock clock) {
		this.store = store;
		this.tasks = tasks;
		this.time = time;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	Page list(UUID userId, UUID taskId, String status, PageRequest page) {
		String s = status == null || status.isEmpty() ? null : status;
		if (s != null && !STATUSES.contains(s)) {
			FieldErrors errors = new FieldErrors();
			errors.add("status", "只能是 pending、delivered、failed 之一");
			errors.throwIfAny();
		}
		TaskRef task = task(userId, taskId);
		long total = store.count(task.id(), s);
		List<Map<String, Object>> items = new ArrayList<>();
		if (page.offset() < total) {
			for (EventStore.Logged e : store.page(task.id(), s, page.offset(), page.perPage())) {
				Map<String, Object> view = new LinkedHashMap<>();
				view.put("id", e.id().toString());
				view.put("type", e.type());
				view.put("status", e.status());
				view.put("attempts", e.attempts());
				view.put("last_status_code", e.lastStatusCode());
				view.put("last_error", e.lastError());
				view.put("created_datetime", time.format(e.createdAt()));
				view.put("next_attempt_datetime", time.format(e.nextAttemptAt()));
				view.put("delivered_datetime", time.format(e.deliveredAt()));
				items.add(view);
			}
		}
		return new Page(total, items);
	}

	/** A failed event is pending again (a full round of attempts); 404 if the task has no such event, 422 if it is not failed. */
	@Transactional
	void redeliver(UUID userId, UUID taskId, UUID eventId) {
		TaskRef task = task(userId, taskId);
		if (!store.redeliver(task.id(), eventId, clock.instant())) {
			if (!store.exists(task.id(), eventId)) {
				throw new ApiException.NotFound("通知事件不存在");
			}
			FieldErrors errors = new FieldErrors();
			errors.add("id", "只有 failed 状态的通知可以重新投递");
			errors.throwIfAny();
		}
	}

	private TaskRef task(UUID userId, UUID taskId) {
		return tasks.find(userId, taskId).orElseThrow(() -> new ApiException.NotFound(TASK_NOT_FOUND));
	}

}
