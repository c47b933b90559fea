package io.calltask.agent.web;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import io.calltask.agent.AgentKey;
import io.calltask.agent.AgentKeys;
import io.calltask.agent.CallerAgent;
import io.calltask.agent.KeyScope;
import io.calltask.agent.internal.CallerKey;
import io.calltask.api.ApiResponse;
import io.calltask.api.Ids;
import io.calltask.api.JsonBody;
import io.calltask.time.DateTimes;

/** {@code /agent-api/key}: the calling agent's keys (API.md §11). */
@RestController
@RequestMapping(path = "/agent-api/key", produces = "application/json")
class AgentKeyController {

	private final AgentKeys keys;

	private final DateTimes time;

	AgentKeyController(AgentKeys keys, DateTimes time) {
		this.keys = keys;
		this.time = time;
	}

	@GetMapping
	ResponseEntity<Map<String, Object>> list(CallerAgent agent, CallerKey caller) {
		return ApiResponse.ok("返回密钥列表成功",
				keys.list(agent.id()).stream().map(key -> view(key, caller)).toList());
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<Map<String, Object>> create(CallerAgent agent, CallerKey caller,
			@RequestBody(required = false) JsonNode json) {
		JsonBody body = JsonBody.of(json);
		String name = body.requiredName("name", 100);
		KeyScope scope = KeyScope.FULL;
		if (body.hasValue("scope")) {
			String text = body.string("scope", 10);
			scope = KeyScope.ofWire(text);
			if (scope == null && text != null) {
				body.errors().add("scope", "只能是 full 或 read");
			}
		}
		OffsetDateTime expires = body.dateTime("expires_datetime", time);
		if (expires != null && !expires.toInstant().isAfter(time.now())) {
			body.errors().add("expires_datetime", "必须是将来的时间");
		}
		body.throwIfInvalid();
		AgentKeys.NewKey created = keys.create(agent.id(), name, scope, expires);
		Map<String, Object> view = view(created.key(), caller);
		view.put("key", created.secret());
		return ApiResponse.created("创建密钥成功，密钥只显示这一次，请妥善保存", view);
	}

	@DeleteMapping("/{key_id}")
	ResponseEntity<Map<String, Object>> revoke(CallerAgent agent, CallerKey caller, @PathVariable("key_id") String keyId) {
		UUID id = Ids.uuidOr404(keyId, "密钥不存在");
		return ApiResponse.ok("密钥已停用", view(keys.revoke(agent.id(), id), caller));
	}

	private Map<String, Object> view(AgentKey key, CallerKey caller) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("key_id", key.id().toString());
		view.put("name", key.name());
		view.put("prefix", key.prefix());
		view.put("scope", key.scope().wire());
		view.put("created_datetime", time.format(key.createdAt()));
		view.put("last_used_datetime", time.format(key.lastUsedAt()));
		view.put("expires_datetime", time.format(key.expiresAt()));
		view.put("revoked_datetime", time.format(key.revokedAt()));
		view.put("current", key.id().equals(caller.id()));
		return view;
	}

}
