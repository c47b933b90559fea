package io.calltask.task.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.calltask.api.PageRequest;
import io.calltask.task.TaskStatus;

/**
 * One page of a user's tasks in list order ({@code is_top} desc, {@code sort} desc, newest first)
 * and its total, in as few and as cheap statements as the filter allows:
 * <ul>
 * <li>Without a name or 拨打中 filter, the total comes from the user's counters (never a count of
 * rows) and a deep page starts from a cached {@link PageAnchors anchor} instead of skipping every
 * row before it.</li>
 * <li>With one, the matching rows are counted, and a name search's count is remembered for the
 * list's version.</li>
 * </ul>
 * Ids are picked from the ordering index first and the rows joined after, so skipped entries cost
 * an index entry, not a row.
 */
@Repository
class TaskListQuery {

	private static final String CALLING = "t.id IN (SELECT task_id FROM task_runtime WHERE user_id = ? AND call_status)";

	private static final String ORDER = " ORDER BY t.is_top DESC, t.sort DESC, t.id DESC";

	private final JdbcClient jdbc;

	private final TaskRepository tasks;

	private final PageAnchors anchors;

	private final MatchCounts counts;

	TaskListQuery(JdbcClient jdbc, TaskRepository tasks, PageAnchors anchors, MatchCounts counts) {
		this.jdbc = jdbc;
		this.tasks = tasks;
		this.anchors = anchors;
		this.counts = counts;
	}

	record Result(long total, List<TaskRow> rows) {
	}

	/**
	 * The counters are read first, as the snapshot's first statement ({@code first}), whatever the
	 * filter.
	 */
	Result page(UUID userId, TaskFilter filter, PageRequest page, SnapshotReads.FirstStatement first) {
		TaskRepository.Counters counters = tasks.counters(userId, first);
		if (filter.name() == null && !filter.onlyCalling()) {
			return counted(userId, filter, page, counters);
		}
		return scanned(userId, filter, page, counters);
	}

	/** Total from the counters; deep pages seek from the nearest anchor. */
	private Result counted(UUID userId, TaskFilter filter, PageRequest page, TaskRepository.Counters counters) {
		long total = filter.allStatuses() ? counters.live()
				: filter.statuses().contains(TaskStatus.WAITING) ? counters.enabled()
						: counters.live() - counters.enabled();
		if (page.offset() >= total) {
			return new Result(total, List.of());
		}
		List<Object> params = new ArrayList<>();
		StringBuilder where = where(userId, filter, params);
		long offset = page.offset();
		PageAnchors.Anchor anchor = anchors.before(userId, filter, counters.version(), offset,
				upTo -> anchorsOf(where.toString(), params, upTo));
		if (anchor != null) {
			where.append(" AND (t.is_top, t.sort, t.id) < (?, ?, ?)");
			params.add(anchor.isTop());
			params.add(anchor.sort());
			params.add(anchor.id());
			offset -= anchor.position();
		}
		params.add(page.perPage());
		params.add(offset);
		return new Result(total, jdbc.sql("SELECT " + TaskRow.COLUMNS
				+ " FROM (SELECT t.id, t.is_top, t.sort FROM task t WHERE " + where + ORDER + " LIMIT ? OFFSET ?) p"
				+ " JOIN task t ON t.id = p.id LEFT JOIN task_runtime r ON r.task_id = t.id"
				+ " ORDER BY p.is_top DESC, p.sort DESC, p.id DESC")
			.params(params)
			.query(TaskRow.mapper())
			.list());
	}

	/** The rows at every {@code anchors.every()}-th position up to {@code upTo}, in list order. */
	private List<PageAnchors.Anchor> anchorsOf(String where, List<Object> whereParams, long upTo) {
		List<Object> params = new ArrayList<>(whereParams);
		params.add(upTo);
		params.add(anchors.every());
		return jdbc.sql("SELECT is_top, sort, id, rn FROM (SELECT is_top, sort, id, ROW_NUMBER() OVER ("
				+ "ORDER BY is_top DESC, sort DESC, id DESC) AS rn FROM (SELECT t.is_top, t.sort, t.id FROM task t WHERE "
				+ where + ORDER + " LIMIT ?) l) n WHERE MOD(rn, ?) = 0 ORDER BY rn")
			.params(params)
			.query((rs, n) -> new PageAnchors.Anchor(rs.getLong("rn"), rs.getInt("is_top"), rs.getInt("sort"),
					rs.getLong("id")))
			.list();
	}

	/**
	 * Name or 拨打中 filters: the matches are counted (a name through its trigram index), then the
	 * page is picked in list order. A name search's count is remembered for the list's version;
	 * 拨打中 depends on the dialer's state, which moves without a version, so it is always counted.
	 */
	private Result scanned(UUID userId, TaskFilter filter, PageRequest page, TaskRepository.Counters counters) {
		List<Object> params = new ArrayList<>();
		String where = where(userId, filter, params).toString();
		long version = filter.onlyCalling() ? -1 : counters.version();
		long total = version < 0 ? -1 : counts.get(userId, filter, version);
		if (total < 0) {
			total = jdbc.sql("SELECT count(*) FROM task t WHERE " + where).params(params).query(Long.class).single();
			if (version >= 0) {
				counts.put(userId, filter, version, total);
			}
		}
		if (page.offset() >= total) {
			return new Result(total, List.of());
		}
		params.add(page.perPage());
		params.add(page.offset());
		return new Result(total, jdbc.sql("SELECT " + TaskRow.COLUMNS + " FROM (SELECT t.id, t.is_top, t.sort FROM task t "
				+ "WHERE " + where + ORDER + " LIMIT ? OFFSET ?) p JOIN task t ON t.id = p.id"
				+ " LEFT JOIN task_runtime r ON r.task_id = t.id ORDER BY p.is_top DESC, p.sort DESC, p.id DESC")
			.params(params)
			.query(TaskRow.mapper())
			.list());
	}

	private static StringBuilder where(UUID userId, TaskFilter filter, List<Object> params) {
		StringBuilder where = new StringBuilder("t.user_id = ? AND t.deleted_at IS NULL");
		params.add(userId);
		if (filter.name() != null) {
			where.append(" AND t.name ").append(filter.nameOperator()).append(" ? ESCAPE '\\'");
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
		return where;
	}

}
