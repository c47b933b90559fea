package io.calltask.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request that cannot be served, with the HTTP code and the envelope it answers with. The
 * subclasses name the cases; one handler ({@code ErrorResponses}) turns them into the envelope.
 */
public abstract class ApiException extends RuntimeException {

	private final int code;

	private final Map<String, List<String>> errors;

	protected ApiException(int code, String message, Map<String, List<String>> errors) {
		super(message, null, false, false);
		this.code = code;
		this.errors = errors == null ? Map.of() : errors;
	}

	public ApiError toError() {
		return new ApiError(code, getMessage(), errors);
	}

	public int code() {
		return code;
	}

	public Map<String, List<String>> errors() {
		return errors;
	}

	/** 404: unknown, deleted, or belongs to another agent or user. Never reveals which. */
	public static final class NotFound extends ApiException {

		public NotFound(String message) {
			super(404, message, Map.of());
		}

	}

	/** 422: the request is well-formed HTTP but its content is invalid. */
	public static final class Invalid extends ApiException {

		public Invalid(Map<String, List<String>> errors) {
			super(422, "请求参数验证失败", errors);
		}

		public Invalid(String field, String why) {
			this(singleton(field, why));
		}

	}

	/**
	 * 409: the request is valid but conflicts with the current state (a seat in a call, a group a task
	 * uses); {@code why} is the message and the reason given under {@code field}.
	 */
	public static final class Conflict extends ApiException {

		public Conflict(String field, String why) {
			super(409, why, singleton(field, why));
		}

	}

	private static Map<String, List<String>> singleton(String field, String why) {
		Map<String, List<String>> errors = new LinkedHashMap<>();
		errors.put(field, List.of(why));
		return errors;
	}

	/** 401: no key, or a key we do not know. */
	public static final class Unauthorized extends ApiException {

		public Unauthorized(String message) {
			super(401, message, Map.of());
		}

	}

	/** 403: the key may not do this (a read-only key writing, API.md §11). */
	public static final class Forbidden extends ApiException {

		public Forbidden(String message) {
			super(403, message, Map.of());
		}

	}

	/** 429: the agent is over its request rate. */
	public static final class TooManyRequests extends ApiException {

		public TooManyRequests() {
			super(429, "请求过于频繁，请稍后再试", Map.of());
		}

	}

	/** 413: the body is larger than we accept. */
	public static final class PayloadTooLarge extends ApiException {

		public PayloadTooLarge(long limit) {
			super(413, "请求体过大，最大 " + limit + " 字节", Map.of());
		}

	}

	/** 503: this instance cannot serve it now (it does not dial); another instance can. */
	public static final class Unavailable extends ApiException {

		public Unavailable(String message) {
			super(503, message, Map.of());
		}

	}

}
