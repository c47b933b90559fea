package io.calltask.task.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.calltask.time.DateTimes;
import io.calltask.api.FieldErrors;
import io.calltask.api.Ids;
import io.calltask.api.JsonBody;
import io.calltask.catalog.BotGroup;
import io.calltask.catalog.Catalog;
import io.calltask.line.Line;
import io.calltask.line.Lines;
import io.calltask.schedule.ClockTime;
import io.calltask.schedule.ScheduleJson;
import io.calltask.schedule.TimeGroup;
import io.calltask.schedule.TimeGroups;
import io.calltask.schedule.WeeklySchedule;
import io.calltask.schedule.WorkHour;

/**
 * Reads the writable keys of a task from a create or update body into column values. On create
 * every column gets a value (given or default); on update only the keys present change, and an
 * explicit {@code null} resets a field to its default. Every problem is collected, so one 422
 * names all bad fields, and nothing is written unless the whole body is valid.
 */
@Component
class TaskInput {

	/** Every day, 09:00-18:00: a new task without hours dials in business hours, not at night. */
	static final WeeklySchedule DEFAULT_SCHEDULE = new WeeklySchedule(List.of(1, 2, 3, 4, 5, 6, 0),
			List.of(1, 2, 3, 4, 5, 6, 0).stream()
				.map(d -> new WorkHour(d, ClockTime.parse("09:00"), ClockTime.parse("18:00")))
				.toList());

	static final int MAX_LINES = 100;

	static final int MAX_HOLIDAYS = 100;

	private static final Pattern DIALPLAN = Pattern.compile("[A-Za-z0-9_]{1,32}");

	private static final Pattern CONTEXT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	/** Digits a trunk accepts around the number (a leading {@code +}): a prefix, or {@code %s} where the number goes. */
	private static final Pattern DIAL_FORMAT = Pattern.compile("\\+?[0-9*#]{0,32}(%s[0-9*#]{0,29})?");

	private static final Pattern CALLER_ID = Pattern.compile("[0-9A-Za-z+*#]{0,32}");

	private static final Pattern CALLEE = Pattern.compile("[0-9+*#]{0,32}");

	private record IntField(String key, String column, long min, long max, Integer dflt) {
	}

	private record TextField(String key, String column, int maxLength, String dflt, Pattern pattern) {
	}

	/** Plain integer keys; a null default means the column is nullable. */
	private static final List<IntField> INTS = List.of(new IntField("maximumcall", "maximumcall", 1, 10_000, 1),
			new IntField("pop_mode", "pop_mode", 0, 2, 1),
			new IntField("_originate_timeout", "originate_timeout", 1, 600, 60),
			new IntField("call_notify_type", "call_notify_type", 0, 2, 2),
			new IntField("call_pause_second", "call_pause_second", 0, 3600, 0),
			new IntField("call_notify_fail_stop", "call_notify_fail_stop", 0, 1, 0),
			new IntField("bridge_group_id", "bridge_group_id", 0, Integer.MAX_VALUE, null),
			new IntField("is_top", "is_top", 0, 1, 0), new IntField("empty_seat_stop", "empty_seat_stop", 0, 1, 0),
			new IntField("end_action", "end_action", 0, 2, null), new IntField("task_type", "task_type", 0, 1000, 6),
			new IntField("mode_id", "mode_id", 0, Integer.MAX_VALUE, null),
			new IntField("bridge_maximumcall", "bridge_maximumcall", 0, 10_000, 0),
			new IntField("bridge_proportion", "bridge_proportion", 0, 1000, 0),
			new IntField("direct_bridge", "direct_bridge", 0, 1, 0),
			new IntField("direct_bridge_echo", "direct_bridge_echo", 0, 1, 0),
			new IntField("enable_type", "enable_type", 0, 1, 0),
			new IntField("is_group_switch", "is_group_switch", 0, 1, 0),
			new IntField("is_call_in", "is_call_in", 0, 1, 0));

	/** Plain string keys; a null default means the column is nullable. */
	private static final List<TextField> TEXTS = List.of(
			new TextField("destination_dialplan", "destination_dialplan", 32, "XML", DIALPLAN),
			new TextField("destination_context", "destination_context", 64, "default", CONTEXT),
			new TextField("dial_format", "dial_format", 64, "", DIAL_FORMAT),
			new TextField("remark", "remark", 255, null, null),
			new TextField("_origination_caller_id_number", "origination_caller_id_number", 32, "", CALLER_ID),
			new TextField("clue_configuration_id", "clue_configuration_id", 64, null, null),
			new TextField("background_file_id", "background_file_id", 64, null, null),
			new TextField("background_file_name", "background_file_name", 255, null, null),
			new TextField("line_callee", "line_callee", 32, "", CALLEE));

