package io.calltask.task.internal;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.calltask.api.FieldErrors;
import io.calltask.api.Ids;
import io.calltask.api.JsonBody;
import io.calltask.catalog.BotGroup;
import io.calltask.catalog.Catalog;
import io.calltask.line.Line;
import io.calltask.schedule.ScheduleJson;
import io.calltask.schedule.TimeGroup;
import io.calltask.schedule.WeeklySchedule;
import io.calltask.task.internal.TaskSettings.Dates;
import io.calltask.task.internal.TaskSettings.Destination;
import io.calltask.task.internal.TaskSettings.Dialing;
import io.calltask.task.internal.TaskSettings.Hours;
import io.calltask.task.internal.TaskSettings.Identity;
import io.calltask.task.internal.TaskSettings.References;
import io.calltask.task.internal.TaskSettings.SeatPacing;
import io.calltask.task.internal.TaskSettings.Transfer;
import io.calltask.task.internal.TaskSettings.Webhooks;
import io.calltask.time.DateTimes;

/**
 * Reads a create or update body onto a task's settings: a key given replaces what it names, an
 * explicit {@code null} puts back the default, a key not given keeps what was there (on create:
 * the default). Every problem is collected, in the order of the keys below, so one 422 names all
 * bad fields, and nothing is written unless the whole body is valid.
 */
@Component
class TaskInput {

	static final int MAX_LINES = 100;

	static final int MAX_HOLIDAYS = 100;

	private static final Pattern DIALPLAN = Pattern.compile("[A-Za-z0-9_]{1,32}");

	private static final Pattern CONTEXT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	/** Digits a trunk accepts around the number (a leading {@code +}): a prefix, or {@code %s} where the number goes. */
	private static final Pattern DIAL_FORMAT = Pattern.compile("\\+?[0-9*#]{0,32}(%s[0-9*#]{0,29})?");

	private static final Pattern CALLER_ID = Pattern.compile("[0-9A-Za-z+*#]{0,32}");

	private static final Pattern CALLEE = Pattern.compile("[0-9+*#]{0,32}");

	private final DateTimes time;

	private final Catalog catalog;

	private final TaskReferences references;

	private final OriginateVariables originateVariables;

	private final TaskCalendars calendars;

	/** {@code calltask.notify.allow-private}: notify URLs may point at private addresses. */
	private final boolean allowPrivateUrls;

	TaskInput(DateTimes time, Catalog catalog, TaskReferences references, OriginateVariables originateVariables,
			TaskCalendars calendars, @Value("${calltask.notify.allow-private:false}") boolean allowPrivateUrls) {
		this.calendars = calendars;
		this.allowPrivateUrls = allowPrivateUrls;
		this.time = time;
		this.catalog = catalog;
		this.references = references;
		this.originateVariables = originateVariables;
	}

	/** What a body sets: the settings, and the task's lines and holiday calendars if given (else null). */
	record Changes(TaskSettings settings, List<TaskLine> lines, List<Long> calendarIds) {
	}

	/** A new task's settings and lines. */
	Changes create(JsonBody body, UUID userId) {
		return read(body, userId, TaskSettings.DEFAULTS, true);
	}

	/** {@code current} with the body's keys applied. */
	Changes update(JsonBody body, UUID userId, TaskSettings current) {
		return read(body, userId, current, false);
	}

