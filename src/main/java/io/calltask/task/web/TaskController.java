package io.calltask.task.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import io.calltask.agent.UserScope;
import io.calltask.api.ApiResponse;
import io.calltask.api.Ids;
import io.calltask.api.PageRequest;
import io.calltask.task.Tasks;
import io.calltask.task.Tasks.TaskPage;

/** {@code /agent-api/new/user/{user_id}/task}: the task list and a task's writes (docs/ROUTES.md). */
@RestController
@RequestMapping(path = "/agent-api/new/user/{user_id}/task", produces = "application/json")
class TaskController {

	private static final String NOT_FOUND = "任务不存在";

	private final Tasks tasks;

	TaskController(Tasks tasks) {
		this.tasks = tasks;
	}

	@GetMapping
	ResponseEntity<Map<String, Object>> list(UserScope user, @RequestParam MultiValueMap<String, String> query) {
		PageRequest page = PageRequest.of(query.getFirst("page"), query.getFirst("per_page"));
		List<String> statuses = new ArrayList<>();
		for (String key : List.of("status", "status[]")) {
			List<String> values = query.get(key);
			if (values != null) {
				statuses.addAll(values);
			}
		}
		TaskPage result = tasks.list(user.userId(), query.getFirst("name"), statuses, page);
		return ApiResponse.page("返回任务列表信息成功", page, result.total(), result.items());
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<Map<String, Object>> create(UserScope user, @RequestBody(required = false) JsonNode body) {
		return ApiResponse.created("创建任务成功", tasks.create(user.userId(), body));
	}

	@GetMapping({ "/{task_id}", "/{task_id}/edit" })
	ResponseEntity<Map<String, Object>> get(UserScope user, @PathVariable("task_id") String taskId) {
		return ApiResponse.ok("返回任务信息成功", tasks.get(user.userId(), id(taskId)));
	}

	@PutMapping(path = "/{task_id}", consumes = "application/json")
	ResponseEntity<Map<String, Object>> update(UserScope user, @PathVariable("task_id") String taskId,
			@RequestBody(required = false) JsonNode body) {
		UUID id = id(taskId);
		return ApiResponse.ok("更新任务成功", tasks.update(user.userId(), id, body));
	}

	@DeleteMapping("/{task_id}")
	ResponseEntity<Map<String, Object>> delete(UserScope user, @PathVariable("task_id") String taskId) {
		tasks.delete(user.userId(), id(taskId));
		return ApiResponse.ok("删除任务成功", null);
	}

	@PostMapping("/{task_id}/start")
	ResponseEntity<Map<String, Object>> start(UserScope user, @PathVariable("task_id") String taskId) {
		return ApiResponse.ok("任务已启动", tasks.setEnabled(user.userId(), id(taskId), true));
	}

	@PostMapping("/{task_id}/pause")
	ResponseEntity<Map<String, Object>> pause(UserScope user, @PathVariable("task_id") String taskId) {
		return ApiResponse.ok("任务已暂停", tasks.setEnabled(user.userId(), id(taskId), false));
	}

	private static UUID id(String taskId) {
		return Ids.uuidOr404(taskId, NOT_FOUND);
	}

}