	private static final List<String> NOTIFY_URLS = List.of("call_notify_url", "call_stop_notify_url");

	private final DateTimes time;

	private final Lines lines;

	private final Catalog catalog;

	private final TimeGroups timeGroups;

	private final OriginateVariables originateVariables;

	private final JsonMapper json = JsonMapper.builder().build();

	TaskInput(DateTimes time, Lines lines, Catalog catalog, TimeGroups timeGroups, OriginateVariables originateVariables) {
		this.time = time;
		this.lines = lines;
		this.catalog = catalog;
		this.timeGroups = timeGroups;
		this.originateVariables = originateVariables;
	}

	/** What a body changes: column values, and the task's lines if {@code line} was given. */
	record Changes(Map<String, Object> columns, List<TaskLine> lines) {

		boolean changesEnable() {
			return columns.containsKey("enable");
		}

		boolean enable() {
			return Boolean.TRUE.equals(columns.get("enable"));
		}

	}

	Changes read(JsonBody body, UUID userId, TaskRow current) {
		boolean create = current == null;
		FieldErrors errors = body.errors();
		Map<String, Object> columns = new LinkedHashMap<>();

		if (create || body.has("name")) {
			String name = body.requiredName("name", 100);
			if (name != null) {
				columns.put("name", name);
			}
		}
		if (create || body.has("enable")) {
			Boolean enable = body.bool("enable");
			columns.put("enable", enable != null && enable);
		}
		if (create || body.has("is_test")) {
			Boolean isTest = body.bool("is_test");
			columns.put("is_test", isTest != null && isTest);
		}
		readCps(body, create, columns);
		for (IntField f : INTS) {
			if (create || body.has(f.key())) {
				Integer value = body.integer(f.key(), f.min(), f.max());
				if (value != null || !body.hasValue(f.key())) {
					columns.put(f.column(), value != null ? value : f.dflt());
				}
			}
		}
		if (body.has("sort")) {
			Integer sort = body.integer("sort", -1_000_000_000, 1_000_000_000);
			if (sort != null) {
				columns.put("sort", sort);
			}
		}
		for (TextField f : TEXTS) {
			if (create || body.has(f.key())) {
				String value = body.string(f.key(), f.maxLength());
				if (value != null && f.pattern() != null && !f.pattern().matcher(value).matches()) {
					errors.add(f.key(), "包含不允许的字符");
				}
				else if (value != null || !body.hasValue(f.key())) {
					columns.put(f.column(), value != null ? value : f.dflt());
				}
			}
		}
		if (create || body.has("originate_variables")) {
			String value = body.string("originate_variables", 2000);
			String problem = value == null ? null : originateVariables.problem(value);
			if (problem != null) {
				errors.add("originate_variables", problem);
			}
			else if (value != null || !body.hasValue("originate_variables")) {
				columns.put("originate_variables", value != null ? value : "");
			}
		}
		for (String key : NOTIFY_URLS) {
			if (create || body.has(key)) {
				String url = body.httpUrl(key);
				if (!body.errors().has(key)) {
					columns.put(key, url == null || url.isEmpty() ? null : url);
				}
			}
		}
		readTimes(body, current, columns);
		readSchedule(body, userId, current, columns);
		readHolidays(body, create, columns);
		readReferences(body, userId, create, columns);
		List<TaskLine> taskLines = body.has("line") ? readLines(body, userId) : (create ? List.of() : null);

		body.throwIfInvalid();
		return new Changes(columns, taskLines);
	}

	/** {@code cps} is the task's own rate; {@code call_per_second} is its deprecated name, accepted as an alias. */
	private void readCps(JsonBody body, boolean create, Map<String, Object> columns) {
		String key = body.has("cps") || !body.has("call_per_second") ? "cps" : "call_per_second";
		if (create || body.has(key)) {
			Integer cps = body.integer(key, 1, 1000);
			if (cps != null || !body.hasValue(key)) {
				columns.put("cps", cps != null ? cps : 1);
			}
		}
	}

	private void readTimes(JsonBody body, TaskRow current, Map<String, Object> columns) {
		for (String key : List.of("start_time", "stop_time", "restart_at")) {
			if (body.has(key)) {
				OffsetDateTime value = body.dateTime(key, time);
				if (value != null || !body.hasValue(key)) {
					columns.put(key, value);
				}
			}
			else if (current == null) {
				columns.put(key, null);
			}
		}
		OffsetDateTime start = columns.containsKey("start_time") ? (OffsetDateTime) columns.get("start_time")
				: current == null ? null : current.startTime();
		OffsetDateTime stop = columns.containsKey("stop_time") ? (OffsetDateTime) columns.get("stop_time")
				: current == null ? null : current.stopTime();
		if (start != null && stop != null && !start.isBefore(stop)) {
			body.errors().add(body.has("stop_time") ? "stop_time" : "start_time", "开始时间必须早于结束时间");
		}
	}

