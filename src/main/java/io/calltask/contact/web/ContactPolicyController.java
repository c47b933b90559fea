package io.calltask.contact.web;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import io.calltask.agent.UserScope;
import io.calltask.api.ApiResponse;
import io.calltask.contact.ContactPolicies;

/** {@code …/contact-policy}: the user's contact policy, docs/ROUTES.md. */
@RestController
@RequestMapping(path = "/agent-api/new/user/{user_id}/contact-policy", produces = "application/json")
class ContactPolicyController {

	private final ContactPolicies policies;

	ContactPolicyController(ContactPolicies policies) {
		this.policies = policies;
	}

	@GetMapping
	ResponseEntity<Map<String, Object>> get(UserScope user) {
		return ApiResponse.ok("返回联系策略成功", ContactPolicies.view(policies.current(java.util.List.of(user.userId()))
			.get(user.userId())));
	}

	@PutMapping(consumes = "application/json")
	ResponseEntity<Map<String, Object>> put(UserScope user, @RequestBody(required = false) JsonNode json) {
		return ApiResponse.ok("保存联系策略成功", ContactPolicies.view(policies.replace(user.userId(), json)));
	}

}
