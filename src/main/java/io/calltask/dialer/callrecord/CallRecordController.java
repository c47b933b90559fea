package io.calltask.dialer.callrecord;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.calltask.agent.UserScope;
import io.calltask.api.ApiException;
import io.calltask.api.ApiResponse;
import io.calltask.api.Ids;
import io.calltask.api.PageRequest;
import io.calltask.dialer.callrecord.CallRecords.CallPage;

/** {@code …/task/{task_id}/call}: a task's call records, newest first (docs/ROUTES.md). */
@RestController
@RequestMapping(path = "/agent-api/new/user/{user_id}/task/{task_id}/call", produces = "application/json")
class CallRecordController {

	private static final String NOT_FOUND = "任务不存在";

	private final CallRecords calls;

	CallRecordController(CallRecords calls) {
		this.calls = calls;
	}

	@GetMapping
	ResponseEntity<Map<String, Object>> list(UserScope user, @PathVariable("task_id") String taskId,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String phone,
			@RequestParam(required = false) String page, @RequestParam(name = "per_page", required = false) String perPage) {
		PageRequest request = PageRequest.of(page, perPage);
		CallPage result = calls.list(user.userId(), Ids.uuidOr404(taskId, NOT_FOUND), outcome, phone, request);
		return ApiResponse.page("返回通话记录成功", request, result.total(), result.items());
	}

	/** {@code ?format=csv}: every call of the task (filtered as the list), streamed as a CSV download. */
	@GetMapping(params = "format", produces = { "text/csv", "application/json" })
	ResponseEntity<StreamingResponseBody> export(UserScope user, @PathVariable("task_id") String taskId,
			@RequestParam String format, @RequestParam(required = false) String outcome,
			@RequestParam(required = false) String phone) {
		if (!"csv".equals(format)) {
			throw new ApiException.Invalid("format", "只能是 csv");
		}
		return calls.export(user.userId(), Ids.uuidOr404(taskId, NOT_FOUND), outcome, phone);
	}

}
