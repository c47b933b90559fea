package io.calltask.contact.internal;

import tools.jackson.databind.JsonNode;

import io.calltask.api.FieldErrors;
import io.calltask.api.JsonBody;
import io.calltask.contact.ContactPolicy;
import io.calltask.contact.ContactPolicy.CallWindow;
import io.calltask.contact.ContactPolicy.TimezoneSource;

/**
 * A PUT's body read into a whole policy: each key given (null included: no limit, no window) replaces
 * the default's, each key left out takes it; every bad value is a 422 naming its field
 * ({@code window.begin}); unknown keys are refused, so a typo does not silently keep a default.
 */
public final class ContactPolicyForm {

	static final int MAX_LIMIT = 1000;

	static final int MAX_INTERVAL_MINUTES = 10_080;

	private static final java.util.Set<String> KEYS = java.util.Set.of("max_per_day", "max_per_week",
			"min_interval_minutes", "window", "timezone_source", "optout_to_blacklist");

	private ContactPolicyForm() {
	}

	public static ContactPolicy read(JsonNode json, ContactPolicy defaults) {
		JsonBody body = JsonBody.of(json);
		FieldErrors errors = body.errors();
		json.propertyNames().forEach(key -> {
			if (!KEYS.contains(key)) {
				errors.add(key, "未知字段");
			}
		});
		Integer maxPerDay = body.has("max_per_day") ? body.integer("max_per_day", 1, MAX_LIMIT) : defaults.maxPerDay();
		Integer maxPerWeek = body.has("max_per_week") ? body.integer("max_per_week", 1, MAX_LIMIT) : defaults.maxPerWeek();
		int interval = defaults.minIntervalMinutes();
		if (body.has("min_interval_minutes")) {
			Integer given = body.integer("min_interval_minutes", 0, MAX_INTERVAL_MINUTES);
			interval = given == null ? 0 : given;
		}
		CallWindow window = body.has("window") ? window(body.node("window"), errors) : defaults.window();
		TimezoneSource source = defaults.timezoneSource();
		if (body.hasValue("timezone_source")) {
			String word = body.string("timezone_source", 20);
			source = TimezoneSource.of(word);
			if (source == null && word != null) {
				errors.add("timezone_source", "只能是 phone 或 deployment");
			}
		}
		else if (body.has("timezone_source")) {
			errors.add("timezone_source", "不能为 null，只能是 phone 或 deployment");
		}
		boolean optout = defaults.optoutToBlacklist();
		if (body.hasValue("optout_to_blacklist")) {
			Boolean given = body.bool("optout_to_blacklist");
			optout = given == null ? optout : given;
		}
		else if (body.has("optout_to_blacklist")) {
			errors.add("optout_to_blacklist", "不能为 null，应为 true 或 false");
		}
		if (maxPerDay != null && maxPerWeek != null && maxPerWeek < maxPerDay && !errors.has("max_per_week")) {
			errors.add("max_per_week", "不能小于 max_per_day");
		}
		errors.throwIfAny();
		return new ContactPolicy(maxPerDay, maxPerWeek, interval, window, source, optout);
	}

	/** {@code {"begin":"08:00","end":"21:00"}} or null (no window). */
	private static CallWindow window(JsonNode node, FieldErrors errors) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isObject()) {
			errors.add("window", "必须是 {\"begin\":\"HH:mm\",\"end\":\"HH:mm\"} 或 null");
			return null;
		}
		node.propertyNames().forEach(key -> {
			if (!key.equals("begin") && !key.equals("end")) {
				errors.add("window." + key, "未知字段");
			}
		});
		int begin = minute(node.get("begin"), "window.begin", errors);
		int end = minute(node.get("end"), "window.end", errors);
		if (begin == 1440) {
			errors.add("window.begin", "不能是 24:00");
			return null;
		}
		if (begin >= 0 && end >= 0 && end <= begin) {
			errors.add("window.end", "必须晚于 window.begin");
			return null;
		}
		return begin < 0 || end < 0 ? null : new CallWindow(begin, end);
	}

	private static int minute(JsonNode node, String field, FieldErrors errors) {
		if (node == null || node.isNull()) {
			errors.add(field, "不能为空，格式 HH:mm");
			return -1;
		}
		int minute = node.isString() ? CallWindow.minuteOf(node.stringValue()) : -1;
		if (minute < 0) {
			errors.add(field, "格式应为 HH:mm（00:00 到 24:00）");
		}
		return minute;
	}

}
