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

	private final TaskCalendars calendars;

	TaskViews(TaskRepository tasks, TaskReferences references, Lines lines, Catalog catalog, DateTimes time,
			TaskCalendars calendars) {
		this.calendars = calendars;
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
				references.backgrounds.findAll(userId, rows, r -> r.settings().destination().backgroundId()),
				calendars.idsOf(rows.stream().map(TaskRow::id).toList()));
		List<TaskView> items = new ArrayList<>(rows.size());
		for (TaskRow row : rows) {
			items.add(item(row, taskLines.getOrDefault(row.id(), List.of()), taskStats.getOrDefault(row.id(), List.of()),
					refs));
		}
		return items;
	}

	/** What a page refers to, whoever's it is: each item checks its own with {@link TaskReferences.Kind#owned}. */
	private record Refs(Map<UUID, Line> lines, Map<Long, BotGroup> groups, Map<UUID, RecycleRule> rules,
			Map<Long, LlmIntention> llms, Map<Long, Background> backgrounds, Map<Long, List<Long>> calendarIds) {
	}

	/** The objects an item refers to, those that exist and are the task's user's (else null). */
	private record Referenced(BotGroup group, Line callerLine, RecycleRule rule, LlmIntention llm,
			Background background) {

		String destination() {
			return group == null ? "" : Long.toString(group.id());
		}

		String backgroundUrl() {
			return background == null ? "" : background.url();
		}

	}

	private TaskView item(TaskRow row, List<LineRow> taskLines, List<LineRow> stats, Refs refs) {
		TaskSettings t = row.settings();
		UUID user = row.userId();
		Referenced to = new Referenced(
				references.groups.owned(refs.groups(), t.destination().destinationExtension(), user),
				references.lines.owned(refs.lines(), t.references().callerLineId(), user),
				references.recycleRules.owned(refs.rules(), t.references().autoRecycleRuleId(), user),
				references.llmIntentions.owned(refs.llms(), t.destination().llmIntentionId(), user),
				references.backgrounds.owned(refs.backgrounds(), t.destination().backgroundId(), user));
		return new TaskView(summary(row), origination(t, to), ownership(row, to), webhooks(t), seats(row), bridging(t, to),
				seatPacing(row), new TaskView.Calendars(refs.calendarIds().getOrDefault(row.id(), List.of())),
				expanded(row, taskLines, stats, refs, to));
	}

	private TaskView.Summary summary(TaskRow row) {
		TaskSettings.Identity identity = row.settings().identity();
		TaskSettings.Dialing dialing = row.settings().dialing();
		return new TaskView.Summary(row.uuid(), identity.name(), time.format(row.createdAt()),
				time.format(row.updatedAt()), 0, identity.enable(), dialing.maximumcall(), dialing.cps(), 0, 0, null,
				row.settings().hours().dialTimeId());
	}

	private static TaskView.Origination origination(TaskSettings t, Referenced to) {
		TaskSettings.Destination destination = t.destination();
		TaskSettings.Dialing dialing = t.dialing();
		return new TaskView.Origination(to.destination(), destination.destinationDialplan(),
				destination.destinationContext(), null, null, dialing.dialFormat(), null, t.identity().remark(),
				t.identity().sort(), destination.originateVariables(), dialing.originateTimeout(),
				dialing.originationCallerIdNumber());
	}

	private TaskView.Ownership ownership(TaskRow row, Referenced to) {
		return new TaskView.Ownership(row.userId(), to.callerLine() == null ? null : to.callerLine().id(),
				to.rule() == null ? null : to.rule().id(), row.settings().references().clueConfigurationId(),
				time.format(row.deletedAt()));
	}

	private static TaskView.Webhooks webhooks(TaskSettings t) {
		TaskSettings.Webhooks webhooks = t.webhooks();
		return new TaskView.Webhooks(webhooks.callNotifyUrl(), webhooks.callNotifyType(), t.dialing().callPauseSecond(),
				webhooks.callStopNotifyUrl(), webhooks.callNotifyFailStop());
	}

	private static TaskView.Seats seats(TaskRow row) {
		TaskSettings.Identity identity = row.settings().identity();
		TaskSettings.Dialing dialing = row.settings().dialing();
		TaskSettings.Transfer transfer = row.settings().transfer();
		return new TaskView.Seats(transfer.bridgeGroupId(), identity.isTest(), identity.isTop(),
				transfer.emptySeatStop(), transfer.backgroundFileId(), transfer.backgroundFileName(),
				dialing.endAction(), identity.taskType(), dialing.lineCallee(), row.cacheNumberCount(),
				identity.modeId());
	}

	/** The mode as it dials, and the dialer's last word on its pacing (today's counts only of today). */
	private TaskView.SeatPacing seatPacing(TaskRow row) {
		TaskSettings.SeatPacing p = row.settings().seatPacing();
		String mode = p.mode(row.settings().transfer());
		TaskView.Pacing pacing = null;
		if (!mode.equals("fixed")) {
			TaskRow.RuntimePacing r = row.runtimePacing();
			boolean today = r.pacingDay() != null && r.pacingDay().equals(time.today());
			int answered = today && r.answeredToday() != null ? r.answeredToday() : 0;
			int abandoned = today && r.abandonedToday() != null ? r.abandonedToday() : 0;
			double level = r.dialLevel() != null ? r.dialLevel()
					: mode.equals("ratio") ? row.settings().transfer().bridgeProportion() : 1.0;
			pacing = new TaskView.Pacing(mode, level, r.seatsAvailable() == null ? 0 : r.seatsAvailable(), answered,
					abandoned, answered == 0 ? 0.0 : Math.round(1000.0 * abandoned / answered) / 10.0);
		}
		return new TaskView.SeatPacing(mode, p.maxDialLevel(), p.maxAbandonRate(), pacing);
	}

	private TaskView.Bridging bridging(TaskSettings t, Referenced to) {
		TaskSettings.Transfer transfer = t.transfer();
		TaskSettings.Identity identity = t.identity();
		return new TaskView.Bridging(transfer.bridgeMaximumcall(), transfer.bridgeProportion(),
				transfer.directBridge(), transfer.directBridgeEcho(), to.llm() == null ? 0 : to.llm().id(),
				time.format(t.dates().restartAt()), identity.enableType(),
				to.background() == null ? null : to.background().id(), to.backgroundUrl(), identity.isGroupSwitch(),
				identity.isCallIn());
	}

	private TaskView.Expanded expanded(TaskRow row, List<LineRow> taskLines, List<LineRow> stats, Refs refs,
			Referenced to) {
		TaskSettings t = row.settings();
		TaskStatus status = TaskStatus.of(t.identity().enable(), row.callStatus());
		String startTime = time.format(t.dates().startTime());
		String stopTime = time.format(t.dates().stopTime());
		TaskView.Extras extras = new TaskView.Extras(taskLines.stream().map(LineRow::lineId).toList(), stopTime,
				t.hours().workHour(), t.hours().workWeek(), startTime);
		List<TaskView.LineShare> shares = taskLines.stream()
			.map(l -> new TaskView.LineShare(l.lineId(), shareOf(l, refs.lines().get(l.lineId()))))
			.toList();
		TaskView.RemoteTask remote = new TaskView.RemoteTask(
				new TaskView.RemoteTask.Run(row.uuid(), t.identity().name(), t.identity().enable() ? 1 : 0, shares,
						t.dialing().maximumcall(), t.dialing().cps(), t.dialing().popMode()),
				new TaskView.RemoteTask.Period(startTime, stopTime, t.dates().holiday(), t.hours().workWeek(),
						t.hours().remoteWorkHour()),
				new TaskView.RemoteTask.Destination(to.destination(), "", to.backgroundUrl()),
				new TaskView.RemoteTask.Progress(row.callStatus(), row.numberCount(),
						callInfo(row, taskLines, stats, refs.lines())));
		return new TaskView.Expanded(extras, status.label(), remote,
				to.callerLine() == null ? null : lines.view(to.callerLine()),
				to.rule() == null ? null : catalog.view(to.rule()),
				to.group() == null ? null : catalog.groupSummary(to.group()),
				to.llm() == null ? null : catalog.view(to.llm()), status.code());
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
