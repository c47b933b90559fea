package io.calltask.task.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.calltask.catalog.Background;
import io.calltask.catalog.BotGroup;
import io.calltask.catalog.Catalog;
import io.calltask.catalog.LlmIntention;
import io.calltask.catalog.RecycleRule;
import io.calltask.line.Line;
import io.calltask.line.Lines;
import io.calltask.task.TaskStatus;
import io.calltask.task.TaskView;
import io.calltask.task.internal.TaskRepository.LineRow;
import io.calltask.time.DateTimes;

/**
 * Stored tasks as {@link TaskView}s. A page is rendered with a fixed number of queries (the page's
 * lines and statistics, then one lookup per kind of referenced object), never one per task; a
 * referenced object is shown only while it exists and is the task's user's.
 */
@Component
class TaskViews {

	private final TaskRepository tasks;

	private final TaskReferences references;

	private final Lines lines;

	private final Catalog catalog;

	private final DateTimes time;

	TaskViews(TaskRepository tasks, TaskReferences references, Lines lines, Catalog catalog, DateTimes time) {
		this.tasks = tasks;
		this.references = references;
		this.lines = lines;
		this.catalog = catalog;
		this.time = time;
	}

	TaskView render(TaskRow row) {
		return render(List.of(row)).get(0);
	}

	List<TaskView> render(List<TaskRow> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, List<LineRow>> taskLines = new HashMap<>();
		Map<Long, List<LineRow>> taskStats = new HashMap<>();
		Set<UUID> lineIds = new HashSet<>();
		for (LineRow line : tasks.linesAndStats(rows.stream().map(TaskRow::id).toList())) {
			(line.stats() == null ? taskLines : taskStats).computeIfAbsent(line.taskId(), k -> new ArrayList<>()).add(line);
			lineIds.add(line.lineId());
		}
		rows.stream().map(r -> r.settings().callerLineId()).filter(Objects::nonNull).forEach(lineIds::add);
		UUID userId = rows.get(0).userId();
		Refs refs = new Refs(references.lines.find(userId, lineIds),
				references.groups.findAll(userId, rows, r -> r.settings().destinationExtension()),
				references.recycleRules.findAll(userId, rows, r -> r.settings().autoRecycleRuleId()),
				references.llmIntentions.findAll(userId, rows, r -> r.settings().llmIntentionId()),
				references.backgrounds.findAll(userId, rows, r -> r.settings().backgroundId()));
		List<TaskView> items = new ArrayList<>(rows.size());
		for (TaskRow row : rows) {
			items.add(item(row, taskLines.getOrDefault(row.id(), List.of()), taskStats.getOrDefault(row.id(), List.of()),
					refs));
		}
		return items;
	}

	/** What a page refers to, whoever's it is: each item checks its own with {@link TaskReferences.Kind#owned}. */
	private record Refs(Map<UUID, Line> lines, Map<Long, BotGroup> groups, Map<UUID, RecycleRule> rules,
			Map<Long, LlmIntention> llms, Map<Long, Background> backgrounds) {
	}

	private TaskView item(TaskRow row, List<LineRow> taskLines, List<LineRow> stats, Refs refs) {
		TaskSettings t = row.settings();
		UUID user = row.userId();
		BotGroup group = references.groups.owned(refs.groups(), t.destinationExtension(), user);
		Line callerLine = references.lines.owned(refs.lines(), t.callerLineId(), user);
		RecycleRule rule = references.recycleRules.owned(refs.rules(), t.autoRecycleRuleId(), user);
		LlmIntention llm = references.llmIntentions.owned(refs.llms(), t.llmIntentionId(), user);
		Background background = references.backgrounds.owned(refs.backgrounds(), t.backgroundId(), user);
		String backgroundUrl = background == null ? "" : background.url();
		String destination = group == null ? "" : Long.toString(group.id());
		TaskStatus status = TaskStatus.of(t.enable(), row.callStatus());
		String startTime = time.format(t.startTime());
		String stopTime = time.format(t.stopTime());
		TaskView.Extras extras = new TaskView.Extras(taskLines.stream().map(LineRow::lineId).toList(), stopTime,
				t.workHour(), t.workWeek(), startTime);
		List<TaskView.LineShare> shares = taskLines.stream()
			.map(l -> new TaskView.LineShare(l.lineId(), shareOf(l, refs.lines().get(l.lineId()))))
			.toList();
		TaskView.RemoteTask remote = new TaskView.RemoteTask(row.uuid(), t.name(), t.enable() ? 1 : 0, shares,
				t.maximumcall(), t.cps(), t.popMode(), startTime, stopTime, t.holiday(), t.workWeek(),
				t.remoteWorkHour(), destination, "", backgroundUrl, row.callStatus(), row.numberCount(),
				callInfo(row, taskLines, stats, refs.lines()));
		return new TaskView(row.uuid(), t.name(), time.format(row.createdAt()), time.format(row.updatedAt()), 0,
				t.enable(), t.maximumcall(), t.cps(), 0, 0, null, t.dialTimeId(), destination, t.destinationDialplan(),
				t.destinationContext(), null, null, t.dialFormat(), null, t.remark(), t.sort(), t.originateVariables(),
				t.originateTimeout(), t.originationCallerIdNumber(), user, callerLine == null ? null : callerLine.id(),
				rule == null ? null : rule.id(), t.clueConfigurationId(), time.format(row.deletedAt()), t.callNotifyUrl(),
				t.callNotifyType(), t.callPauseSecond(), t.callStopNotifyUrl(), t.callNotifyFailStop(),
				t.bridgeGroupId(), t.isTest(), t.isTop(), t.emptySeatStop(), t.backgroundFileId(),
				t.backgroundFileName(), t.endAction(), t.taskType(), t.lineCallee(), row.cacheNumberCount(), t.modeId(),
				t.bridgeMaximumcall(), t.bridgeProportion(), t.directBridge(), t.directBridgeEcho(),
				llm == null ? 0 : llm.id(), time.format(t.restartAt()), t.enableType(),
				background == null ? null : background.id(), backgroundUrl, t.isGroupSwitch(), t.isCallIn(), extras,
				status.label(), remote, callerLine == null ? null : lines.view(callerLine),
				rule == null ? null : catalog.view(rule), group == null ? null : catalog.groupSummary(group),
				llm == null ? null : catalog.view(llm), status.code());
	}

	/** call_info: one entry per line the dialer used, keyed by line id. */
	private static Map<UUID, TaskView.CallInfo> callInfo(TaskRow row, List<LineRow> taskLines, List<LineRow> stats,
			Map<UUID, Line> lineById) {
		Map<UUID, TaskView.CallInfo> info = new LinkedHashMap<>();
		for (LineRow s : stats) {
			Line line = lineById.get(s.lineId());
			LineRow share = taskLines.stream().filter(l -> l.lineId().equals(s.lineId())).findFirst().orElse(null);
			info.put(s.lineId(), new TaskView.CallInfo(row.uuid(), row.settings().name(),
					line == null ? null : line.nodeId(), s.lineId(), line == null ? null : line.name(),
					line == null ? 0 : line.cps(), share == null ? (line == null ? 0 : line.limit()) : shareOf(share, line),
					s.stats()));
		}
		return info;
	}

	private static int shareOf(LineRow taskLine, Line line) {
		if (taskLine.limit() != null) {
			return taskLine.limit();
		}
		return line == null ? 0 : line.limit();
	}

}
