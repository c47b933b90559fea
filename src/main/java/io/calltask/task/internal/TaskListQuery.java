package io.calltask.task.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.calltask.api.PageRequest;
import io.calltask.task.TaskStatus;

/**
 * The list's two statements: the total, and one page in list order ({@code is_top} desc,
 * {@code sort} desc, newest first). The total comes from the user's counters unless a name or
 * 拨打中 filter needs a real count; the page picks ids from the ordering index first and joins
 * the rows after, so a deep page skips index entries instead of whole rows.
 */
@Repository
class TaskListQuery {

	private static final String CALLING = "t.id IN (SELECT task_id FROM task_runtime WHERE user_id = ? AND call_status)";

	private final JdbcClient jdbc;

	private final TaskRepository tasks;

	TaskListQuery(JdbcClient jdbc, TaskRepository tasks) {
		this.jdbc = jdbc;
		this.tasks = tasks;
	}

	long total(UUID userId, TaskFilter filter) {
		if (filter.name() == null && !filter.onlyCalling()) {
			TaskRepository.Counters counters = tasks.counters(userId);
			if (filter.allStatuses()) {
				return counters.live();
			}
			return filter.statuses().contains(TaskStatus.WAITING) ? counters.enabled()
					: counters.live() - counters.enabled();
		}
		List<Object> params = new ArrayList<>();
		String where = where(userId, filter, params);
		return jdbc.sql("SELECT count(*) FROM task t WHERE " + where).params(params).query(Long.class).single();
	}

	List<TaskRow> page(UUID userId, TaskFilter filter, PageRequest page) {
		List<Object> params = new ArrayList<>();
		String where = where(userId, filter, params);
		params.add(page.perPage());
		params.add(page.offset());
		return jdbc.sql("SELECT t.*, " + TaskRow.RUNTIME_COLUMNS + " FROM (SELECT t.id, t.is_top, t.sort FROM task t WHERE "
				+ where + " ORDER BY t.is_top DESC, t.sort DESC, t.id DESC LIMIT ? OFFSET ?) p"
				+ " JOIN task t ON t.id = p.id LEFT JOIN task_runtime r ON r.task_id = t.id"
				+ " ORDER BY p.is_top DESC, p.sort DESC, p.id DESC")
			.params(params)
			.query(TaskRow::map)
			.list();
	}

	private static String where(UUID userId, TaskFilter filter, List<Object> params) {
		StringBuilder where = new StringBuilder("t.user_id = ? AND t.deleted_at IS NULL");
		params.add(userId);
		if (filter.name() != null) {
			where.append(" AND t.name ILIKE ? ESCAPE '\\'");
			params.add(filter.namePattern());
		}
		if (!filter.allStatuses()) {
			boolean stopped = filter.statuses().contains(TaskStatus.STOPPED);
			if (filter.statuses().contains(TaskStatus.WAITING)) {
				where.append(" AND t.enable");
			}
			else if (stopped && filter.statuses().contains(TaskStatus.DIALING)) {
				where.append(" AND (NOT t.enable OR (t.enable AND " + CALLING + "))");
				params.add(userId);
			}
			else if (stopped) {
				where.append(" AND NOT t.enable");
			}
			else {
				where.append(" AND t.enable AND " + CALLING);
				params.add(userId);
			}
		}
		return where.toString();
	}

}
