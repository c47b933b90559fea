package io.calltask.dialer.blacklist;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import io.calltask.agent.UserScope;
import io.calltask.api.ApiResponse;
import io.calltask.api.PageRequest;

/** {@code …/blacklist}: the user's blacklist (DNC), docs/ROUTES.md. */
@RestController
@RequestMapping(path = "/agent-api/new/user/{user_id}/blacklist", produces = "application/json")
class BlacklistController {

	private final Blacklist blacklist;

	BlacklistController(Blacklist blacklist) {
		this.blacklist = blacklist;
	}

	@GetMapping
	ResponseEntity<Map<String, Object>> list(UserScope user, @RequestParam(required = false) String page,
			@RequestParam(name = "per_page", required = false) String perPage) {
		PageRequest request = PageRequest.of(page, perPage);
		return ApiResponse.page("返回黑名单成功", request, blacklist.count(user.userId()),
				() -> blacklist.page(user.userId(), request));
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<Map<String, Object>> add(UserScope user, @RequestBody(required = false) JsonNode json) {
		return ApiResponse.ok("添加黑名单成功", blacklist.view(blacklist.add(user.userId(), json)));
	}

	@DeleteMapping(consumes = "application/json")
	ResponseEntity<Map<String, Object>> remove(UserScope user, @RequestBody(required = false) JsonNode json) {
		return ApiResponse.ok("移除黑名单成功", blacklist.view(blacklist.remove(user.userId(), json)));
	}

}
