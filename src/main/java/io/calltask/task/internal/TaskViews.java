package io.calltask.task.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.calltask.time.DateTimes;
import io.calltask.api.JsonWriter;
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

/**
 * Task items exactly as the seed document shows them: every key of its example, in its order,
 * with its JSON types, plus the documented keys it omits. A page is rendered with a fixed number
 * of queries (the page's lines and statistics, then one lookup per kind of referenced object),
 * never one per task. Schedule JSON is stored canonical and written through unparsed.
 */
@Component
class TaskViews {

	// Keys of an item, encoded once (an item writes about 100 keys, a page 15 items).
	private static final JsonWriter.Name K_uuid = JsonWriter.Name.of("uuid");
	private static final JsonWriter.Name K_name = JsonWriter.Name.of("name");
	private static final JsonWriter.Name K_create_datetime = JsonWriter.Name.of("create_datetime");
	private static final JsonWriter.Name K_alter_datetime = JsonWriter.Name.of("alter_datetime");
	private static final JsonWriter.Name K_start = JsonWriter.Name.of("start");
	private static final JsonWriter.Name K_enable = JsonWriter.Name.of("enable");
	private static final JsonWriter.Name K_maximumcall = JsonWriter.Name.of("maximumcall");
	private static final JsonWriter.Name K_call_per_second = JsonWriter.Name.of("call_per_second");
	private static final JsonWriter.Name K_recycle_limit = JsonWriter.Name.of("recycle_limit");
	private static final JsonWriter.Name K_random_assignment_number = JsonWriter.Name.of("random_assignment_number");
	private static final JsonWriter.Name K_disable_dial_timegroup = JsonWriter.Name.of("disable_dial_timegroup");
	private static final JsonWriter.Name K_dial_time_id = JsonWriter.Name.of("dial_time_id");
	private static final JsonWriter.Name K_destination_extension = JsonWriter.Name.of("destination_extension");
	private static final JsonWriter.Name K_destination_dialplan = JsonWriter.Name.of("destination_dialplan");
	private static final JsonWriter.Name K_destination_context = JsonWriter.Name.of("destination_context");
	private static final JsonWriter.Name K_scheduling_policy_ratio = JsonWriter.Name.of("scheduling_policy_ratio");
	private static final JsonWriter.Name K_scheduling_queue = JsonWriter.Name.of("scheduling_queue");
	private static final JsonWriter.Name K_dial_format = JsonWriter.Name.of("dial_format");
	private static final JsonWriter.Name K_domain = JsonWriter.Name.of("domain");
	private static final JsonWriter.Name K_remark = JsonWriter.Name.of("remark");
	private static final JsonWriter.Name K_sort = JsonWriter.Name.of("sort");
	private static final JsonWriter.Name K_originate_variables = JsonWriter.Name.of("originate_variables");
	private static final JsonWriter.Name K__originate_timeout = JsonWriter.Name.of("_originate_timeout");
	private static final JsonWriter.Name K__origination_caller_id_number = JsonWriter.Name.of("_origination_caller_id_number");
	private static final JsonWriter.Name K_user_id = JsonWriter.Name.of("user_id");
	private static final JsonWriter.Name K_caller_line_id = JsonWriter.Name.of("caller_line_id");
	private static final JsonWriter.Name K_auto_recycle_rule_id = JsonWriter.Name.of("auto_recycle_rule_id");
	private static final JsonWriter.Name K_clue_configuration_id = JsonWriter.Name.of("clue_configuration_id");
	private static final JsonWriter.Name K_deleted_at = JsonWriter.Name.of("deleted_at");
	private static final JsonWriter.Name K_call_notify_url = JsonWriter.Name.of("call_notify_url");
	private static final JsonWriter.Name K_call_notify_type = JsonWriter.Name.of("call_notify_type");
	private static final JsonWriter.Name K_call_pause_second = JsonWriter.Name.of("call_pause_second");
	private static final JsonWriter.Name K_call_stop_notify_url = JsonWriter.Name.of("call_stop_notify_url");
	private static final JsonWriter.Name K_call_notify_fail_stop = JsonWriter.Name.of("call_notify_fail_stop");
	private static final JsonWriter.Name K_bridge_group_id = JsonWriter.Name.of("bridge_group_id");
	private static final JsonWriter.Name K_is_test = JsonWriter.Name.of("is_test");
	private static final JsonWriter.Name K_is_top = JsonWriter.Name.of("is_top");
	private static final JsonWriter.Name K_empty_seat_stop = JsonWriter.Name.of("empty_seat_stop");
	private static final JsonWriter.Name K_background_file_id = JsonWriter.Name.of("background_file_id");
	private static final JsonWriter.Name K_background_file_name = JsonWriter.Name.of("background_file_name");
	private static final JsonWriter.Name K_end_action = JsonWriter.Name.of("end_action");
	private static final JsonWriter.Name K_task_type = JsonWriter.Name.of("task_type");
	private static final JsonWriter.Name K_line_callee = JsonWriter.Name.of("line_callee");
	private static final JsonWriter.Name K_cache_number_count = JsonWriter.Name.of("cache_number_count");
	private static final JsonWriter.Name K_mode_id = JsonWriter.Name.of("mode_id");
	private static final JsonWriter.Name K_bridge_maximumcall = JsonWriter.Name.of("bridge_maximumcall");
	private static final JsonWriter.Name K_bridge_proportion = JsonWriter.Name.of("bridge_proportion");
	private static final JsonWriter.Name K_direct_bridge = JsonWriter.Name.of("direct_bridge");
	private static final JsonWriter.Name K_direct_bridge_echo = JsonWriter.Name.of("direct_bridge_echo");
	private static final JsonWriter.Name K_llm_intention_id = JsonWriter.Name.of("llm_intention_id");
	private static final JsonWriter.Name K_restart_at = JsonWriter.Name.of("restart_at");
	private static final JsonWriter.Name K_enable_type = JsonWriter.Name.of("enable_type");
	private static final JsonWriter.Name K_background_id = JsonWriter.Name.of("background_id");
	private static final JsonWriter.Name K_background = JsonWriter.Name.of("background");
	private static final JsonWriter.Name K_is_group_switch = JsonWriter.Name.of("is_group_switch");
	private static final JsonWriter.Name K_is_call_in = JsonWriter.Name.of("is_call_in");
	private static final JsonWriter.Name K_task_extras = JsonWriter.Name.of("task_extras");
	private static final JsonWriter.Name K_status_str = JsonWriter.Name.of("status_str");
	private static final JsonWriter.Name K_new_task_extra = JsonWriter.Name.of("new_task_extra");
	private static final JsonWriter.Name K_caller_line = JsonWriter.Name.of("caller_line");
	private static final JsonWriter.Name K_auto_recycle_rule = JsonWriter.Name.of("auto_recycle_rule");
	private static final JsonWriter.Name K_group = JsonWriter.Name.of("group");
	private static final JsonWriter.Name K_llm_intention_config = JsonWriter.Name.of("llm_intention_config");
	private static final JsonWriter.Name K_status = JsonWriter.Name.of("status");
	private static final JsonWriter.Name K_line = JsonWriter.Name.of("line");
	private static final JsonWriter.Name K_stop_time = JsonWriter.Name.of("stop_time");
	private static final JsonWriter.Name K_work_hour = JsonWriter.Name.of("work_hour");
	private static final JsonWriter.Name K_work_week = JsonWriter.Name.of("work_week");
	private static final JsonWriter.Name K_start_time = JsonWriter.Name.of("start_time");
	private static final JsonWriter.Name K_id = JsonWriter.Name.of("id");
	private static final JsonWriter.Name K_limit = JsonWriter.Name.of("limit");
	private static final JsonWriter.Name K_cps = JsonWriter.Name.of("cps");
	private static final JsonWriter.Name K_pop_mode = JsonWriter.Name.of("pop_mode");
	private static final JsonWriter.Name K_holiday = JsonWriter.Name.of("holiday");
	private static final JsonWriter.Name K_blacklist = JsonWriter.Name.of("blacklist");
	private static final JsonWriter.Name K_call_status = JsonWriter.Name.of("call_status");
	private static final JsonWriter.Name K_number_count = JsonWriter.Name.of("number_count");
	private static final JsonWriter.Name K_call_info = JsonWriter.Name.of("call_info");
	private static final JsonWriter.Name K_task_id = JsonWriter.Name.of("task_id");
	private static final JsonWriter.Name K_task_name = JsonWriter.Name.of("task_name");
	private static final JsonWriter.Name K_node_id = JsonWriter.Name.of("node_id");
	private static final JsonWriter.Name K_line_id = JsonWriter.Name.of("line_id");
	private static final JsonWriter.Name K_line_name = JsonWriter.Name.of("line_name");
	private static final JsonWriter.Name K_dialed_number_total = JsonWriter.Name.of("dialed_number_total");
	private static final JsonWriter.Name K_answer_total = JsonWriter.Name.of("answer_total");
	private static final JsonWriter.Name K_gateway_error_hangup_total = JsonWriter.Name.of("gateway_error_hangup_total");
	private static final JsonWriter.Name K_normal_hangup_total = JsonWriter.Name.of("normal_hangup_total");
	private static final JsonWriter.Name K_bill = JsonWriter.Name.of("bill");
	private static final JsonWriter.Name K_calling_count = JsonWriter.Name.of("calling_count");
	private static final JsonWriter.Name K_answering_count = JsonWriter.Name.of("answering_count");

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
		rows.stream().map(TaskRow::callerLineId).filter(Objects::nonNull).forEach(lineIds::add);
		Refs refs = new Refs(lines.byIds(lineIds),
				catalog.groups(ids(rows, TaskRow::destinationExtension)),
				catalog.recycleRules(ids(rows, TaskRow::autoRecycleRuleId)),
				catalog.llmIntentions(ids(rows, TaskRow::llmIntentionId)),
				catalog.backgrounds(ids(rows, TaskRow::backgroundId)));
		List<TaskView> items = new ArrayList<>(rows.size());
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

