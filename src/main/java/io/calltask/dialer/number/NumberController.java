package io.calltask.dialer.number;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.calltask.agent.UserScope;
import io.calltask.api.ApiException;
import io.calltask.api.ApiResponse;
import io.calltask.api.Ids;
import io.calltask.api.PageRequest;
import io.calltask.dialer.number.Numbers.NumberPage;

/** {@code …/task/{task_id}/number}: import and list a task's numbers (docs/ROUTES.md). */
@RestController
@RequestMapping(path = "/agent-api/new/user/{user_id}/task/{task_id}/number", produces = "application/json")
class NumberController {

	private static final String NOT_FOUND = "任务不存在";

	private final Numbers numbers;

	NumberController(Numbers numbers) {
		this.numbers = numbers;
	}

	/** The body is read here as a stream (not bound by a message converter): imports can be large. */
	@PostMapping(consumes = { "application/json", "text/csv" })
	ResponseEntity<Map<String, Object>> importNumbers(UserScope user, @PathVariable("task_id") String taskId,
			HttpServletRequest request) throws IOException {
		MediaType type = MediaType.parseMediaType(request.getContentType());
		return ApiResponse.ok("导入号码成功", numbers.view(numbers.importNumbers(user.userId(),
				Ids.uuidOr404(taskId, NOT_FOUND), type, request.getInputStream())));
	}

	@GetMapping
	ResponseEntity<Map<String, Object>> list(UserScope user, @PathVariable("task_id") String taskId,
			@RequestParam(required = false) String status, @RequestParam(required = false) String page,
			@RequestParam(name = "per_page", required = false) String perPage) {
		PageRequest request = PageRequest.of(page, perPage);
		NumberPage result = numbers.list(user.userId(), Ids.uuidOr404(taskId, NOT_FOUND), status, request);
		return ApiResponse.page("返回号码列表成功", request, result.total(), result.items());
	}

	/** {@code ?format=csv}: every number of the task (in {@code status}, if given), streamed as a CSV download. */
	@GetMapping(params = "format", produces = { "text/csv", "application/json" })
	ResponseEntity<StreamingResponseBody> export(UserScope user, @PathVariable("task_id") String taskId,
			@RequestParam String format, @RequestParam(required = false) String status) {
		if (!"csv".equals(format)) {
			throw new ApiException.Invalid("format", "只能是 csv");
		}
		return numbers.export(user.userId(), Ids.uuidOr404(taskId, NOT_FOUND), status);
	}

}
