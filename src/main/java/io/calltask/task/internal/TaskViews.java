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
			g.writeStringProperty("uuid", t.uuid().toString());
			g.writeStringProperty("name", t.name());
			g.writeStringProperty("create_datetime", time.format(t.createdAt()));
			g.writeStringProperty("alter_datetime", time.format(t.updatedAt()));
			g.writeNumberProperty("start", 0);
			g.writeBooleanProperty("enable", t.enable());
			g.writeNumberProperty("maximumcall", t.maximumcall());
			g.writeNumberProperty("call_per_second", t.cps());
			g.writeNumberProperty("recycle_limit", 0);
			g.writeNumberProperty("random_assignment_number", 0);
			g.writeNullProperty("disable_dial_timegroup");
			number(g, "dial_time_id", t.dialTimeId());
			g.writeStringProperty("destination_extension", destination);
			g.writeStringProperty("destination_dialplan", t.destinationDialplan());
			g.writeStringProperty("destination_context", t.destinationContext());
			g.writeNullProperty("scheduling_policy_ratio");
			g.writeNullProperty("scheduling_queue");
			g.writeStringProperty("dial_format", t.dialFormat());
			g.writeNullProperty("domain");
			g.writeStringProperty("remark", t.remark());
			g.writeNumberProperty("sort", t.sort());
			g.writeStringProperty("originate_variables", t.originateVariables());
			g.writeNumberProperty("_originate_timeout", t.originateTimeout());
			g.writeStringProperty("_origination_caller_id_number", t.originationCallerIdNumber());
			g.writeStringProperty("user_id", t.userId().toString());
			g.writeStringProperty("caller_line_id", callerLine == null ? null : callerLine.id().toString());
			g.writeStringProperty("auto_recycle_rule_id", rule == null ? null : rule.id().toString());
			g.writeStringProperty("clue_configuration_id", t.clueConfigurationId());
			g.writeStringProperty("deleted_at", time.format(t.deletedAt()));
			g.writeStringProperty("call_notify_url", t.callNotifyUrl());
			g.writeNumberProperty("call_notify_type", t.callNotifyType());
			g.writeNumberProperty("call_pause_second", t.callPauseSecond());
			g.writeStringProperty("call_stop_notify_url", t.callStopNotifyUrl());
			g.writeNumberProperty("call_notify_fail_stop", t.callNotifyFailStop());
			number(g, "bridge_group_id", t.bridgeGroupId());
			g.writeBooleanProperty("is_test", t.isTest());
			g.writeNumberProperty("is_top", t.isTop());
			g.writeNumberProperty("empty_seat_stop", t.emptySeatStop());
			g.writeStringProperty("background_file_id", t.backgroundFileId());
			g.writeStringProperty("background_file_name", t.backgroundFileName());
			number(g, "end_action", t.endAction());
			g.writeNumberProperty("task_type", t.taskType());
			g.writeStringProperty("line_callee", t.lineCallee());
			g.writeNumberProperty("cache_number_count", t.cacheNumberCount());
			number(g, "mode_id", t.modeId());
			g.writeNumberProperty("bridge_maximumcall", t.bridgeMaximumcall());
			g.writeNumberProperty("bridge_proportion", t.bridgeProportion());
			g.writeNumberProperty("direct_bridge", t.directBridge());
			g.writeNumberProperty("direct_bridge_echo", t.directBridgeEcho());
			g.writeNumberProperty("llm_intention_id", llm == null ? 0 : llm.id());
			g.writeStringProperty("restart_at", time.format(t.restartAt()));
			g.writeNumberProperty("enable_type", t.enableType());
			number(g, "background_id", background == null ? null : background.id());
			g.writeStringProperty("background", backgroundUrl);
			g.writeNumberProperty("is_group_switch", t.isGroupSwitch());
			g.writeNumberProperty("is_call_in", t.isCallIn());
			g.writeName("task_extras");
			localTask(g);
			g.writeStringProperty("status_str", status.label());
			g.writeName("new_task_extra");
			remoteTask(g, destination, backgroundUrl);
			g.writePOJOProperty("caller_line", callerLine == null ? null : lines.view(callerLine));
			g.writePOJOProperty("auto_recycle_rule", rule == null ? null : catalog.view(rule));
			g.writePOJOProperty("group", group == null ? null : catalog.groupSummary(group));
			g.writePOJOProperty("llm_intention_config", llm == null ? null : catalog.view(llm));
			g.writeNumberProperty("status", status.code());
			g.writeEndObject();
		}

		/** task_extras: the schedule as the user gave it (key order as the seed shows it). */
		private void localTask(JsonGenerator g) {
			g.writeStartObject();
			g.writeName("line");
			g.writeStartArray();
			for (LineRow l : taskLines) {
				g.writeString(l.lineId().toString());
			}
			g.writeEndArray();
			g.writeStringProperty("stop_time", time.format(t.stopTime()));
			g.writeName("work_hour");
			g.writeRawValue(t.workHour());
			g.writeName("work_week");
			g.writeRawValue(t.workWeek());
			g.writeStringProperty("start_time", time.format(t.startTime()));
			g.writeEndObject();
		}

		/** new_task_extra: the dialer's view, with the compressed schedule and its runtime state. */
		private void remoteTask(JsonGenerator g, String destination, String backgroundUrl) {
			g.writeStartObject();
			g.writeStringProperty("id", t.uuid().toString());
			g.writeStringProperty("name", t.name());
			g.writeNumberProperty("enable", t.enable() ? 1 : 0);
			g.writeName("line");
			g.writeStartArray();
			for (LineRow l : taskLines) {
				g.writeStartObject();
				g.writeStringProperty("id", l.lineId().toString());
				g.writeNumberProperty("limit", shareOf(l, lineById.get(l.lineId())));
				g.writeEndObject();
			}
			g.writeEndArray();
			g.writeNumberProperty("limit", t.maximumcall());
			g.writeNumberProperty("cps", t.cps());
			g.writeNumberProperty("pop_mode", t.popMode());
			g.writeStringProperty("start_time", time.format(t.startTime()));
			g.writeStringProperty("stop_time", time.format(t.stopTime()));
			g.writeName("holiday");
			g.writeRawValue(t.holiday());
			g.writeName("work_week");
			g.writeRawValue(t.workWeek());
			g.writeName("work_hour");
			g.writeRawValue(t.remoteWorkHour());
			g.writeStringProperty("destination_extension", destination);
			g.writeStringProperty("blacklist", "");
			g.writeStringProperty("background", backgroundUrl);
			g.writeBooleanProperty("call_status", t.callStatus());
			g.writeNumberProperty("number_count", t.numberCount());
			g.writeName("call_info");
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
				g.writeStringProperty("task_id", t.uuid().toString());
				g.writeStringProperty("task_name", t.name());
				g.writeStringProperty("node_id", line == null ? null : line.nodeId());
				g.writeStringProperty("line_id", s.lineId().toString());
				g.writeStringProperty("line_name", line == null ? null : line.name());
				g.writeNumberProperty("cps", line == null ? 0 : line.cps());
				g.writeNumberProperty("limit", share == null ? (line == null ? 0 : line.limit()) : shareOf(share, line));
				g.writeNumberProperty("call_status", st.callStatus());
				g.writeNumberProperty("dialed_number_total", st.dialed());
				g.writeNumberProperty("answer_total", st.answered());
				g.writeNumberProperty("gateway_error_hangup_total", st.gatewayErrors());
				g.writeNumberProperty("normal_hangup_total", st.normalHangups());
				g.writeNumberProperty("bill", st.bill());
				g.writeNumberProperty("calling_count", st.calling());
				g.writeNumberProperty("answering_count", st.answering());
				g.writeEndObject();
			}
			g.writeEndObject();
		}

		private static void number(JsonGenerator g, String name, Number value) {
			if (value == null) {
				g.writeNullProperty(name);
			}
			else {
				g.writeNumberProperty(name, value.longValue());
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
