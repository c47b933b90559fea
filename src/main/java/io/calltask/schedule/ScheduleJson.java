package io.calltask.schedule;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.api.FieldErrors;

/**
 * Schedules in and out of JSON: reading {@code work_week} / {@code work_hour} from a request with
 * field-named errors, and the canonical JSON text they are stored as.
 */
public final class ScheduleJson {

	public static final int MAX_WORK_HOURS = 7 * 48;

	/** The stored schedule's own mapper: stored text must not follow the HTTP answers' spring.jackson settings. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(tools.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
		.build();

	private ScheduleJson() {
	}

	/** Reads both halves; records problems under {@code work_week} / {@code work_hour}; null if invalid. */
	public static WeeklySchedule read(JsonNode workWeek, JsonNode workHour, FieldErrors errors) {
		return read(workWeek, workHour, null, errors);
	}

	/**
	 * Reads the halves given; a half that is absent or JSON null is taken from {@code current}, and
	 * is an error if there is no current schedule. Null if anything is invalid.
	 */
	public static WeeklySchedule read(JsonNode workWeek, JsonNode workHour, WeeklySchedule current,
			FieldErrors errors) {
		boolean weekGiven = workWeek != null && !workWeek.isNull();
		boolean hoursGiven = workHour != null && !workHour.isNull();
		if (current == null && (!weekGiven || !hoursGiven)) {
			if (!weekGiven) {
				errors.add("work_week", "不能为空");
			}
			if (!hoursGiven) {
				errors.add("work_hour", "不能为空");
			}
			return null;
		}
		List<Integer> week = weekGiven ? readWeek(workWeek, errors) : current.workWeek();
		List<WorkHour> hours = hoursGiven ? readHours(workHour, errors) : current.workHours();
		if (week == null || hours == null) {
			return null;
		}
		try {
			return new WeeklySchedule(week, hours);
		}
		catch (InvalidScheduleException ex) {
			errors.add("work_week", ex.getMessage());
			return null;
		}
	}

	private static List<Integer> readWeek(JsonNode node, FieldErrors errors) {
		if (node == null || !node.isArray() || node.size() > 7) {
			errors.add("work_week", "必须是 0-6 的整数数组（0 为周日），最多 7 项");
			return null;
		}
		List<Integer> week = new ArrayList<>();
		for (JsonNode day : node) {
			if (!day.isIntegralNumber() || !day.canConvertToInt() || day.intValue() < 0 || day.intValue() > 6) {
				errors.add("work_week", "必须是 0-6 的整数数组（0 为周日）");
				return null;
			}
			week.add(day.intValue());
		}
		return week;
	}

	private static List<WorkHour> readHours(JsonNode node, FieldErrors errors) {
		if (node == null || !node.isArray() || node.size() > MAX_WORK_HOURS) {
			errors.add("work_hour", "必须是 [{\"wday\":1,\"begin\":\"09:00\",\"end\":\"18:00\"}] 形式的数组，最多 "
					+ MAX_WORK_HOURS + " 项");
			return null;
		}
		List<WorkHour> hours = new ArrayList<>();
		boolean valid = true;
		for (int i = 0; i < node.size(); i++) {
			JsonNode item = node.get(i);
			String at = "第 " + (i + 1) + " 项：";
			if (!item.isObject()) {
				errors.add("work_hour", at + "必须是对象 {\"wday\",\"begin\",\"end\"}");
				valid = false;
				continue;
			}
			JsonNode wday = item.get("wday");
			JsonNode begin = item.get("begin");
			JsonNode end = item.get("end");
			if (wday == null || !wday.isIntegralNumber() || !wday.canConvertToInt()) {
				errors.add("work_hour", at + "wday 必须是 0-6 的整数");
				valid = false;
				continue;
			}
			if (begin == null || !begin.isString() || end == null || !end.isString()) {
				errors.add("work_hour", at + "begin 和 end 必须是 HH:mm 字符串");
				valid = false;
				continue;
			}
			try {
				hours.add(new WorkHour(wday.intValue(), ClockTime.parse(begin.stringValue()),
						ClockTime.parse(end.stringValue())));
			}
			catch (InvalidScheduleException ex) {
				errors.add("work_hour", at + ex.getMessage());
				valid = false;
			}
		}
		return valid ? hours : null;
	}

	public static String weekJson(List<Integer> workWeek) {
		return JSON.writeValueAsString(workWeek);
	}

	public static String hoursJson(List<WorkHour> workHours) {
		return JSON.writeValueAsString(workHours);
	}

	public static String remoteJson(List<RemoteWorkHour> remote) {
		return JSON.writeValueAsString(remote);
	}

	/** The stored form back; the text was written by this class, so it is valid. */
	public static WeeklySchedule fromJson(String weekJson, String hoursJson) {
		FieldErrors errors = new FieldErrors();
		WeeklySchedule schedule = read(JSON.readTree(weekJson), JSON.readTree(hoursJson), errors);
		if (schedule == null) {
			throw new IllegalStateException("stored schedule is not valid: " + weekJson + " " + hoursJson);
		}
		return schedule;
	}

}
