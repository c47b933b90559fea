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
		rows.stream().map(r -> r.settings().references().callerLineId()).filter(Objects::nonNull).forEach(lineIds::add);
		UUID userId = rows.get(0).userId();
		Refs refs = new Refs(references.lines.find(userId, lineIds),
				references.groups.findAll(userId, rows, r -> r.settings().destination().destinationExtension()),
				references.recycleRules.findAll(userId, rows, r -> r.settings().references().autoRecycleRuleId()),
				references.llmIntentions.findAll(userId, rows, r -> r.settings().destination().llmIntentionId()),
				references.backgrounds.findAll(userId, rows, r -> r.settings().destination().backgroundId()));
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
		BotGroup group = references.groups.owned(refs.groups(), t.destination().destinationExtension(), user);
		Line callerLine = references.lines.owned(refs.lines(), t.references().callerLineId(), user);
		RecycleRule rule = references.recycleRules.owned(refs.rules(), t.references().autoRecycleRuleId(), user);
		LlmIntention llm = references.llmIntentions.owned(refs.llms(), t.destination().llmIntentionId(), user);
		Background background = references.backgrounds.owned(refs.backgrounds(), t.destination().backgroundId(), user);
		String backgroundUrl = background == null ? "" : background.url();
		String destination = group == null ? "" : Long.toString(group.id());
		TaskStatus status = TaskStatus.of(t.identity().enable(), row.callStatus());
		String startTime = time.format(t.dates().startTime());
		String stopTime = time.format(t.dates().stopTime());
		TaskView.Extras extras = new TaskView.Extras(taskLines.stream().map(LineRow::lineId).toList(), stopTime,
				t.hours().workHour(), t.hours().workWeek(), startTime);
		List<TaskView.LineShare> shares = taskLines.stream()
			.map(l -> new TaskView.LineShare(l.lineId(), shareOf(l, refs.lines().get(l.lineId()))))
			.toList();
		TaskView.RemoteTask remote = new TaskView.RemoteTask(row.uuid(), t.identity().name(), t.identity().enable() ? 1 : 0, shares,
				t.dialing().maximumcall(), t.dialing().cps(), t.dialing().popMode(), startTime, stopTime, t.dates().holiday(), t.hours().workWeek(),
				t.hours().remoteWorkHour(), destination, "", backgroundUrl, row.callStatus(), row.numberCount(),
				callInfo(row, taskLines, stats, refs.lines()));
		return new TaskView(row.uuid(), t.identity().name(), time.format(row.createdAt()), time.format(row.updatedAt()), 0,
				t.identity().enable(), t.dialing().maximumcall(), t.dialing().cps(), 0, 0, null, t.hours().dialTimeId(), destination, t.destination().destinationDialplan(),
				t.destination().destinationContext(), null, null, t.dialing().dialFormat(), null, t.identity().remark(), t.identity().sort(), t.destination().originateVariables(),
				t.dialing().originateTimeout(), t.dialing().originationCallerIdNumber(), user, callerLine == null ? null : callerLine.id(),
				rule == null ? null : rule.id(), t.references().clueConfigurationId(), time.format(row.deletedAt()), t.webhooks().callNotifyUrl(),
				t.webhooks().callNotifyType(), t.dialing().callPauseSecond(), t.webhooks().callStopNotifyUrl(), t.webhooks().callNotifyFailStop(),
				t.transfer().bridgeGroupId(), t.identity().isTest(), t.identity().isTop(), t.transfer().emptySeatStop(), t.transfer().backgroundFileId(),
				t.transfer().backgroundFileName(), t.dialing().endAction(), t.identity().taskType(), t.dialing().lineCallee(), row.cacheNumberCount(), t.identity().modeId(),
				t.transfer().bridgeMaximumcall(), t.transfer().bridgeProportion(), t.transfer().directBridge(), t.transfer().directBridgeEcho(),
				llm == null ? 0 : llm.id(), time.format(t.dates().restartAt()), t.identity().enableType(),
				background == null ? null : background.id(), backgroundUrl, t.identity().isGroupSwitch(), t.identity().isCallIn(), extras,
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
			info.put(s.lineId(), new TaskView.CallInfo(row.uuid(), row.settings().identity().name(),
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
