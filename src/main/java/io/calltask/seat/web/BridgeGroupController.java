package io.calltask.seat.web;

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
import io.calltask.seat.internal.BridgeGroupService;

/** {@code …/bridge-group}: bridge groups (转接组) with their live counts (docs/ROUTES.md, "Seats and bridge groups"). */
@RestController
@RequestMapping(path = "/agent-api/new/user/{user_id}/bridge-group", produces = "application/json")
class BridgeGroupController {

	private static final String NOT_FOUND = "转接组不存在";

	private final BridgeGroupService groups;

	BridgeGroupController(BridgeGroupService groups) {
		this.groups = groups;
	}

	@GetMapping
	ResponseEntity<Map<String, Object>> list(UserScope user, @RequestParam(required = false) String page,
			@RequestParam(name = "per_page", required = false) String perPage) {
		PageRequest request = PageRequest.of(page, perPage);
		return ApiResponse.page("返回转接组列表成功", request, groups.count(user.userId()),
				() -> groups.page(user.userId(), request).stream().map(groups::view).toList());
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<Map<String, Object>> create(UserScope user, @RequestBody(required = false) JsonNode json) {
		return ApiResponse.created("创建转接组成功", groups.view(groups.create(user.userId(), json)));
	}

	@GetMapping("/{bridge_group_id}")
	ResponseEntity<Map<String, Object>> get(UserScope user, @PathVariable("bridge_group_id") String id) {
		return ApiResponse.ok("返回转接组成功", groups.view(groups.find(user.userId(), Ids.longOr404(id, NOT_FOUND))));
	}

	@PutMapping(path = "/{bridge_group_id}", consumes = "application/json")
	ResponseEntity<Map<String, Object>> update(UserScope user, @PathVariable("bridge_group_id") String id,
			@RequestBody(required = false) JsonNode json) {
		return ApiResponse.ok("更新转接组成功",
				groups.view(groups.update(user.userId(), Ids.longOr404(id, NOT_FOUND), json)));
	}

	@DeleteMapping("/{bridge_group_id}")
	ResponseEntity<Map<String, Object>> delete(UserScope user, @PathVariable("bridge_group_id") String id) {
		groups.delete(user.userId(), Ids.longOr404(id, NOT_FOUND));
		return ApiResponse.ok("删除转接组成功", null);
	}

}
