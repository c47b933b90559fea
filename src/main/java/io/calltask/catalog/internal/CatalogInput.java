package io.calltask.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import io.calltask.api.JsonBody;
import io.calltask.catalog.RecycleRule;

/**
 * Reads a catalog item's writable keys into column values: all of them on create (with
 * defaults), only those present on update. Problems are recorded on the body, field by field.
 */
public final class CatalogInput {

	private static final Set<String> LABEL_KEYS = Set.of("A", "B", "C", "D", "E", "F");

	private CatalogInput() {
	}

	public static Map<String, Object> read(CatalogTable table, JsonBody body, boolean create) {
		Map<String, Object> columns = new LinkedHashMap<>();
		if (create || body.has("name")) {
			columns.put("name", body.requiredName("name", 100));
		}
		switch (table) {
			case GROUP -> bool(body, create, "default", "is_default", false, columns);
			case RECYCLE_RULE -> {
				bool(body, create, "enable", "enable", true, columns);
				bool(body, create, "first_call_first", "first_call_first", false, columns);
				integer(body, create, "interval_minutes", 0, 10_080, 60, columns);
				integer(body, create, "max_times", 0, 20, 1, columns);
				names(body, create, "hangup_causes", RecycleRule.HANGUP_CAUSES, columns);
				names(body, create, "call_statuses", RecycleRule.OUTCOMES, columns);
			}
			case LLM_INTENTION -> {
				if (create || body.has("labels")) {
					columns.put("labels", labels(body));
				}
			}
			case BACKGROUND -> {
				if (create || body.has("url")) {
					columns.put("url", url(body));
				}
			}
		}
		body.throwIfInvalid();
		return columns;
	}

	private static void bool(JsonBody body, boolean create, String key, String column, boolean dflt,
			Map<String, Object> columns) {
		if (create || body.has(key)) {
			Boolean value = body.bool(key);
			columns.put(column, value != null ? value : dflt);
		}
	}

	private static void integer(JsonBody body, boolean create, String key, int min, int max, int dflt,
			Map<String, Object> columns) {
		if (create || body.has(key)) {
			Integer value = body.integer(key, min, max);
			columns.put(key, value != null ? value : dflt);
		}
	}

	/** A list of names from {@code allowed}; repeats dropped, order kept; stored as JSON text. */
	private static void names(JsonBody body, boolean create, String key, List<String> allowed,
			Map<String, Object> columns) {
		if (!create && !body.has(key)) {
			return;
		}
		JsonNode node = body.node(key);
		Set<String> values = new LinkedHashSet<>();
		if (node != null && !node.isNull()) {
			if (!node.isArray() || node.size() > allowed.size() * 2) {
				body.errors().add(key, "必须是字符串数组");
				return;
			}
			for (JsonNode item : node) {
				if (!item.isString() || !allowed.contains(item.stringValue())) {
					body.errors().add(key, "不支持的取值：" + item + "，可选：" + String.join(", ", allowed));
					return;
				}
				values.add(item.stringValue());
			}
		}
		columns.put(key, CatalogTable.JSON.writeValueAsString(new ArrayList<>(values)));
	}

	private static String labels(JsonBody body) {
		JsonNode node = body.node("labels");
		if (node == null || !node.isObject() || node.isEmpty()) {
			body.errors().add("labels", "必须是至少包含一个等级的对象，如 {\"A\":\"有明确意向\"}");
			return null;
		}
		Map<String, String> labels = new LinkedHashMap<>();
		for (var entry : node.properties()) {
			String grade = entry.getKey();
			JsonNode text = entry.getValue();
			if (!LABEL_KEYS.contains(grade)) {
				body.errors().add("labels", "等级只能是 A–F：" + grade);
			}
			else if (!text.isString() || text.stringValue().isBlank() || text.stringValue().length() > 200) {
				body.errors().add("labels", grade + " 的说明必须是 1 到 200 个字符的字符串");
			}
			else {
				labels.put(grade, text.stringValue());
			}
		}
		return CatalogTable.JSON.writeValueAsString(labels);
	}

	private static String url(JsonBody body) {
		if (!body.hasValue("url")) {
			body.errors().add("url", "不能为空");
			return null;
		}
		String url = body.httpUrl("url");
		if (url != null && url.isEmpty()) {
			body.errors().add("url", "不能为空");
			return null;
		}
		return url;
	}

}
