package io.calltask.task;

import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import io.calltask.api.PageRequest;

/**
 * The task module's API: a task's writes and the task list (docs/ROUTES.md), in the JSON
 * shapes of the contract (items are rendered exactly as the seed document shows them).
 */
public interface Tasks {

	TaskView create(UUID userId, JsonNode body);

	TaskView update(UUID userId, UUID taskId, JsonNode body);

	TaskView get(UUID userId, UUID taskId);

	void delete(UUID userId, UUID taskId);

	TaskView setEnabled(UUID userId, UUID taskId, boolean enable);

	/**
	 * One page of the user's live tasks. {@code name} is a substring filter; {@code statuses}
	 * are the raw {@code status} / {@code status[]} values of the request.
	 */
	TaskPage list(UUID userId, String name, List<String> statuses, PageRequest page);

	record TaskPage(long total, List<TaskView> items) {
	}

}
