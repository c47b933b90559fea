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
import tools.jackson.databind.util.RawValue;

import io.calltask.api.DateTimes;
import io.calltask.catalog.Background;
import io.calltask.catalog.BotGroup;
import io.calltask.catalog.Catalog;
import io.calltask.catalog.LlmIntention;
import io.calltask.catalog.RecycleRule;
import io.calltask.line.Line;
import io.calltask.line.Lines;
import io.calltask.task.TaskStatus;
import io.calltask.task.internal.TaskRepository.LineRow;

/**
 * Task items exactly as the seed document shows them: every key of its example, in its order,
 * with its JSON types, plus the documented keys it omits. A page is rendered with a fixed number
 * of queries (the page's lines and statistics, then one lookup per kind of referenced object),
 * never one per task. Schedule JSON is stored canonical and written through unparsed.
 */
@Component
class TaskViews {

	private final TaskRepository tasks;

	private final Lines lines;

	private final Catalog catalog;

	private final DateTimes time;

	TaskViews(TaskRepository tasks, Lines lines, Catalog catalog, DateTimes time) {
		this.tasks = tasks;
		this.lines = lines;
		this.catalog = catalog;
		this.time = time;
	}

	Map<String, Object> render(TaskRow row) {
		return render(List.of(row)).get(0);
	}

	List<Map<String, Object>> render(List<TaskRow> rows) {
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
		rows.stream().map(TaskRow::callerLineId).filter(Objects::nonNull).forEach(lineIds::add);
		Refs refs = new Refs(lines.byIds(lineIds),
				catalog.groups(ids(rows, TaskRow::destinationExtension)),
				catalog.recycleRules(ids(rows, TaskRow::autoRecycleRuleId)),
				catalog.llmIntentions(ids(rows, TaskRow::llmIntentionId)),
				catalog.backgrounds(ids(rows, TaskRow::backgroundId)));
		List<Map<String, Object>> items = new ArrayList<>(rows.size());
		for (TaskRow row : rows) {
			items.add(item(row, taskLines.getOrDefault(row.id(), List.of()),
					taskStats.getOrDefault(row.id(), List.of()), refs));
		}
		return items;
	}

	private record Refs(Map<UUID, Line> lines, Map<Long, BotGroup> groups, Map<UUID, RecycleRule> rules,
			Map<Long, LlmIntention> llms, Map<Long, Background> backgrounds) {

		/** A referenced object only if it is still there and still the task owner's. */
		<K, V> V owned(Map<K, V> map, K id, UUID userId, java.util.function.Function<V, UUID> owner) {
			V value = id == null ? null : map.get(id);
			return value != null && owner.apply(value).equals(userId) ? value : null;
		}

	}

	private static <T> Set<T> ids(List<TaskRow> rows, java.util.function.Function<TaskRow, T> id) {
		Set<T> ids = new HashSet<>();
		for (TaskRow row : rows) {
			T value = id.apply(row);
			if (value != null) {
				ids.add(value);
			}
		}
		return ids;
	}

	private Map<String, Object> item(TaskRow t, List<LineRow> taskLines, List<LineRow> stats, Refs refs) {
		UUID user = t.userId();
		BotGroup group = refs.owned(refs.groups(), t.destinationExtension(), user, BotGroup::userId);
		Line callerLine = refs.owned(refs.lines(), t.callerLineId(), user, Line::userId);
		RecycleRule rule = refs.owned(refs.rules(), t.autoRecycleRuleId(), user, RecycleRule::userId);
		LlmIntention llm = refs.owned(refs.llms(), t.llmIntentionId(), user, LlmIntention::userId);
		Background background = refs.owned(refs.backgrounds(), t.backgroundId(), user, Background::userId);
		String backgroundUrl = background == null ? "" : background.url();
		String destination = group == null ? "" : Long.toString(group.id());
		TaskStatus status = TaskStatus.of(t.enable(), t.callStatus());

		Map<String, Object> m = new LinkedHashMap<>(96);
		m.put("uuid", t.uuid().toString());
		m.put("name", t.name());
		m.put("create_datetime", time.format(t.createdAt()));
		m.put("alter_datetime", time.format(t.updatedAt()));
		m.put("start", 0);
		m.put("enable", t.enable());
		m.put("maximumcall", t.maximumcall());
		m.put("call_per_second", t.cps());
		m.put("recycle_limit", 0);
		m.put("random_assignment_number", 0);
		m.put("disable_dial_timegroup", null);
		m.put("dial_time_id", t.dialTimeId());
		m.put("destination_extension", destination);
		m.put("destination_dialplan", t.destinationDialplan());
		m.put("destination_context", t.destinationContext());
		m.put("scheduling_policy_ratio", null);
		m.put("scheduling_queue", null);
		m.put("dial_format", t.dialFormat());
		m.put("domain", null);
		m.put("remark", t.remark());
		m.put("sort", t.sort());
		m.put("originate_variables", t.originateVariables());
		m.put("_originate_timeout", t.originateTimeout());
		m.put("_origination_caller_id_number", t.originationCallerIdNumber());
		m.put("user_id", user.toString());
		m.put("caller_line_id", callerLine == null ? null : callerLine.id().toString());
		m.put("auto_recycle_rule_id", rule == null ? null : rule.id().toString());
		m.put("clue_configuration_id", t.clueConfigurationId());
		m.put("deleted_at", time.format(t.deletedAt()));
		m.put("call_notify_url", t.callNotifyUrl());
		m.put("call_notify_type", t.callNotifyType());
		m.put("call_pause_second", t.callPauseSecond());
		m.put("call_stop_notify_url", t.callStopNotifyUrl());
		m.put("call_notify_fail_stop", t.callNotifyFailStop());
		m.put("bridge_group_id", t.bridgeGroupId());
		m.put("is_test", t.isTest());
		m.put("is_top", t.isTop());
		m.put("empty_seat_stop", t.emptySeatStop());
		m.put("background_file_id", t.backgroundFileId());
		m.put("background_file_name", t.backgroundFileName());
		m.put("end_action", t.endAction());
		m.put("task_type", t.taskType());
		m.put("line_callee", t.lineCallee());
		m.put("cache_number_count", t.cacheNumberCount());
		m.put("mode_id", t.modeId());
		m.put("bridge_maximumcall", t.bridgeMaximumcall());
		m.put("bridge_proportion", t.bridgeProportion());
		m.put("direct_bridge", t.directBridge());
		m.put("direct_bridge_echo", t.directBridgeEcho());
		m.put("llm_intention_id", llm == null ? 0 : llm.id());
		m.put("restart_at", time.format(t.restartAt()));
		m.put("enable_type", t.enableType());
		m.put("background_id", background == null ? null : background.id());
		m.put("background", backgroundUrl);
		m.put("is_group_switch", t.isGroupSwitch());
		m.put("is_call_in", t.isCallIn());
		m.put("task_extras", localTask(t, taskLines));
		m.put("status_str", status.label());
		m.put("new_task_extra", remoteTask(t, taskLines, stats, refs, destination, backgroundUrl));
		m.put("caller_line", callerLine == null ? null : lines.view(callerLine));
		m.put("auto_recycle_rule", rule == null ? null : catalog.view(rule));
		m.put("group", group == null ? null : catalog.groupSummary(group));
		m.put("llm_intention_config", llm == null ? null : catalog.view(llm));
		m.put("status", status.code());
		return m;
	}