	private Changes read(JsonBody body, UUID userId, TaskSettings base, boolean create) {
		Identity identity = base.identity();
		Dialing dialing = base.dialing();
		Dates dates = base.dates();
		Destination destination = base.destination();
		Webhooks webhooks = base.webhooks();
		Transfer transfer = base.transfer();
		References refs = base.references();
		// Read in the order of the keys an error list shows, whatever record each goes to.
		String name = create || body.has("name") ? body.requiredName("name", 100) : identity.name();
		boolean enable = given(body, "enable", identity.enable(), Identity.DEFAULT.enable(), body::bool);
		boolean isTest = given(body, "is_test", identity.isTest(), Identity.DEFAULT.isTest(), body::bool);
		// call_per_second is the deprecated name of cps, accepted as an alias.
		String cpsKey = body.has("cps") || !body.has("call_per_second") ? "cps" : "call_per_second";
		int cps = given(body, cpsKey, dialing.cps(), Dialing.DEFAULT.cps(), range(body, 1, 1000));
		int maximumcall = given(body, "maximumcall", dialing.maximumcall(), Dialing.DEFAULT.maximumcall(),
				range(body, 1, 10_000));
		int popMode = given(body, "pop_mode", dialing.popMode(), Dialing.DEFAULT.popMode(), range(body, 0, 2));
		int originateTimeout = given(body, "_originate_timeout", dialing.originateTimeout(),
				Dialing.DEFAULT.originateTimeout(), range(body, 1, 600));
		int callNotifyType = given(body, "call_notify_type", webhooks.callNotifyType(),
				Webhooks.DEFAULT.callNotifyType(), range(body, 0, 2));
		int callPauseSecond = given(body, "call_pause_second", dialing.callPauseSecond(),
				Dialing.DEFAULT.callPauseSecond(), range(body, 0, 3600));
		int callNotifyFailStop = given(body, "call_notify_fail_stop", webhooks.callNotifyFailStop(),
				Webhooks.DEFAULT.callNotifyFailStop(), range(body, 0, 1));
		Integer bridgeGroupId = given(body, "bridge_group_id", transfer.bridgeGroupId(),
				Transfer.DEFAULT.bridgeGroupId(), k -> references.bridgeGroup(body, k, userId));
		int isTop = given(body, "is_top", identity.isTop(), Identity.DEFAULT.isTop(), range(body, 0, 1));
		int emptySeatStop = given(body, "empty_seat_stop", transfer.emptySeatStop(), Transfer.DEFAULT.emptySeatStop(),
				range(body, 0, 1));
		Integer endAction = given(body, "end_action", dialing.endAction(), Dialing.DEFAULT.endAction(),
				range(body, 0, 2));
		int taskType = given(body, "task_type", identity.taskType(), Identity.DEFAULT.taskType(),
				range(body, 0, 1000));
		Integer modeId = given(body, "mode_id", identity.modeId(), Identity.DEFAULT.modeId(),
				range(body, 0, Integer.MAX_VALUE));
		int bridgeMaximumcall = given(body, "bridge_maximumcall", transfer.bridgeMaximumcall(),
				Transfer.DEFAULT.bridgeMaximumcall(), range(body, 0, 10_000));
		int bridgeProportion = given(body, "bridge_proportion", transfer.bridgeProportion(),
				Transfer.DEFAULT.bridgeProportion(), range(body, 0, 1000));
		int directBridge = given(body, "direct_bridge", transfer.directBridge(), Transfer.DEFAULT.directBridge(),
				range(body, 0, 1));
		int directBridgeEcho = given(body, "direct_bridge_echo", transfer.directBridgeEcho(),
				Transfer.DEFAULT.directBridgeEcho(), range(body, 0, 1));
		int enableType = given(body, "enable_type", identity.enableType(), Identity.DEFAULT.enableType(),
				range(body, 0, 1));
		int isGroupSwitch = given(body, "is_group_switch", identity.isGroupSwitch(), Identity.DEFAULT.isGroupSwitch(),
				range(body, 0, 1));
		int isCallIn = given(body, "is_call_in", identity.isCallIn(), Identity.DEFAULT.isCallIn(), range(body, 0, 1));
		// A sort given as null keeps the task's place.
		Integer sort = given(body, "sort", identity.sort(), identity.sort(),
				range(body, -1_000_000_000, 1_000_000_000));
		String destinationDialplan = given(body, "destination_dialplan", destination.destinationDialplan(),
				Destination.DEFAULT.destinationDialplan(), text(body, 32, DIALPLAN));
		String destinationContext = given(body, "destination_context", destination.destinationContext(),
				Destination.DEFAULT.destinationContext(), text(body, 64, CONTEXT));
		String dialFormat = given(body, "dial_format", dialing.dialFormat(), Dialing.DEFAULT.dialFormat(),
				text(body, 64, DIAL_FORMAT));
		String remark = given(body, "remark", identity.remark(), Identity.DEFAULT.remark(), text(body, 255, null));
		String originationCallerIdNumber = given(body, "_origination_caller_id_number",
				dialing.originationCallerIdNumber(), Dialing.DEFAULT.originationCallerIdNumber(),
				text(body, 32, CALLER_ID));
		String clueConfigurationId = given(body, "clue_configuration_id", refs.clueConfigurationId(),
				References.DEFAULT.clueConfigurationId(), text(body, 64, null));
		String backgroundFileId = given(body, "background_file_id", transfer.backgroundFileId(),
				Transfer.DEFAULT.backgroundFileId(), text(body, 64, null));
		String backgroundFileName = given(body, "background_file_name", transfer.backgroundFileName(),
				Transfer.DEFAULT.backgroundFileName(), text(body, 255, null));
		String lineCallee = given(body, "line_callee", dialing.lineCallee(), Dialing.DEFAULT.lineCallee(),
				text(body, 32, CALLEE));
		String originateVariables = given(body, "originate_variables", destination.originateVariables(),
				Destination.DEFAULT.originateVariables(), k -> originateVariables(body, k));
		String callNotifyUrl = given(body, "call_notify_url", webhooks.callNotifyUrl(),
				Webhooks.DEFAULT.callNotifyUrl(), url(body));
		String callStopNotifyUrl = given(body, "call_stop_notify_url", webhooks.callStopNotifyUrl(),
				Webhooks.DEFAULT.callStopNotifyUrl(), url(body));
		OffsetDateTime startTime = given(body, "start_time", dates.startTime(), null, k -> body.dateTime(k, time));
		OffsetDateTime stopTime = given(body, "stop_time", dates.stopTime(), null, k -> body.dateTime(k, time));
		OffsetDateTime restartAt = given(body, "restart_at", dates.restartAt(), null, k -> body.dateTime(k, time));
		// A time given but invalid leaves the stored one to compare with.
		OffsetDateTime start = body.errors().has("start_time") ? dates.startTime() : startTime;
		OffsetDateTime stop = body.errors().has("stop_time") ? dates.stopTime() : stopTime;
		if (start != null && stop != null && !start.isBefore(stop)) {
			body.errors().add(body.has("stop_time") ? "stop_time" : "start_time", "开始时间必须早于结束时间");
		}
		Hours hours = readHours(body, userId, base);
		String holiday = given(body, "holiday", dates.holiday(), Dates.DEFAULT.holiday(), k -> holidays(body));
		Long destinationExtension = body.has("destination_extension") || !create ? reference(body,
				"destination_extension", destination.destinationExtension(), k -> groupId(body),
				references.groups, userId) : catalog.defaultGroup(userId).map(BotGroup::id).orElse(null);
		UUID callerLineId = reference(body, "caller_line_id", refs.callerLineId(), body::uuid,
				references.lines, userId);
		UUID autoRecycleRuleId = reference(body, "auto_recycle_rule_id", refs.autoRecycleRuleId(), body::uuid,
				references.recycleRules, userId);
		Long llmIntentionId = reference(body, "llm_intention_id", destination.llmIntentionId(),
				k -> positiveOrNull(body, k), references.llmIntentions, userId);
		Long backgroundId = reference(body, "background_id", destination.backgroundId(), k -> positiveOrNull(body, k),
				references.backgrounds, userId);
		List<TaskLine> taskLines = body.has("line") ? readLines(body, userId) : (create ? List.of() : null);
		Transfer transferRead = new Transfer(bridgeGroupId, directBridge, directBridgeEcho, bridgeMaximumcall,
				bridgeProportion, emptySeatStop, backgroundFileId, backgroundFileName);
		SeatPacing seatPacing = SeatPacingInput.read(body, base.seatPacing(), transferRead);
		List<Long> calendarIds = body.has(TaskCalendars.KEY) ? calendars.read(body, userId) : (create ? List.of() : null);
		body.throwIfInvalid();
		return new Changes(new TaskSettings(
				new Identity(name, remark, sort, enable, isTest, isTop, taskType, modeId, enableType, isGroupSwitch,
						isCallIn),
				new Dialing(maximumcall, cps, popMode, callPauseSecond, originateTimeout, originationCallerIdNumber,
						dialFormat, lineCallee, endAction),
				new Dates(startTime, stopTime, restartAt, holiday), hours,
				new Destination(destinationExtension, destinationDialplan, destinationContext, originateVariables,
						llmIntentionId, backgroundId),
				new Webhooks(callNotifyUrl, callStopNotifyUrl, callNotifyType, callNotifyFailStop), transferRead,
				seatPacing, new References(callerLineId, autoRecycleRuleId, clueConfigurationId)), taskLines, calendarIds);
	}

