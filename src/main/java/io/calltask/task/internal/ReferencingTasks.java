package io.calltask.task.internal;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.calltask.catalog.CatalogReferences;
import io.calltask.line.LineReferences;
import io.calltask.seat.GroupReferences;

/**
 * The live tasks that use a line, 话术组, recycle rule, LLM intention config, background or bridge
 * group, counted when its module is about to delete it (a task in use keeps it). Soft-deleted tasks
 * hold nothing.
 */
@Component
class ReferencingTasks implements LineReferences, CatalogReferences, GroupReferences {

	private final TaskRepository tasks;

	ReferencingTasks(TaskRepository tasks) {
		this.tasks = tasks;
	}

	@Override
	public long count(UUID userId, UUID lineId) {
		return tasks.countUsingLine(userId, lineId);
	}

	@Override
	public long count(UUID userId, long groupId) {
		return tasks.countReferencing(userId, "bridge_group_id", groupId);
	}

	@Override
	public long count(UUID userId, Kind kind, Object id) {
		return tasks.countReferencing(userId, switch (kind) {
			case GROUP -> "destination_extension";
			case RECYCLE_RULE -> "auto_recycle_rule_id";
			case LLM_INTENTION -> "llm_intention_id";
			case BACKGROUND -> "background_id";
		}, id);
	}

}