	private TaskItem item(TaskRow t, List<LineRow> taskLines, List<LineRow> stats, Refs refs) {
		UUID user = t.userId();
		return new TaskItem(t, taskLines, stats, refs.lines(),
				refs.owned(refs.groups(), t.destinationExtension(), user, BotGroup::userId),
				refs.owned(refs.lines(), t.callerLineId(), user, Line::userId),
				refs.owned(refs.rules(), t.autoRecycleRuleId(), user, RecycleRule::userId),
				refs.owned(refs.llms(), t.llmIntentionId(), user, LlmIntention::userId),
				refs.owned(refs.backgrounds(), t.backgroundId(), user, Background::userId));
	}

	/** One item: the row and what it refers to, written as the seed shows it. */
	private final class TaskItem extends TaskView {

		private final TaskRow t;

		private final List<LineRow> taskLines;

		private final List<LineRow> stats;

		private final Map<UUID, Line> lineById;

		private final BotGroup group;

		private final Line callerLine;

		private final RecycleRule rule;

		private final LlmIntention llm;

		private final Background background;

		TaskItem(TaskRow t, List<LineRow> taskLines, List<LineRow> stats, Map<UUID, Line> lineById, BotGroup group,
				Line callerLine, RecycleRule rule, LlmIntention llm, Background background) {
			this.t = t;
			this.taskLines = taskLines;
			this.stats = stats;
			this.lineById = lineById;
			this.group = group;
			this.callerLine = callerLine;
			this.rule = rule;
			this.llm = llm;
			this.background = background;
		}

