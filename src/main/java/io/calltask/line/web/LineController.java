package io.calltask.line.web;

import java.util.Map;

import org.springframework.http.ResponseEntity;
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
import io.calltask.line.Lines;

/** {@code …/line}: caller lines (docs/ROUTES.md). */
@RestController
@RequestMapping(path = "/agent-api/new/user/{user_id}/line", produces = "application/json")
class LineController {

	private static final String NOT_FOUND = "线路不存在";

	private final Lines lines;

	LineController(Lines lines) {
		this.lines = lines;
	}

	@GetMapping
	ResponseEntity<Map<String, Object>> list(UserScope user, @RequestParam(required = false) String page,
			@RequestParam(name = "per_page", required = false) String perPage) {
		PageRequest request = PageRequest.of(page, perPage);
		return ApiResponse.page("返回线路列表成功", request, lines.count(user.userId()),
				() -> lines.page(user.userId(), request).stream().map(lines::view).toList());
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<Map<String, Object>> create(UserScope user, @RequestBody(required = false) JsonNode json) {
		return ApiResponse.created("创建线路成功", lines.view(lines.create(user.userId(), json)));
	}

	@GetMapping("/{line_id}")
	ResponseEntity<Map<String, Object>> get(UserScope user, @PathVariable("line_id") String id) {
		return ApiResponse.ok("返回线路成功", lines.view(lines.find(user.userId(), Ids.uuidOr404(id, NOT_FOUND))));
	}

	@PutMapping(path = "/{line_id}", consumes = "application/json")
	ResponseEntity<Map<String, Object>> update(UserScope user, @PathVariable("line_id") String id,
			@RequestBody(required = false) JsonNode json) {
		return ApiResponse.ok("更新线路成功",
				lines.view(lines.update(user.userId(), Ids.uuidOr404(id, NOT_FOUND), json)));
	}

	@DeleteMapping("/{line_id}")
	ResponseEntity<Map<String, Object>> delete(UserScope user, @PathVariable("line_id") String id) {
		lines.delete(user.userId(), Ids.uuidOr404(id, NOT_FOUND));
		return ApiResponse.ok("删除线路成功", null);
	}

}
