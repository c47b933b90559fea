package io.calltask.task.internal;

import java.util.UUID;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.calltask.api.ApiException;
import io.calltask.catalog.CatalogItemDeleting;
import io.calltask.line.LineDeleting;

/**
 * Refuses to delete a line, 话术组, recycle rule, LLM intention config or background that a live
 * task still uses: the owning module asks (synchronously, in its delete transaction) and a 422
 * here stops the delete. Soft-deleted tasks do not hold anything.
 */
@Component
class ReferenceGuards {

	private final TaskRepository tasks;

	ReferenceGuards(TaskRepository tasks) {
		this.tasks = tasks;
	}

	@EventListener
	void onLineDeleting(LineDeleting event) {
		refuseIfUsed("line_id", "线路", tasks.countUsingLine(event.userId(), event.lineId()));
	}

	@EventListener
	void onCatalogItemDeleting(CatalogItemDeleting event) {
		switch (event.kind()) {
			case GROUP -> refuseIfUsed("id", "话术组",
					tasks.countReferencing(event.userId(), "destination_extension", Long.parseLong(event.id())));
			case RECYCLE_RULE -> refuseIfUsed("id", "重呼规则",
					tasks.countReferencing(event.userId(), "auto_recycle_rule_id", UUID.fromString(event.id())));
			case LLM_INTENTION -> refuseIfUsed("id", "大模型意向标签配置",
					tasks.countReferencing(event.userId(), "llm_intention_id", Long.parseLong(event.id())));
			case BACKGROUND -> refuseIfUsed("id", "背景音",
					tasks.countReferencing(event.userId(), "background_id", Long.parseLong(event.id())));
		}
	}

	private static void refuseIfUsed(String field, String what, long users) {
		if (users > 0) {
			throw new ApiException.Invalid(field, what + "正在被 " + users + " 个任务使用，请先修改或删除这些任务");
		}
	}

}
