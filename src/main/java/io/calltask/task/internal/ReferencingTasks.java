package io.calltask.task.internal;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.calltask.catalog.CatalogReferences;
import io.calltask.line.LineReferences;

/**
 * The live tasks that use a line, 话术组, recycle rule, LLM intention config or background, counted
 * when its module is about to delete it (a task in use keeps it). Soft-deleted tasks hold nothing.
 */
@Component
class ReferencingTasks implements LineReferences, CatalogReferences {

	private final TaskRepository tasks;

	ReferencingTasks(TaskRepository tasks) {
		this.tasks = tasks;
	}

	@Override
	public long count(UUID userId, UUID lineId) {
		return tasks.countUsingLine(userId, lineId);
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