		@Override
		public UUID id() {
			return t.uuid();
		}

		@Override
		public void writeTo(JsonWriter g) {
			String backgroundUrl = background == null ? "" : background.url();
			String destination = group == null ? "" : Long.toString(group.id());
			TaskStatus status = TaskStatus.of(t.enable(), t.callStatus());
			g.startObject();
			g.name(K_uuid);
			g.uuid(t.uuid());
			g.name(K_name);
			g.string(t.name());
			g.name(K_create_datetime);
			g.string(time.format(t.createdAt()));
			g.name(K_alter_datetime);
			g.string(time.format(t.updatedAt()));
			g.name(K_start);
			g.number(0);
			g.name(K_enable);
			g.bool(t.enable());
			g.name(K_maximumcall);
			g.number(t.maximumcall());
			g.name(K_call_per_second);
			g.number(t.cps());
			g.name(K_recycle_limit);
			g.number(0);
			g.name(K_random_assignment_number);
			g.number(0);
			g.name(K_disable_dial_timegroup);
			g.nullValue();
			g.name(K_dial_time_id).number(t.dialTimeId());
			g.name(K_destination_extension);
			g.string(destination);
			g.name(K_destination_dialplan);
			g.string(t.destinationDialplan());
			g.name(K_destination_context);
			g.string(t.destinationContext());
			g.name(K_scheduling_policy_ratio);
			g.nullValue();
			g.name(K_scheduling_queue);
			g.nullValue();
			g.name(K_dial_format);
			g.string(t.dialFormat());
			g.name(K_domain);
			g.nullValue();
			g.name(K_remark);
			g.string(t.remark());
			g.name(K_sort);
			g.number(t.sort());
			g.name(K_originate_variables);
			g.string(t.originateVariables());
			g.name(K__originate_timeout);
			g.number(t.originateTimeout());
			g.name(K__origination_caller_id_number);
			g.string(t.originationCallerIdNumber());
			g.name(K_user_id);
			g.uuid(t.userId());
			g.name(K_caller_line_id);
			g.uuid(callerLine == null ? null : callerLine.id());
			g.name(K_auto_recycle_rule_id);
			g.uuid(rule == null ? null : rule.id());
			g.name(K_clue_configuration_id);
			g.string(t.clueConfigurationId());
			g.name(K_deleted_at);
			g.string(time.format(t.deletedAt()));
			g.name(K_call_notify_url);
			g.string(t.callNotifyUrl());
			g.name(K_call_notify_type);
			g.number(t.callNotifyType());
			g.name(K_call_pause_second);
			g.number(t.callPauseSecond());
			g.name(K_call_stop_notify_url);
			g.string(t.callStopNotifyUrl());
			g.name(K_call_notify_fail_stop);
			g.number(t.callNotifyFailStop());
			g.name(K_bridge_group_id).number(t.bridgeGroupId());
			g.name(K_is_test);
			g.bool(t.isTest());
			g.name(K_is_top);
			g.number(t.isTop());
			g.name(K_empty_seat_stop);
			g.number(t.emptySeatStop());
			g.name(K_background_file_id);
			g.string(t.backgroundFileId());
			g.name(K_background_file_name);
			g.string(t.backgroundFileName());
			g.name(K_end_action).number(t.endAction());
			g.name(K_task_type);
			g.number(t.taskType());
			g.name(K_line_callee);
			g.string(t.lineCallee());
			g.name(K_cache_number_count);
			g.number(t.cacheNumberCount());
			g.name(K_mode_id).number(t.modeId());
			g.name(K_bridge_maximumcall);
			g.number(t.bridgeMaximumcall());
			g.name(K_bridge_proportion);
			g.number(t.bridgeProportion());
			g.name(K_direct_bridge);
			g.number(t.directBridge());
			g.name(K_direct_bridge_echo);
			g.number(t.directBridgeEcho());
			g.name(K_llm_intention_id);
			g.number(llm == null ? 0 : llm.id());
			g.name(K_restart_at);
			g.string(time.format(t.restartAt()));
			g.name(K_enable_type);
			g.number(t.enableType());
			g.name(K_background_id).number(background == null ? null : background.id());
			g.name(K_background);
			g.string(backgroundUrl);
			g.name(K_is_group_switch);
			g.number(t.isGroupSwitch());
			g.name(K_is_call_in);
			g.number(t.isCallIn());
			g.name(K_task_extras);
			localTask(g);
			g.name(K_status_str);
			g.string(status.label());
			g.name(K_new_task_extra);
			remoteTask(g, destination, backgroundUrl);
			g.name(K_caller_line);
			g.value(callerLine == null ? null : lines.view(callerLine));
			g.name(K_auto_recycle_rule);
			g.value(rule == null ? null : catalog.view(rule));
			g.name(K_group);
			g.value(group == null ? null : catalog.groupSummary(group));
			g.name(K_llm_intention_config);
			g.value(llm == null ? null : catalog.view(llm));
			g.name(K_status);
			g.number(status.code());
			g.endObject();
		}

