package io.calltask.schedule.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import io.calltask.api.JsonBody;
import io.calltask.schedule.CalendarDay;

/**
 * A holiday calendar's {@code days} from a request, every problem under the field it concerns
 * ({@code days[0].date}, {@code days[1].as_weekday}…), so one 422 names them all.
 */
public final class CalendarInput {

	public static final int MAX_DAYS = 1000;

	private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

	private CalendarInput() {
	}

	/** The days of {@code days}; null (with errors added) if anything is wrong. */
	public static List<CalendarDay> days(JsonBody body) {
		JsonNode node = body.node("days");
		if (node == null || !node.isArray() || node.size() > MAX_DAYS) {
			body.errors().add("days", "必须是不超过 " + MAX_DAYS + " 项的数组 [{\"date\":\"yyyy-MM-dd\",\"type\":\"holiday\"}]");
			return null;
		}
		List<CalendarDay> days = new ArrayList<>();
		Map<LocalDate, Integer> seen = new HashMap<>();
		boolean valid = true;
		for (int i = 0; i < node.size(); i++) {
			CalendarDay day = day(body, node.get(i), "days[" + i + "]");
			if (day == null) {
				valid = false; // day() said why
				continue;
			}
			Integer first = seen.putIfAbsent(day.date(), i);
			if (first != null) {
				body.errors().add("days[" + i + "].date", "日期与第 " + (first + 1) + " 项重复");
				valid = false;
				continue;
			}
			days.add(day);
		}
		return valid ? days : null;
	}

	/** The day of {@code item}, or null with every problem of it added. */
	private static CalendarDay day(JsonBody body, JsonNode item, String at) {
		if (!item.isObject()) {
			body.errors().add(at, "必须是对象 {\"date\",\"type\",\"as_weekday\"}");
			return null;
		}
		LocalDate date = date(item.get("date"));
		if (date == null) {
			body.errors().add(at + ".date", "日期格式应为 yyyy-MM-dd");
		}
		JsonNode typeNode = item.get("type");
		CalendarDay.Type type = typeNode != null && typeNode.isString() ? CalendarDay.Type.of(typeNode.stringValue())
				: null;
		if (type == null) {
			body.errors().add(at + ".type", "必须是 holiday 或 workday");
		}
		JsonNode weekday = item.get("as_weekday");
		boolean given = weekday != null && !weekday.isNull();
		Integer asWeekday = null;
		if (type == CalendarDay.Type.HOLIDAY && given) {
			body.errors().add(at + ".as_weekday", "节假日（holiday）不能设置 as_weekday");
		}
		else if (type == CalendarDay.Type.WORKDAY) {
			if (!given) {
				body.errors().add(at + ".as_weekday", "调休工作日（workday）必须设置 as_weekday（按星期几的工作时间外呼）");
			}
			else if (!weekday.isIntegralNumber() || !weekday.canConvertToInt() || weekday.intValue() < 0
					|| weekday.intValue() > 7) {
				body.errors().add(at + ".as_weekday", "必须是 0-7 的整数（0 和 7 为周日，1 为周一）");
			}
			else {
				asWeekday = weekday.intValue();
			}
		}
		if (date == null || type == null || (type == CalendarDay.Type.WORKDAY && asWeekday == null)
				|| (type == CalendarDay.Type.HOLIDAY && given)) {
			return null;
		}
		return new CalendarDay(date, type, asWeekday);
	}

	private static LocalDate date(JsonNode node) {
		if (node == null || !node.isString() || !DATE.matcher(node.stringValue()).matches()) {
			return null;
		}
		try {
			return LocalDate.parse(node.stringValue());
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
