package io.calltask.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The success envelope: {@code {"code":200,"status":"success","message":"…","data":…}}, with
 * {@code meta} for paginated lists. The HTTP status always equals {@code code}.
 */
public final class ApiResponse {

	private ApiResponse() {
	}

	public static ResponseEntity<Map<String, Object>> ok(String message, Object data) {
		return of(HttpStatus.OK, message, data);
	}

	public static ResponseEntity<Map<String, Object>> created(String message, Object data) {
		return of(HttpStatus.CREATED, message, data);
	}

	/** 202: taken, done later. */
	public static ResponseEntity<Map<String, Object>> accepted(String message, Object data) {
		return of(HttpStatus.ACCEPTED, message, data);
	}

	public static ResponseEntity<Map<String, Object>> page(String message, PageRequest page, long total,
			List<?> items) {
		Map<String, Object> body = envelope(200, message);
		body.put("meta", page.meta(total));
		body.put("data", items);
		return ResponseEntity.ok(body);
	}

	/** A page of a list of {@code total} items; {@code items} is only asked for a page before the end. */
	public static ResponseEntity<Map<String, Object>> page(String message, PageRequest page, long total,
			Supplier<List<?>> items) {
		return page(message, page, total, page.offset() >= total ? List.of() : items.get());
	}

	private static ResponseEntity<Map<String, Object>> of(HttpStatus status, String message, Object data) {
		Map<String, Object> body = envelope(status.value(), message);
		body.put("data", data);
		return ResponseEntity.status(status).body(body);
	}

	private static Map<String, Object> envelope(int code, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("code", code);
		body.put("status", "success");
		body.put("message", message);
		return body;
	}

}
