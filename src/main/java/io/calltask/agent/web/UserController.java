package io.calltask.agent.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import io.calltask.agent.CallerAgent;
import io.calltask.agent.Users;
import io.calltask.agent.Users.User;
import io.calltask.api.ApiResponse;
import io.calltask.api.JsonBody;
import io.calltask.api.PageRequest;
import io.calltask.time.DateTimes;

/** {@code /agent-api/user}: the calling agent's users. */
@RestController
@RequestMapping(path = "/agent-api/user", produces = "application/json")
class UserController {

	private final Users users;

	private final DateTimes time;

	UserController(Users users, DateTimes time) {
		this.users = users;
		this.time = time;
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<Map<String, Object>> create(CallerAgent agent, @RequestBody(required = false) JsonNode json) {
		JsonBody body = JsonBody.of(json);
		String name = body.requiredName("name", 100);
		body.throwIfInvalid();
		return ApiResponse.created("创建用户成功", view(users.create(agent.id(), name)));
	}

	@GetMapping
	ResponseEntity<Map<String, Object>> list(CallerAgent agent, @RequestParam(required = false) String page,
			@RequestParam(name = "per_page", required = false) String perPage) {
		PageRequest request = PageRequest.of(page, perPage);
		return ApiResponse.page("返回用户列表成功", request, users.count(agent.id()),
				() -> users.page(agent.id(), request).stream().map(this::view).toList());
	}

	private Map<String, Object> view(User user) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("user_id", user.id().toString());
		view.put("name", user.name());
		view.put("create_datetime", time.format(user.createdAt()));
		return view;
	}

}