	/** task_extras: the schedule as the user gave it (key order as the seed shows it). */
	private Map<String, Object> localTask(TaskRow t, List<LineRow> taskLines) {
		Map<String, Object> local = new LinkedHashMap<>();
		local.put("line", taskLines.stream().map(l -> l.lineId().toString()).toList());
		local.put("stop_time", time.format(t.stopTime()));
		local.put("work_hour", new RawValue(t.workHour()));
		local.put("work_week", new RawValue(t.workWeek()));
		local.put("start_time", time.format(t.startTime()));
		return local;
	}

	/** new_task_extra: the dialer's view, with the compressed schedule and its runtime state. */
	private Map<String, Object> remoteTask(TaskRow t, List<LineRow> taskLines, List<LineRow> stats, Refs refs,
			String destination, String backgroundUrl) {
		Map<String, Object> remote = new LinkedHashMap<>();
		remote.put("id", t.uuid().toString());
		remote.put("name", t.name());
		remote.put("enable", t.enable() ? 1 : 0);
		List<Map<String, Object>> remoteLines = new ArrayList<>(taskLines.size());
		for (LineRow l : taskLines) {
			Line line = refs.lines().get(l.lineId());
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("id", l.lineId().toString());
			entry.put("limit", shareOf(l, line));
			remoteLines.add(entry);
		}
		remote.put("line", remoteLines);
		remote.put("limit", t.maximumcall());
		remote.put("cps", t.cps());
		remote.put("pop_mode", t.popMode());
		remote.put("start_time", time.format(t.startTime()));
		remote.put("stop_time", time.format(t.stopTime()));
		remote.put("holiday", new RawValue(t.holiday()));
		remote.put("work_week", new RawValue(t.workWeek()));
		remote.put("work_hour", new RawValue(t.remoteWorkHour()));
		remote.put("destination_extension", destination);
		remote.put("blacklist", "");
		remote.put("background", backgroundUrl);
		remote.put("call_status", t.callStatus());
		remote.put("number_count", t.numberCount());
		remote.put("call_info", callInfo(t, taskLines, stats, refs));
		return remote;
	}

	private Map<String, Object> callInfo(TaskRow t, List<LineRow> taskLines, List<LineRow> stats, Refs refs) {
		Map<String, Object> info = new LinkedHashMap<>();
		for (LineRow s : stats) {
			Line line = refs.lines().get(s.lineId());
			LineRow share = taskLines.stream().filter(l -> l.lineId().equals(s.lineId())).findFirst().orElse(null);
			TaskRepository.LineStats st = s.stats();
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("task_id", t.uuid().toString());
			entry.put("task_name", t.name());
			entry.put("node_id", line == null ? null : line.nodeId());
			entry.put("line_id", s.lineId().toString());
			entry.put("line_name", line == null ? null : line.name());
			entry.put("cps", line == null ? 0 : line.cps());
			entry.put("limit", share == null ? (line == null ? 0 : line.limit()) : shareOf(share, line));
			entry.put("call_status", st.callStatus());
			entry.put("dialed_number_total", st.dialed());
			entry.put("answer_total", st.answered());
			entry.put("gateway_error_hangup_total", st.gatewayErrors());
			entry.put("normal_hangup_total", st.normalHangups());
			entry.put("bill", st.bill());
			entry.put("calling_count", st.calling());
			entry.put("answering_count", st.answering());
			info.put(s.lineId().toString(), entry);
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