	private static <T> T given(JsonBody body, String key, T current, T dflt, Function<String, T> read) {
		return SeatPacingInput.given(body, key, current, dflt, read);
	}

	private static Function<String, Integer> range(JsonBody body, long min, long max) {
		return key -> body.integer(key, min, max);
	}

	private static Function<String, String> text(JsonBody body, int maxLength, Pattern pattern) {
		return key -> {
			String value = body.string(key, maxLength);
			if (value != null && pattern != null && !pattern.matcher(value).matches()) {
				body.errors().add(key, "包含不允许的字符");
				return null;
			}
			return value;
		};
	}

	/** An http(s) URL; empty means none. */
	private Function<String, String> url(JsonBody body) {
		return key -> {
			String url = body.webhookUrl(key, allowPrivateUrls);
			return url == null || url.isEmpty() ? null : url;
		};
	}

	private String originateVariables(JsonBody body, String key) {
		String value = body.string(key, 2000);
		String problem = value == null ? null : originateVariables.problem(value);
		if (problem != null) {
			body.errors().add(key, problem);
			return null;
		}
		return value;
	}

	/** An id of another module's item, checked to be the user's if given; 0 and null both mean none. */
	private static <K> K reference(JsonBody body, String key, K current, Function<String, K> read,
			TaskReferences.Kind<K, ?> kind, UUID userId) {
		if (!body.has(key)) {
			return current;
		}
		K id = read.apply(key);
		if (id != null) {
			kind.require(body.errors(), key, id, userId);
		}
		return id;
	}

