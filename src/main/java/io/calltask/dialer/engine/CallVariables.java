package io.calltask.dialer.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A claimed number's stored variables (the import's canonical JSON text, {@code task_number.variables})
 * as the name → value text a call carries ({@link io.calltask.dialer.spi.OriginateRequest#numberVariables}):
 * strings as they are, numbers as written (plain decimals), booleans as {@code true}/{@code false}.
 * Runs on the engine's thread, so text it cannot read gives no variables rather than an exception.
 */
final class CallVariables {

	/** Decimals exactly as stored ({@code 12.50} stays {@code 12.50}). */
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private CallVariables() {
	}

	/** The variables in {@code json}, in its (sorted) order; empty for none, and for text that is not a JSON object. */
	static Map<String, String> of(String json) {
		if (json == null || json.isBlank()) {
			return Map.of();
		}
		JsonNode tree;
		try {
			tree = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			return Map.of();
		}
		if (tree == null || !tree.isObject()) {
			return Map.of();
		}
		Map<String, String> variables = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : tree.properties()) {
			String text = text(entry.getValue());
			if (text != null) {
				variables.put(entry.getKey(), text);
			}
		}
		return Collections.unmodifiableMap(variables);
	}

	private static String text(JsonNode value) {
		if (value.isString()) {
			return value.stringValue();
		}
		if (value.isIntegralNumber()) {
			return value.bigIntegerValue().toString();
		}
		if (value.isNumber()) {
			return value.decimalValue().toPlainString();
		}
		if (value.isBoolean()) {
			return Boolean.toString(value.booleanValue());
		}
		return null; // null, arrays, objects: the import stores none of them
	}

}
