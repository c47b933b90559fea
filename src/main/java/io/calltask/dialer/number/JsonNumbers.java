package io.calltask.dialer.number;

import java.io.InputStream;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.api.ApiException;
import io.calltask.api.FieldErrors;

/**
 * Reads {@code {"numbers":[{"phone":"…","variables":{…}}, …]}} as a stream, one number at a time,
 * so a large import never becomes a tree in memory. Wrong types are request errors (422 on
 * {@code numbers}, naming the item); a phone that is a string but not a phone is an invalid row.
 */
final class JsonNumbers {

	/** Problems named in one 422 at most; the rest would only repeat them. */
	private static final int MAX_ERRORS = 20;

	private final NumberImport into;

	private final FieldErrors errors = new FieldErrors();

	private int errorCount;

	private JsonNumbers(NumberImport into) {
		this.into = into;
	}

	/** Reads with {@code json}, Spring's configured mapper. */
	public static void read(JsonMapper json, InputStream body, NumberImport into) {
		new JsonNumbers(into).read(json, body);
	}

	private void read(JsonMapper json, InputStream body) {
		boolean seen = false;
		try (JsonParser p = json.createParser(body)) {
			JsonToken t = p.nextToken();
			if (t == null) {
				throw new ApiException.Invalid("body", "请求体不能为空，应为 JSON 对象 {\"numbers\":[…]}");
			}
			if (t != JsonToken.START_OBJECT) {
				throw new ApiException.Invalid("body", "请求体必须是 JSON 对象 {\"numbers\":[…]}");
			}
			while (p.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = p.currentName();
				t = p.nextToken();
				if (!"numbers".equals(name) || t == JsonToken.VALUE_NULL) {
					p.skipChildren();
					continue;
				}
				if (seen) {
					error("numbers", "重复出现");
					p.skipChildren();
					continue;
				}
				seen = true;
				if (t != JsonToken.START_ARRAY) {
					error("numbers", "必须是数组 [{\"phone\":\"…\"}]");
					p.skipChildren();
					continue;
				}
				long row = 0;
				while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
					number(p, t, ++row);
				}
			}
			if (p.nextToken() != null) {
				throw new ApiException.Invalid("body", "JSON 对象之后还有多余的内容");
			}
		}
		catch (JacksonException ex) {
			throw new ApiException.Invalid("body", "请求体不是合法的 JSON");
		}
		if (errors.isEmpty() && into.rows() == 0) {
			error("numbers", "不能为空，至少要有一个号码");
		}
		errors.throwIfAny();
	}

	private void number(JsonParser p, JsonToken t, long row) {
		if (t != JsonToken.START_OBJECT) {
			error("numbers", "第 " + row + " 项：必须是对象 {\"phone\":\"…\"}");
			p.skipChildren();
			return;
		}
		String phone = null;
		String variables = null;
		boolean ok = true;
		while (p.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = p.currentName();
			t = p.nextToken();
			if (name.equals("phone")) {
				if (t == JsonToken.VALUE_STRING) {
					phone = p.getString();
				}
				else if (t != JsonToken.VALUE_NULL) {
					ok = error("numbers", "第 " + row + " 项：phone 必须是字符串");
					p.skipChildren();
				}
			}
			else if (name.equals("variables") && t != JsonToken.VALUE_NULL) {
				if (t == JsonToken.START_OBJECT) {
					NumberVariables vars = variables(p, row);
					if (vars == null) {
						ok = false;
					}
					else {
						variables = vars.toJson();
					}
				}
				else {
					ok = error("numbers", "第 " + row + " 项：variables 必须是对象");
					p.skipChildren();
				}
			}
			else {
				p.skipChildren();
			}
		}
		if (ok && errors.isEmpty()) {
			into.add(row, phone, variables);
		}
		else {
			into.stopWriting();
		}
	}

	/** The object's variables, or null (errors recorded) if one of them cannot be stored. */
	private NumberVariables variables(JsonParser p, long row) {
		NumberVariables vars = new NumberVariables();
		boolean ok = true;
		while (p.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = p.currentName();
			JsonToken t = p.nextToken();
			String where = "第 " + row + " 项：variables." + key + " ";
			String problem = NumberVariables.keyProblem(key);
			if (problem != null) {
				ok = error("numbers", "第 " + row + " 项：" + problem);
				p.skipChildren();
				continue;
			}
			switch (t) {
				case VALUE_STRING -> {
					String value = p.getString();
					problem = NumberVariables.valueProblem(value);
					if (problem != null) {
						ok = error("numbers", where + problem);
					}
					else {
						vars.put(key, value);
					}
				}
				case VALUE_NUMBER_INT -> vars.put(key, p.getBigIntegerValue());
				case VALUE_NUMBER_FLOAT -> vars.put(key, p.getDecimalValue());
				case VALUE_TRUE, VALUE_FALSE -> vars.put(key, t == JsonToken.VALUE_TRUE);
				default -> {
					ok = error("numbers", where + "只能是字符串、数字或布尔值");
					p.skipChildren();
				}
			}
		}
		if (vars.size() > NumberVariables.MAX_KEYS) {
			ok = error("numbers", "第 " + row + " 项：variables 最多 " + NumberVariables.MAX_KEYS + " 个");
		}
		return ok ? vars : null;
	}

	/** Records a problem (up to {@value #MAX_ERRORS}); always false, for {@code ok = error(…)}. */
	private boolean error(String field, String why) {
		if (errorCount++ < MAX_ERRORS) {
			errors.add(field, why);
		}
		return false;
	}

}