	private void readSchedule(JsonBody body, UUID userId, TaskRow current, Map<String, Object> columns) {
		FieldErrors errors = body.errors();
		boolean hoursGiven = body.has("work_week") || body.has("work_hour");
		WeeklySchedule schedule = null;
		if (body.hasValue("dial_time_id")) {
			if (hoursGiven) {
				errors.add("dial_time_id", "不能与 work_week / work_hour 同时提供");
				return;
			}
			Long id = body.longInteger("dial_time_id", 1, Long.MAX_VALUE);
			if (id == null) {
				return;
			}
			TimeGroup group = timeGroups.find(userId, id).orElse(null);
			if (group == null) {
				errors.add("dial_time_id", "时间组不存在");
				return;
			}
			// Copied now: later edits of the group never reach this task (the seed's 💡 note).
			columns.put("dial_time_id", id);
			schedule = group.schedule();
		}
		else if (hoursGiven) {
			// A half not given is the task's current one (or the default's, on create).
			WeeklySchedule base = current == null ? DEFAULT_SCHEDULE
					: ScheduleJson.fromJson(current.workWeek(), current.workHour());
			schedule = ScheduleJson.read(body.node("work_week"), body.node("work_hour"), base, errors);
			columns.put("dial_time_id", null);
		}
		else if (current == null) {
			schedule = DEFAULT_SCHEDULE;
			columns.put("dial_time_id", null);
		}
		else if (body.has("dial_time_id")) {
			// dial_time_id: null detaches the task from its group and keeps its hours.
			columns.put("dial_time_id", null);
		}
		if (schedule != null) {
			putSchedule(schedule, columns);
		}
	}

	private void putSchedule(WeeklySchedule schedule, Map<String, Object> columns) {
		columns.put("work_week", ScheduleJson.weekJson(schedule.workWeek()));
		columns.put("work_hour", ScheduleJson.hoursJson(schedule.workHours()));
		columns.put("remote_work_hour", ScheduleJson.remoteJson(schedule.compress()));
	}

	private void readHolidays(JsonBody body, boolean create, Map<String, Object> columns) {
		if (!body.has("holiday")) {
			if (create) {
				columns.put("holiday", "[]");
			}
			return;
		}
		JsonNode node = body.node("holiday");
		if (node.isNull()) {
			columns.put("holiday", "[]");
			return;
		}
		if (!node.isArray() || node.size() > MAX_HOLIDAYS) {
			body.errors().add("holiday", "必须是不超过 " + MAX_HOLIDAYS + " 项的数组 [{\"begin\":…,\"end\":…}]");
			return;
		}
		ArrayNode out = JsonNodeFactory.instance.arrayNode();
		for (int i = 0; i < node.size(); i++) {
			JsonNode item = node.get(i);
			OffsetDateTime begin = item.isObject() ? time.parseOrNull(textOrNull(item.get("begin"))) : null;
			OffsetDateTime end = item.isObject() ? time.parseOrNull(textOrNull(item.get("end"))) : null;
			if (begin == null || end == null) {
				body.errors().add("holiday", "第 " + (i + 1) + " 项：begin 和 end 必须是 yyyy-MM-dd HH:mm:ss");
			}
			else if (!begin.isBefore(end)) {
				body.errors().add("holiday", "第 " + (i + 1) + " 项：begin 必须早于 end");
			}
			else {
				ObjectNode period = out.addObject();
				period.put("begin", time.format(begin));
				period.put("end", time.format(end));
			}
		}
		columns.put("holiday", json.writeValueAsString(out));
	}

	private static String textOrNull(JsonNode node) {
		return node != null && node.isString() ? node.stringValue() : null;
	}

