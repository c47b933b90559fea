package io.calltask.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The error envelope: {@code {"code":422,"status":"error","message":"…","errors":{"field":["why"]}}}.
 */
public record ApiError(int code, String message, Map<String, List<String>> errors) {

	public Map<String, Object> body() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", code);
		body.put("status", "error");
		body.put("message", message);
		body.put("errors", errors == null ? Map.of() : errors);
		return body;
	}

}