	private static Long positiveOrNull(JsonBody body, String key) {
		Long id = body.longInteger(key, 0, Long.MAX_VALUE);
		return id != null && id == 0 ? null : id;
	}

	/** Where a task's hours come from: a time group (copied), hours given, or what it had. */
	private Hours readHours(JsonBody body, UUID userId, TaskSettings base) {
		FieldErrors errors = body.errors();
		Hours kept = base.hours();
		boolean hoursGiven = body.has("work_week") || body.has("work_hour");
		if (body.hasValue("dial_time_id")) {
			if (hoursGiven) {
				errors.add("dial_time_id", "不能与 work_week / work_hour 同时提供");
				return kept;
			}
			Long id = body.longInteger("dial_time_id", 1, Long.MAX_VALUE);
			TimeGroup group = id == null ? null : references.timeGroups.require(errors, "dial_time_id", id, userId);
			// Copied now: later edits of the group never reach this task (the seed's 💡 note).
			return group == null ? kept : Hours.of(id, group.schedule());
		}
		if (hoursGiven) {
			// A half not given is the task's current one (or the default's, on create).
			WeeklySchedule schedule = ScheduleJson.read(body.node("work_week"), body.node("work_hour"),
					base.schedule(), errors);
			return schedule == null ? kept : Hours.of(null, schedule);
		}
		// dial_time_id: null detaches the task from its group and keeps its hours.
		return body.has("dial_time_id") ? kept.detached() : kept;
	}

	/** {@code holiday} as stored: canonical JSON, datetimes in the API format; null for a bad value. */
	private String holidays(JsonBody body) {
		JsonNode node = body.node("holiday");
		if (node.isNull()) {
			return null;
		}
		if (!node.isArray() || node.size() > MAX_HOLIDAYS) {
			body.errors().add("holiday", "必须是不超过 " + MAX_HOLIDAYS + " 项的数组 [{\"begin\":…,\"end\":…}]");
			return null;
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
		// Stored text (and copied raw into answers): compact, whatever the spring.jackson settings say.
		return out.toString();
	}

	private static String textOrNull(JsonNode node) {
		return node != null && node.isString() ? node.stringValue() : null;
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
		Map<UUID, Line> found = references.lines.find(userId, seen);
		for (TaskLine taskLine : result) {
			Line line = references.lines.owned(found, taskLine.lineId(), userId);
			if (line == null) {
				errors.add("line", references.lines.notFound() + "：" + taskLine.lineId());
			}
			else if (taskLine.limit() != null && taskLine.limit() > line.limit()) {
				errors.add("line", "线路 " + line.name() + " 的并发最多 " + line.limit());
			}
		}
		return result;
	}

}
