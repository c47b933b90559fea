package io.calltask.api;

import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's whitelabel page: whatever reaches the container's error path (a
 * failure outside any controller, a malformed request line) still answers in the envelope.
 */
@RestController
class EnvelopeErrorController implements ErrorController {

	@RequestMapping("${server.error.path:/error}")
	ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int code = status instanceof Integer i ? i : 500;
		String message = switch (code) {
			case 400 -> "请求格式不正确";
			case 401 -> "未授权";
			case 404 -> "接口不存在";
			case 405 -> "不支持的请求方式";
			case 413 -> "请求体过大";
			case 415 -> "不支持的 Content-Type";
			default -> code >= 500 ? "服务器内部错误" : "请求无法处理";
		};
		if (code < 400 || code > 599) {
			code = 500;
			message = "服务器内部错误";
		}
		return ErrorResponses.respond(new ApiError(code, message, Map.of()));
	}

}
