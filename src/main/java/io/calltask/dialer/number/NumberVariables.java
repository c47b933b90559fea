package io.calltask.dialer.number;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The variables of one number (a name, an amount, a due date the call script speaks), kept as
 * canonical JSON text: keys sorted, no whitespace, values strings, numbers or booleans. The same
 * variables always read back as the same text, so the engine and tests can compare them as text.
 * {@link #texts} is how they read as text wherever they leave the service: on a call to the bot, in
 * a CSV download.
 */
public final class NumberVariables {

	public static final int MAX_KEYS = 50;

	public static final int MAX_KEY_LENGTH = 64;

	public static final int MAX_VALUE_LENGTH = 1000;

	/** Names: no control characters. Values may hold tabs and line breaks (a CSV note over two lines). */
	private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]");

	private static final Pattern VALUE_CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t\\n\\r]]");

	/** The stored variables' canonical text (plain decimals, exact floats), independent of spring.jackson settings. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final TreeMap<String, Object> values = new TreeMap<>();

	/** Why {@code key} cannot name a variable, or null if it can. */
	public static String keyProblem(String key) {
		if (key.isEmpty() || key.codePointCount(0, key.length()) > MAX_KEY_LENGTH) {
			return "变量名长度应为 1 到 " + MAX_KEY_LENGTH + " 个字符";
		}
		if (CONTROL.matcher(key).find()) {
			return "变量名不能包含控制字符";
		}
		return null;
	}

	/** Why a string value cannot be stored, or null if it can. */
	public static String valueProblem(String value) {
		if (value.codePointCount(0, value.length()) > MAX_VALUE_LENGTH) {
			return "变量值不能超过 " + MAX_VALUE_LENGTH + " 个字符";
		}
		if (VALUE_CONTROL.matcher(value).find()) {
			return "变量值不能包含控制字符";
		}
		return null;
	}

	/** Puts a checked value (String, Boolean, BigInteger or BigDecimal); the last of repeated keys wins. */
	public void put(String key, Object value) {
		values.put(key, value);
	}

	public int size() {
		return values.size();
	}

	/** The canonical text, or null when there are no variables. */
	public String toJson() {
		return values.isEmpty() ? null : JSON.writeValueAsString(values);
	}

	/** Stored text back to an object for the API (decimals exactly as stored); null stays null. */
	public static JsonNode read(String json) {
		return json == null ? null : JSON.readTree(json);
	}

	/**
	 * Stored text as name → value text, in its (sorted) order: strings as they are, numbers as
	 * written (plain decimals), booleans as {@code true}/{@code false}. Empty for none, and for text
	 * that is not a JSON object: it runs on the engine's thread, where text it cannot read must give
	 * no variables rather than an exception.
	 */
	public static Map<String, String> texts(String json) {
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
