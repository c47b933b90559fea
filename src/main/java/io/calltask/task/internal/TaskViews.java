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
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.jsontype.TypeSerializer;

import io.calltask.api.DateTimes;
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
	private static final SerializableString K_uuid = new SerializedString("uuid");
	private static final SerializableString K_name = new SerializedString("name");
	private static final SerializableString K_create_datetime = new SerializedString("create_datetime");
	private static final SerializableString K_alter_datetime = new SerializedString("alter_datetime");
	private static final SerializableString K_start = new SerializedString("start");
	private static final SerializableString K_enable = new SerializedString("enable");
	private static final SerializableString K_maximumcall = new SerializedString("maximumcall");
	private static final SerializableString K_call_per_second = new SerializedString("call_per_second");
	private static final SerializableString K_recycle_limit = new SerializedString("recycle_limit");
	private static final SerializableString K_random_assignment_number = new SerializedString("random_assignment_number");
	private static final SerializableString K_disable_dial_timegroup = new SerializedString("disable_dial_timegroup");
	private static final SerializableString K_dial_time_id = new SerializedString("dial_time_id");
	private static final SerializableString K_destination_extension = new SerializedString("destination_extension");
	private static final SerializableString K_destination_dialplan = new SerializedString("destination_dialplan");
	private static final SerializableString K_destination_context = new SerializedString("destination_context");
	private static final SerializableString K_scheduling_policy_ratio = new SerializedString("scheduling_policy_ratio");
	private static final SerializableString K_scheduling_queue = new SerializedString("scheduling_queue");
	private static final SerializableString K_dial_format = new SerializedString("dial_format");
	private static final SerializableString K_domain = new SerializedString("domain");
	private static final SerializableString K_remark = new SerializedString("remark");
	private static final SerializableString K_sort = new SerializedString("sort");
	private static final SerializableString K_originate_variables = new SerializedString("originate_variables");
	private static final SerializableString K__originate_timeout = new SerializedString("_originate_timeout");
	private static final SerializableString K__origination_caller_id_number = new SerializedString("_origination_caller_id_number");
	private static final SerializableString K_user_id = new SerializedString("user_id");
	private static final SerializableString K_caller_line_id = new SerializedString("caller_line_id");
	private static final SerializableString K_auto_recycle_rule_id = new SerializedString("auto_recycle_rule_id");
	private static final SerializableString K_clue_configuration_id = new SerializedString("clue_configuration_id");
	private static final SerializableString K_deleted_at = new SerializedString("deleted_at");
	private static final SerializableString K_call_notify_url = new SerializedString("call_notify_url");
	private static final SerializableString K_call_notify_type = new SerializedString("call_notify_type");
	private static final SerializableString K_call_pause_second = new SerializedString("call_pause_second");
	private static final SerializableString K_call_stop_notify_url = new SerializedString("call_stop_notify_url");
	private static final SerializableString K_call_notify_fail_stop = new SerializedString("call_notify_fail_stop");
	private static final SerializableString K_bridge_group_id = new SerializedString("bridge_group_id");
	private static final SerializableString K_is_test = new SerializedString("is_test");
	private static final SerializableString K_is_top = new SerializedString("is_top");
	private static final SerializableString K_empty_seat_stop = new SerializedString("empty_seat_stop");
	private static final SerializableString K_background_file_id = new SerializedString("background_file_id");
	private static final SerializableString K_background_file_name = new SerializedString("background_file_name");
	private static final SerializableString K_end_action = new SerializedString("end_action");
	private static final SerializableString K_task_type = new SerializedString("task_type");
	private static final SerializableString K_line_callee = new SerializedString("line_callee");
	private static final SerializableString K_cache_number_count = new SerializedString("cache_number_count");
	private static final SerializableString K_mode_id = new SerializedString("mode_id");
	private static final SerializableString K_bridge_maximumcall = new SerializedString("bridge_maximumcall");
	private static final SerializableString K_bridge_proportion = new SerializedString("bridge_proportion");
	private static final SerializableString K_direct_bridge = new SerializedString("direct_bridge");
	private static final SerializableString K_direct_bridge_echo = new SerializedString("direct_bridge_echo");
	private static final SerializableString K_llm_intention_id = new SerializedString("llm_intention_id");
	private static final SerializableString K_restart_at = new SerializedString("restart_at");
	private static final SerializableString K_enable_type = new SerializedString("enable_type");
	private static final SerializableString K_background_id = new SerializedString("background_id");
	private static final SerializableString K_background = new SerializedString("background");
	private static final SerializableString K_is_group_switch = new SerializedString("is_group_switch");
	private static final SerializableString K_is_call_in = new SerializedString("is_call_in");
	private static final SerializableString K_task_extras = new SerializedString("task_extras");
	private static final SerializableString K_status_str = new SerializedString("status_str");
	private static final SerializableString K_new_task_extra = new SerializedString("new_task_extra");
	private static final SerializableString K_caller_line = new SerializedString("caller_line");
	private static final SerializableString K_auto_recycle_rule = new SerializedString("auto_recycle_rule");
	private static final SerializableString K_group = new SerializedString("group");
	private static final SerializableString K_llm_intention_config = new SerializedString("llm_intention_config");
	private static final SerializableString K_status = new SerializedString("status");
	private static final SerializableString K_line = new SerializedString("line");
	private static final SerializableString K_stop_time = new SerializedString("stop_time");
	private static final SerializableString K_work_hour = new SerializedString("work_hour");
	private static final SerializableString K_work_week = new SerializedString("work_week");
	private static final SerializableString K_start_time = new SerializedString("start_time");
	private static final SerializableString K_id = new SerializedString("id");
	private static final SerializableString K_limit = new SerializedString("limit");
	private static final SerializableString K_cps = new SerializedString("cps");
	private static final SerializableString K_pop_mode = new SerializedString("pop_mode");
	private static final SerializableString K_holiday = new SerializedString("holiday");
	private static final SerializableString K_blacklist = new SerializedString("blacklist");
	private static final SerializableString K_call_status = new SerializedString("call_status");
	private static final SerializableString K_number_count = new SerializedString("number_count");
	private static final SerializableString K_call_info = new SerializedString("call_info");
	private static final SerializableString K_task_id = new SerializedString("task_id");
	private static final SerializableString K_task_name = new SerializedString("task_name");
	private static final SerializableString K_node_id = new SerializedString("node_id");
	private static final SerializableString K_line_id = new SerializedString("line_id");
	private static final SerializableString K_line_name = new SerializedString("line_name");
	private static final SerializableString K_dialed_number_total = new SerializedString("dialed_number_total");
	private static final SerializableString K_answer_total = new SerializedString("answer_total");
	private static final SerializableString K_gateway_error_hangup_total = new SerializedString("gateway_error_hangup_total");
	private static final SerializableString K_normal_hangup_total = new SerializedString("normal_hangup_total");
	private static final SerializableString K_bill = new SerializedString("bill");
	private static final SerializableString K_calling_count = new SerializedString("calling_count");
	private static final SerializableString K_answering_count = new SerializedString("answering_count");

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
		public void serializeWithType(JsonGenerator gen, SerializationContext ctxt, TypeSerializer typeSer) {
			serialize(gen, ctxt);
		}

		@Override
		public void serialize(JsonGenerator g, SerializationContext ctxt) {
			String backgroundUrl = background == null ? "" : background.url();
			String destination = group == null ? "" : Long.toString(group.id());
			TaskStatus status = TaskStatus.of(t.enable(), t.callStatus());
			g.writeStartObject();
			g.writeName(K_uuid);
			g.writeString(t.uuid().toString());
			g.writeName(K_name);
			g.writeString(t.name());
			g.writeName(K_create_datetime);
			g.writeString(time.format(t.createdAt()));
			g.writeName(K_alter_datetime);
			g.writeString(time.format(t.updatedAt()));
			g.writeName(K_start);
			g.writeNumber(0);
			g.writeName(K_enable);
			g.writeBoolean(t.enable());
			g.writeName(K_maximumcall);
			g.writeNumber(t.maximumcall());
			g.writeName(K_call_per_second);
			g.writeNumber(t.cps());
			g.writeName(K_recycle_limit);
			g.writeNumber(0);
			g.writeName(K_random_assignment_number);
			g.writeNumber(0);
			g.writeName(K_disable_dial_timegroup);
			g.writeNull();
			number(g, K_dial_time_id, t.dialTimeId());
			g.writeName(K_destination_extension);
			g.writeString(destination);
			g.writeName(K_destination_dialplan);
			g.writeString(t.destinationDialplan());
			g.writeName(K_destination_context);
			g.writeString(t.destinationContext());
			g.writeName(K_scheduling_policy_ratio);
			g.writeNull();
			g.writeName(K_scheduling_queue);
			g.writeNull();
			g.writeName(K_dial_format);
			g.writeString(t.dialFormat());
			g.writeName(K_domain);
			g.writeNull();
			g.writeName(K_remark);
			g.writeString(t.remark());
			g.writeName(K_sort);
			g.writeNumber(t.sort());
			g.writeName(K_originate_variables);
			g.writeString(t.originateVariables());
			g.writeName(K__originate_timeout);
			g.writeNumber(t.originateTimeout());
			g.writeName(K__origination_caller_id_number);
			g.writeString(t.originationCallerIdNumber());
			g.writeName(K_user_id);
			g.writeString(t.userId().toString());
			g.writeName(K_caller_line_id);
			g.writeString(callerLine == null ? null : callerLine.id().toString());
			g.writeName(K_auto_recycle_rule_id);
			g.writeString(rule == null ? null : rule.id().toString());
			g.writeName(K_clue_configuration_id);
			g.writeString(t.clueConfigurationId());
			g.writeName(K_deleted_at);
			g.writeString(time.format(t.deletedAt()));
			g.writeName(K_call_notify_url);
			g.writeString(t.callNotifyUrl());
			g.writeName(K_call_notify_type);
			g.writeNumber(t.callNotifyType());
			g.writeName(K_call_pause_second);
			g.writeNumber(t.callPauseSecond());
			g.writeName(K_call_stop_notify_url);
			g.writeString(t.callStopNotifyUrl());
			g.writeName(K_call_notify_fail_stop);
			g.writeNumber(t.callNotifyFailStop());
			number(g, K_bridge_group_id, t.bridgeGroupId());
			g.writeName(K_is_test);
			g.writeBoolean(t.isTest());
			g.writeName(K_is_top);
			g.writeNumber(t.isTop());
			g.writeName(K_empty_seat_stop);
			g.writeNumber(t.emptySeatStop());
			g.writeName(K_background_file_id);
			g.writeString(t.backgroundFileId());
			g.writeName(K_background_file_name);
			g.writeString(t.backgroundFileName());
			number(g, K_end_action, t.endAction());
			g.writeName(K_task_type);
			g.writeNumber(t.taskType());
			g.writeName(K_line_callee);
			g.writeString(t.lineCallee());
			g.writeName(K_cache_number_count);
			g.writeNumber(t.cacheNumberCount());
			number(g, K_mode_id, t.modeId());
			g.writeName(K_bridge_maximumcall);
			g.writeNumber(t.bridgeMaximumcall());
			g.writeName(K_bridge_proportion);
			g.writeNumber(t.bridgeProportion());
			g.writeName(K_direct_bridge);
			g.writeNumber(t.directBridge());
			g.writeName(K_direct_bridge_echo);
			g.writeNumber(t.directBridgeEcho());
			g.writeName(K_llm_intention_id);
			g.writeNumber(llm == null ? 0 : llm.id());
			g.writeName(K_restart_at);
			g.writeString(time.format(t.restartAt()));
			g.writeName(K_enable_type);
			g.writeNumber(t.enableType());
			number(g, K_background_id, background == null ? null : background.id());
			g.writeName(K_background);
			g.writeString(backgroundUrl);
			g.writeName(K_is_group_switch);
			g.writeNumber(t.isGroupSwitch());
			g.writeName(K_is_call_in);
			g.writeNumber(t.isCallIn());
			g.writeName(K_task_extras);
			localTask(g);
			g.writeName(K_status_str);
			g.writeString(status.label());
			g.writeName(K_new_task_extra);
			remoteTask(g, destination, backgroundUrl);
			g.writeName(K_caller_line);
			g.writePOJO(callerLine == null ? null : lines.view(callerLine));
			g.writeName(K_auto_recycle_rule);
			g.writePOJO(rule == null ? null : catalog.view(rule));
			g.writeName(K_group);
			g.writePOJO(group == null ? null : catalog.groupSummary(group));
			g.writeName(K_llm_intention_config);
			g.writePOJO(llm == null ? null : catalog.view(llm));
			g.writeName(K_status);
			g.writeNumber(status.code());
			g.writeEndObject();
		}

		/** task_extras: the schedule as the user gave it (key order as the seed shows it). */
		private void localTask(JsonGenerator g) {
			g.writeStartObject();
			g.writeName(K_line);
			g.writeStartArray();
			for (LineRow l : taskLines) {
				g.writeString(l.lineId().toString());
			}
			g.writeEndArray();
			g.writeName(K_stop_time);
			g.writeString(time.format(t.stopTime()));
			g.writeName(K_work_hour);
			g.writeRawValue(t.workHour());
			g.writeName(K_work_week);
			g.writeRawValue(t.workWeek());
			g.writeName(K_start_time);
			g.writeString(time.format(t.startTime()));
			g.writeEndObject();
		}

		/** new_task_extra: the dialer's view, with the compressed schedule and its runtime state. */
		private void remoteTask(JsonGenerator g, String destination, String backgroundUrl) {
			g.writeStartObject();
			g.writeName(K_id);
			g.writeString(t.uuid().toString());
			g.writeName(K_name);
			g.writeString(t.name());
			g.writeName(K_enable);
			g.writeNumber(t.enable() ? 1 : 0);
			g.writeName(K_line);
			g.writeStartArray();
			for (LineRow l : taskLines) {
				g.writeStartObject();
				g.writeName(K_id);
				g.writeString(l.lineId().toString());
				g.writeName(K_limit);
				g.writeNumber(shareOf(l, lineById.get(l.lineId())));
				g.writeEndObject();
			}
			g.writeEndArray();
			g.writeName(K_limit);
			g.writeNumber(t.maximumcall());
			g.writeName(K_cps);
			g.writeNumber(t.cps());
			g.writeName(K_pop_mode);
			g.writeNumber(t.popMode());
			g.writeName(K_start_time);
			g.writeString(time.format(t.startTime()));
			g.writeName(K_stop_time);
			g.writeString(time.format(t.stopTime()));
			g.writeName(K_holiday);
			g.writeRawValue(t.holiday());
			g.writeName(K_work_week);
			g.writeRawValue(t.workWeek());
			g.writeName(K_work_hour);
			g.writeRawValue(t.remoteWorkHour());
			g.writeName(K_destination_extension);
			g.writeString(destination);
			g.writeName(K_blacklist);
			g.writeString("");
			g.writeName(K_background);
			g.writeString(backgroundUrl);
			g.writeName(K_call_status);
			g.writeBoolean(t.callStatus());
			g.writeName(K_number_count);
			g.writeNumber(t.numberCount());
			g.writeName(K_call_info);
			callInfo(g);
			g.writeEndObject();
		}

		/** call_info: one entry per line the dialer used, keyed by line id, with the seed's keys. */
		private void callInfo(JsonGenerator g) {
			g.writeStartObject();
			for (LineRow s : stats) {
				Line line = lineById.get(s.lineId());
				LineRow share = taskLines.stream().filter(l -> l.lineId().equals(s.lineId())).findFirst().orElse(null);
				TaskRepository.LineStats st = s.stats();
				g.writeName(s.lineId().toString());
				g.writeStartObject();
				g.writeName(K_task_id);
				g.writeString(t.uuid().toString());
				g.writeName(K_task_name);
				g.writeString(t.name());
				g.writeName(K_node_id);
				g.writeString(line == null ? null : line.nodeId());
				g.writeName(K_line_id);
				g.writeString(s.lineId().toString());
				g.writeName(K_line_name);
				g.writeString(line == null ? null : line.name());
				g.writeName(K_cps);
				g.writeNumber(line == null ? 0 : line.cps());
				g.writeName(K_limit);
				g.writeNumber(share == null ? (line == null ? 0 : line.limit()) : shareOf(share, line));
				g.writeName(K_call_status);
				g.writeNumber(st.callStatus());
				g.writeName(K_dialed_number_total);
				g.writeNumber(st.dialed());
				g.writeName(K_answer_total);
				g.writeNumber(st.answered());
				g.writeName(K_gateway_error_hangup_total);
				g.writeNumber(st.gatewayErrors());
				g.writeName(K_normal_hangup_total);
				g.writeNumber(st.normalHangups());
				g.writeName(K_bill);
				g.writeNumber(st.bill());
				g.writeName(K_calling_count);
				g.writeNumber(st.calling());
				g.writeName(K_answering_count);
				g.writeNumber(st.answering());
				g.writeEndObject();
			}
			g.writeEndObject();
		}

		private static void number(JsonGenerator g, SerializableString name, Number value) {
			g.writeName(name);
			if (value == null) {
				g.writeNull();
			}
			else {
				g.writeNumber(value.longValue());
			}
		}

	}

	private static int shareOf(LineRow taskLine, Line line) {
		if (taskLine.limit() != null) {
			return taskLine.limit();
		}
		return line == null ? 0 : line.limit();
	}

}