		/** task_extras: the schedule as the user gave it (key order as the seed shows it). */
		private void localTask(JsonWriter g) {
			g.startObject();
			g.name(K_line);
			g.startArray();
			for (LineRow l : taskLines) {
				g.uuid(l.lineId());
			}
			g.endArray();
			g.name(K_stop_time);
			g.string(time.format(t.stopTime()));
			g.name(K_work_hour);
			g.rawValue(t.workHour());
			g.name(K_work_week);
			g.rawValue(t.workWeek());
			g.name(K_start_time);
			g.string(time.format(t.startTime()));
			g.endObject();
		}

		/** new_task_extra: the dialer's view, with the compressed schedule and its runtime state. */
		private void remoteTask(JsonWriter g, String destination, String backgroundUrl) {
			g.startObject();
			g.name(K_id);
			g.uuid(t.uuid());
			g.name(K_name);
			g.string(t.name());
			g.name(K_enable);
			g.number(t.enable() ? 1 : 0);
			g.name(K_line);
			g.startArray();
			for (LineRow l : taskLines) {
				g.startObject();
				g.name(K_id);
				g.uuid(l.lineId());
				g.name(K_limit);
				g.number(shareOf(l, lineById.get(l.lineId())));
				g.endObject();
			}
			g.endArray();
			g.name(K_limit);
			g.number(t.maximumcall());
			g.name(K_cps);
			g.number(t.cps());
			g.name(K_pop_mode);
			g.number(t.popMode());
			g.name(K_start_time);
			g.string(time.format(t.startTime()));
			g.name(K_stop_time);
			g.string(time.format(t.stopTime()));
			g.name(K_holiday);
			g.rawValue(t.holiday());
			g.name(K_work_week);
			g.rawValue(t.workWeek());
			g.name(K_work_hour);
			g.rawValue(t.remoteWorkHour());
			g.name(K_destination_extension);
			g.string(destination);
			g.name(K_blacklist);
			g.string("");
			g.name(K_background);
			g.string(backgroundUrl);
			g.name(K_call_status);
			g.bool(t.callStatus());
			g.name(K_number_count);
			g.number(t.numberCount());
			g.name(K_call_info);
			callInfo(g);
			g.endObject();
		}

