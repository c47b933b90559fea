package io.calltask.api;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where failures become the error envelope. Clients never see a stack trace or
 * an HTML page; unexpected failures are logged here with the request line and answered 500.
 */
@RestControllerAdvice
class ErrorResponses {

	private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

	@ExceptionHandler(ApiException.class)
	ResponseEntity<Map<String, Object>> api(ApiException ex) {
		return respond(ex.toError());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof ApiException api) {
				return respond(api.toError());
			}
		}
		return respond(new ApiException.Invalid("body", "请求体不是合法的 JSON").toError());
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<Map<String, Object>> unsupportedType(HttpMediaTypeNotSupportedException ex) {
		return respond(new ApiError(415, "不支持的 Content-Type，请使用 application/json", Map.of()));
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException ex) {
		return respond(new ApiError(406, "只能返回 application/json", Map.of()));
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException ex) {
		return respond(new ApiError(405, "不支持的请求方式 " + ex.getMethod(), Map.of()));
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<Map<String, Object>> noRoute(NoResourceFoundException ex) {
		return respond(new ApiError(404, "接口不存在", Map.of()));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return respond(new ApiException.Invalid(ex.getName(), "格式不正确").toError());
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException ex) {
		return respond(new ApiException.Invalid(ex.getParameterName(), "不能为空").toError());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Map<String, Object>> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unhandled failure on {} {}", request.getMethod(), request.getRequestURI(), ex);
		return respond(new ApiError(500, "服务器内部错误", Map.of()));
	}

	static ResponseEntity<Map<String, Object>> respond(ApiError error) {
		return ResponseEntity.status(HttpStatus.valueOf(error.code()))
			.contentType(MediaType.APPLICATION_JSON)
			.body(error.body());
	}

}