	private void readReferences(JsonBody body, UUID userId, boolean create, Map<String, Object> columns) {
		FieldErrors errors = body.errors();
		if (body.has("destination_extension")) {
			Long group = groupId(body);
			if (group != null) {
				BotGroup found = catalog.groups(List.of(group)).get(group);
				if (found == null || !found.userId().equals(userId)) {
					errors.add("destination_extension", "话术组不存在");
				}
				else {
					columns.put("destination_extension", group);
				}
			}
			else if (!errors.has("destination_extension")) {
				columns.put("destination_extension", null);
			}
		}
		else if (create) {
			columns.put("destination_extension", catalog.defaultGroup(userId).map(BotGroup::id).orElse(null));
		}
		if (create || body.has("caller_line_id")) {
			UUID id = body.uuid("caller_line_id");
			if (id != null) {
				Line line = lines.byIds(List.of(id)).get(id);
				if (line == null || !line.userId().equals(userId)) {
					errors.add("caller_line_id", "线路不存在");
				}
			}
			if (!errors.has("caller_line_id")) {
				columns.put("caller_line_id", id);
			}
		}
		if (create || body.has("auto_recycle_rule_id")) {
			UUID id = body.uuid("auto_recycle_rule_id");
			if (id != null) {
				var rule = catalog.recycleRules(List.of(id)).get(id);
				if (rule == null || !rule.userId().equals(userId)) {
					errors.add("auto_recycle_rule_id", "重呼规则不存在");
				}
			}
			if (!errors.has("auto_recycle_rule_id")) {
				columns.put("auto_recycle_rule_id", id);
			}
		}
		if (create || body.has("llm_intention_id")) {
			Long id = body.longInteger("llm_intention_id", 0, Long.MAX_VALUE);
			if (id != null && id == 0) {
				id = null;
			}
			if (id != null) {
				var config = catalog.llmIntentions(List.of(id)).get(id);
				if (config == null || !config.userId().equals(userId)) {
					errors.add("llm_intention_id", "大模型意向标签配置不存在");
				}
			}
			if (!errors.has("llm_intention_id")) {
				columns.put("llm_intention_id", id);
			}
		}
		if (create || body.has("background_id")) {
			Long id = body.longInteger("background_id", 0, Long.MAX_VALUE);
			if (id != null && id == 0) {
				id = null;
			}
			if (id != null) {
				var background = catalog.backgrounds(List.of(id)).get(id);
				if (background == null || !background.userId().equals(userId)) {
					errors.add("background_id", "背景音不存在");
				}
			}
			if (!errors.has("background_id")) {
				columns.put("background_id", id);
			}
		}
	}

	/** The seed shows destination_extension as a string ("102"); an int is accepted too. */
	private static Long groupId(JsonBody body) {
		JsonNode node = body.node("destination_extension");
		if (node == null || node.isNull() || (node.isString() && node.stringValue().isEmpty())) {
			return null;
		}
		String text = node.isIntegralNumber() ? node.bigIntegerValue().toString()
				: node.isString() ? node.stringValue() : null;
		if (text == null || !text.matches("[1-9][0-9]{0,17}")) {
			body.errors().add("destination_extension", "必须是话术组 id（正整数）");
			return null;
		}
		return Long.parseLong(text);
	}

	private List<TaskLine> readLines(JsonBody body, UUID userId) {
		FieldErrors errors = body.errors();
		JsonNode node = body.node("line");
		if (node.isNull()) {
			return List.of();
		}
		if (!node.isArray() || node.size() > MAX_LINES) {
			errors.add("line", "必须是不超过 " + MAX_LINES + " 项的线路 id 数组");
			return null;
		}
		List<TaskLine> result = new ArrayList<>();
		Set<UUID> seen = new HashSet<>();
		for (int i = 0; i < node.size(); i++) {
			JsonNode item = node.get(i);
			JsonNode idNode = item.isObject() ? item.get("id") : item;
			UUID id = idNode != null && idNode.isString() ? Ids.uuidOrNull(idNode.stringValue()) : null;
			Integer limit = null;
			if (item.isObject() && item.hasNonNull("limit")) {
				JsonNode l = item.get("limit");
				if (!l.isIntegralNumber() || !l.canConvertToInt() || l.intValue() < 1 || l.intValue() > 10_000) {
					errors.add("line", "第 " + (i + 1) + " 项：limit 必须是 1 到 10000 之间的整数");
					continue;
				}
				limit = l.intValue();
			}
			if (id == null) {
				errors.add("line", "第 " + (i + 1) + " 项：必须是线路 id 或 {\"id\":…,\"limit\":…}");
			}
			else if (!seen.add(id)) {
				errors.add("line", "第 " + (i + 1) + " 项：线路重复");
			}
			else {
				result.add(new TaskLine(id, limit));
			}
		}
		Map<UUID, Line> found = lines.byIds(seen);
		for (TaskLine taskLine : result) {
			Line line = found.get(taskLine.lineId());
			if (line == null || !line.userId().equals(userId)) {
				errors.add("line", "线路不存在：" + taskLine.lineId());
			}
			else if (taskLine.limit() != null && taskLine.limit() > line.limit()) {
				errors.add("line", "线路 " + line.name() + " 的并发最多 " + line.limit());
			}
		}
		return result;
	}

}