		/** call_info: one entry per line the dialer used, keyed by line id, with the seed's keys. */
		private void callInfo(JsonWriter g) {
			g.startObject();
			for (LineRow s : stats) {
				Line line = lineById.get(s.lineId());
				LineRow share = taskLines.stream().filter(l -> l.lineId().equals(s.lineId())).findFirst().orElse(null);
				TaskRepository.LineStats st = s.stats();
				g.name(s.lineId().toString());
				g.startObject();
				g.name(K_task_id);
				g.uuid(t.uuid());
				g.name(K_task_name);
				g.string(t.name());
				g.name(K_node_id);
				g.string(line == null ? null : line.nodeId());
				g.name(K_line_id);
				g.uuid(s.lineId());
				g.name(K_line_name);
				g.string(line == null ? null : line.name());
				g.name(K_cps);
				g.number(line == null ? 0 : line.cps());
				g.name(K_limit);
				g.number(share == null ? (line == null ? 0 : line.limit()) : shareOf(share, line));
				g.name(K_call_status);
				g.number(st.callStatus());
				g.name(K_dialed_number_total);
				g.number(st.dialed());
				g.name(K_answer_total);
				g.number(st.answered());
				g.name(K_gateway_error_hangup_total);
				g.number(st.gatewayErrors());
				g.name(K_normal_hangup_total);
				g.number(st.normalHangups());
				g.name(K_bill);
				g.number(st.bill());
				g.name(K_calling_count);
				g.number(st.calling());
				g.name(K_answering_count);
				g.number(st.answering());
				g.endObject();
			}
			g.endObject();
		}

	}

	private static int shareOf(LineRow taskLine, Line line) {
		if (taskLine.limit() != null) {
			return taskLine.limit();
		}
		return line == null ? 0 : line.limit();
	}

}
