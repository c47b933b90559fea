package io.calltask.api;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeType;

import io.calltask.time.DateTimes;

/**
 * Strict reading of a JSON request object. Each getter checks the JSON type and range of one
 * key and records a problem under that key's name instead of throwing, so that a single 422
 * names every bad field. Absent keys read as {@code null}; {@link #has} tells absent from
 * {@code null}, which partial updates need. Numbers never come from strings and strings never
 * from numbers: a wrong type is an error, as the contract says.
 */
public final class JsonBody {

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\t]]");

	private final JsonNode root;

	private final FieldErrors errors = new FieldErrors();

	private JsonBody(JsonNode root) {
		this.root = root;
	}

	/** The body must be a JSON object; anything else is a 422 on {@code body}. */
	public static JsonBody of(JsonNode root) {
		if (root == null || root.isMissingNode() || root.isNull()) {
			throw new ApiException.Invalid("body", "请求体不能为空，应为 JSON 对象");
		}
		if (!root.isObject()) {
			throw new ApiException.Invalid("body", "请求体必须是 JSON 对象");
		}
		return new JsonBody(root);
	}

	public FieldErrors errors() {
		return errors;
	}

	public boolean has(String key) {
		return root.has(key);
	}

	/** Present with a non-null value. */
	public boolean hasValue(String key) {
		JsonNode node = root.get(key);
		return node != null && !node.isNull();
	}

	public JsonNode node(String key) {
		return root.get(key);
	}

	public Integer integer(String key, long min, long max) {
		BigInteger value = integral(key, min, max);
		return value == null ? null : value.intValue();
	}

	public Long longInteger(String key, long min, long max) {
		BigInteger value = integral(key, min, max);
		return value == null ? null : value.longValue();
	}

	/** A number (integral or not) between {@code min} and {@code max}. */
	public Double decimal(String key, double min, double max) {
		JsonNode node = root.get(key);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
			errors.add(key, "必须是数字");
			return null;
		}
		double value = node.doubleValue();
		if (value < min || value > max) {
			errors.add(key, "必须在 " + min + " 到 " + max + " 之间");
			return null;
		}
		return value;
	}

	private BigInteger integral(String key, long min, long max) {
		JsonNode node = root.get(key);
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isIntegralNumber()) {
			errors.add(key, "必须是整数");
			return null;
		}
		BigInteger value = node.bigIntegerValue();
		if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
			errors.add(key, "必须在 " + min + " 到 " + max + " 之间");
			return null;
		}
		return value;
	}

	/** A string without control characters (tabs allowed), at most {@code maxLength} characters. */
	public String string(String key, int maxLength) {
		JsonNode node = root.get(key);
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.getNodeType() != JsonNodeType.STRING) {
			errors.add(key, "必须是字符串");
			return null;
		}
		String value = node.stringValue();
		if (value.codePointCount(0, value.length()) > maxLength) {
			errors.add(key, "长度不能超过 " + maxLength + " 个字符");
			return null;
		}
		if (CONTROL.matcher(value).find()) {
			errors.add(key, "不能包含控制字符");
			return null;
		}
		return value;
	}

	/** A required, non-blank string of 1..maxLength characters (surrounding blanks trimmed). */
	public String requiredName(String key, int maxLength) {
		if (!hasValue(key)) {
			errors.add(key, "不能为空");
			return null;
		}
		String value = string(key, maxLength);
		if (value == null) {
			return null;
		}
		value = value.strip();
		if (value.isEmpty()) {
			errors.add(key, "不能为空");
			return null;
		}
		return value;
	}

	/**
	 * An absolute http:// or https:// URL with a host, at most 2000 characters; anything else
	 * (javascript:, file:, ftp:, relative) is an error. Empty text reads as {@code ""}.
	 */
	public String httpUrl(String key) {
		String text = string(key, 2000);
		if (text == null || text.isEmpty()) {
			return text;
		}
		try {
			URI uri = new URI(text);
			String scheme = uri.getScheme();
			if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
					&& uri.getHost() != null && !uri.getHost().isEmpty()) {
				return text;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		errors.add(key, "必须是 http:// 或 https:// 开头的网址");
		return null;
	}

	/** A webhook URL ({@link WebhookUrls}); an error naming the field for anything else. Empty stays empty. */
	public String webhookUrl(String key, boolean allowPrivate) {
		String text = string(key, 2000);
		if (text == null || text.isEmpty()) {
			return text;
		}
		String problem = WebhookUrls.problem(text, allowPrivate);
		if (problem != null) {
			errors.add(key, problem);
			return null;
		}
		return text;
	}

	/** A datetime in the API format ({@code yyyy-MM-dd HH:mm:ss}, the deployment's zone); an error for anything else. */
	public OffsetDateTime dateTime(String key, DateTimes times) {
		if (!hasValue(key)) {
			return null;
		}
		String text = string(key, 64);
		if (text == null) {
			return null;
		}
		OffsetDateTime value = times.parseOrNull(text);
		if (value == null) {
			errors.add(key, "时间格式应为 yyyy-MM-dd HH:mm:ss");
		}
		return value;
	}

	/** {@code true}/{@code false}; 0 and 1 are accepted too, as the platform's remote task uses them. */
	public Boolean bool(String key) {
		JsonNode node = root.get(key);
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		if (node.isIntegralNumber() && node.canConvertToInt() && (node.intValue() == 0 || node.intValue() == 1)) {
			return node.intValue() == 1;
		}
		errors.add(key, "必须是布尔值（true/false）");
		return null;
	}

	public UUID uuid(String key) {
		JsonNode node = root.get(key);
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.getNodeType() != JsonNodeType.STRING) {
			errors.add(key, "必须是 UUID 字符串");
			return null;
		}
		UUID id = Ids.uuidOrNull(node.stringValue());
		if (id == null) {
			errors.add(key, "必须是 UUID 字符串");
		}
		return id;
	}

	public void throwIfInvalid() {
		errors.throwIfAny();
	}

}
