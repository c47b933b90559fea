package io.calltask.line.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
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
import io.calltask.api.ApiException;
import io.calltask.api.ApiResponse;
import io.calltask.api.DateTimes;
import io.calltask.api.Ids;
import io.calltask.api.JsonBody;
import io.calltask.api.PageRequest;
import io.calltask.line.Line;
import io.calltask.line.LineDeleting;
import io.calltask.line.Lines;
import io.calltask.line.internal.LineRepository;

/** {@code …/line}: caller lines (spec 2.5). */
@RestController
@RequestMapping(path = "/agent-api/new/user/{user_id}/line", produces = "application/json")
class LineController {

	private static final String NOT_FOUND = "线路不存在";

	/** Gateway and node names go into FreeSWITCH dial strings: nothing that could end or split one. */
	private static final Pattern GATEWAY = Pattern.compile("[A-Za-z0-9_.@:-]{1,100}");

	private static final Pattern NODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final Pattern CALLER_NUMBER = Pattern.compile("\\+?[0-9]{0,31}");

	private final LineRepository lines;

	private final Lines api;

	private final DateTimes time;

	private final ApplicationEventPublisher events;

	LineController(LineRepository lines, Lines api, DateTimes time, ApplicationEventPublisher events) {
		this.lines = lines;
		this.api = api;
		this.time = time;
		this.events = events;
	}

	@GetMapping
	ResponseEntity<Map<String, Object>> list(UserScope user, @RequestParam(required = false) String page,
			@RequestParam(name = "per_page", required = false) String perPage) {
		PageRequest request = PageRequest.of(page, perPage);
		long total = lines.count(user.userId());
		List<Map<String, Object>> items = request.offset() >= total ? List.of()
				: lines.page(user.userId(), request).stream().map(api::view).toList();
		return ApiResponse.page("返回线路列表成功", request, total, items);
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<Map<String, Object>> create(UserScope user, @RequestBody(required = false) JsonNode json) {
		var now = time.nowForStorage();
		Line line = read(JsonBody.of(json), new Line(UUID.randomUUID(), user.userId(), null, null, null, 10, 10, "",
				now, now), true);
		lines.insert(line);
		return ApiResponse.created("创建线路成功", api.view(line));
	}

	@GetMapping("/{line_id}")
	ResponseEntity<Map<String, Object>> get(UserScope user, @PathVariable("line_id") String id) {
		return ApiResponse.ok("返回线路成功", api.view(find(user, id)));
	}

	@PutMapping(path = "/{line_id}", consumes = "application/json")
	ResponseEntity<Map<String, Object>> update(UserScope user, @PathVariable("line_id") String id,
			@RequestBody(required = false) JsonNode json) {
		Line current = find(user, id);
		Line line = read(JsonBody.of(json), current, false);
		lines.update(line);
		return ApiResponse.ok("更新线路成功", api.view(line));
	}

	@DeleteMapping("/{line_id}")
	@Transactional
	ResponseEntity<Map<String, Object>> delete(UserScope user, @PathVariable("line_id") String id) {
		Line line = find(user, id);
		events.publishEvent(new LineDeleting(user.userId(), line.id()));
		lines.delete(user.userId(), line.id());
		return ApiResponse.ok("删除线路成功", null);
	}

	private Line find(UserScope user, String id) {
		return lines.find(user.userId(), Ids.uuidOr404(id, NOT_FOUND))
			.orElseThrow(() -> new ApiException.NotFound(NOT_FOUND));
	}

	/** The line with the body's keys applied; on create, name, gateway and node_id are required. */
	private Line read(JsonBody body, Line base, boolean create) {
		String name = create || body.has("name") ? body.requiredName("name", 100) : base.name();
		String gateway = create || body.has("gateway") ? matching(body, "gateway", GATEWAY, "只能包含字母、数字和 _ . @ : -")
				: base.gateway();
		String node = create || body.has("node_id") ? matching(body, "node_id", NODE, "只能包含字母、数字和 _ . -")
				: base.nodeId();
		Integer cps = body.integer("cps", 1, 1000);
		Integer limit = body.integer("limit", 1, 10_000);
		String caller = body.has("caller_number") ? body.string("caller_number", 32) : base.callerNumber();
		if (caller != null && !CALLER_NUMBER.matcher(caller).matches()) {
			body.errors().add("caller_number", "只能是数字，可以 + 开头");
		}
		body.throwIfInvalid();
		return new Line(base.id(), base.userId(), name, gateway, node, cps != null ? cps : base.cps(),
				limit != null ? limit : base.limit(), caller != null ? caller : "", base.createdAt(),
				create ? base.updatedAt() : time.nowForStorage());
	}

	private static String matching(JsonBody body, String key, Pattern pattern, String why) {
		if (!body.hasValue(key)) {
			body.errors().add(key, "不能为空");
			return null;
		}
		String value = body.string(key, 200);
		if (value != null && !pattern.matcher(value).matches()) {
			body.errors().add(key, why);
			return null;
		}
		return value;
	}

}
