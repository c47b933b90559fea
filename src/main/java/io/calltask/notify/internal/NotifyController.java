package io.calltask.notify.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.calltask.agent.CallerAgent;
import io.calltask.agent.UserScope;
import io.calltask.api.ApiResponse;
import io.calltask.api.Ids;
import io.calltask.api.PageRequest;
import io.calltask.time.DateTimes;

/**
 * The webhooks' routes (docs/ROUTES.md): the agent's signing secret and its rotation, a task's
 * delivery log and the redelivery of a failed event.
 */
@RestController
class NotifyController {

	private static final String TASK_NOT_FOUND = "任务不存在";

	private final WebhookSecrets secrets;

	private final DeliveryLog log;

	private final DateTimes time;

	NotifyController(WebhookSecrets secrets, DeliveryLog log, DateTimes time) {
		this.secrets = secrets;
		this.log = log;
		this.time = time;
	}

	@GetMapping(path = "/agent-api/webhook-secret", produces = "application/json")
	ResponseEntity<Map<String, Object>> secret(CallerAgent agent) {
		return ApiResponse.ok("返回签名密钥成功", view(secrets.current(agent.id())));
	}

	@PostMapping(path = "/agent-api/webhook-secret/rotate", produces = "application/json")
	ResponseEntity<Map<String, Object>> rotate(CallerAgent agent) {
		return ApiResponse.ok("签名密钥已更换", view(secrets.rotate(agent.id())));
	}

	@GetMapping(path = "/agent-api/new/user/{user_id}/task/{task_id}/notify", produces = "application/json")
	ResponseEntity<Map<String, Object>> list(UserScope user, @PathVariable("task_id") String taskId,
			@RequestParam(required = false) String status, @RequestParam(required = false) String page,
			@RequestParam(name = "per_page", required = false) String perPage) {
		PageRequest request = PageRequest.of(page, perPage);
		DeliveryLog.Page result = log.list(user.userId(), Ids.uuidOr404(taskId, TASK_NOT_FOUND), status, request);
		return ApiResponse.page("返回通知记录成功", request, result.total(), result.items());
	}

	@PostMapping(path = "/agent-api/new/user/{user_id}/task/{task_id}/notify/{id}/redeliver", produces = "application/json")
	ResponseEntity<Map<String, Object>> redeliver(UserScope user, @PathVariable("task_id") String taskId,
			@PathVariable("id") String id) {
		log.redeliver(user.userId(), Ids.uuidOr404(taskId, TASK_NOT_FOUND), Ids.uuidOr404(id, "通知事件不存在"));
		return ApiResponse.ok("已重新投递", null);
	}

	private Map<String, Object> view(WebhookSecrets.Secret s) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("secret", s.secret());
		view.put("previous_expires_datetime", time.format(s.previousExpires()));
		return view;
	}

}
