package io.calltask.schedule.web;

import java.util.LinkedHashMap;
import java.util.Map;

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
import tools.jackson.databind.util.RawValue;

import io.calltask.agent.UserScope;
import io.calltask.api.ApiException;
import io.calltask.api.ApiResponse;
import io.calltask.api.Ids;
import io.calltask.api.JsonBody;
import io.calltask.api.PageRequest;
import io.calltask.schedule.ScheduleJson;
import io.calltask.schedule.TimeGroup;
import io.calltask.schedule.WeeklySchedule;
import io.calltask.schedule.internal.TimeGroupRepository;
import io.calltask.time.DateTimes;

/**
 * {@code …/dial-time}: time groups (docs/ROUTES.md). Tasks copy a group's hours when it is assigned, so
 * editing or deleting a group never changes a task.
 */
@RestController
@RequestMapping(path = "/agent-api/new/user/{user_id}/dial-time", produces = "application/json")
class TimeGroupController {

	private static final String NOT_FOUND = "时间组不存在";

	private final TimeGroupRepository groups;

	private final DateTimes time;

	TimeGroupController(TimeGroupRepository groups, DateTimes time) {
		this.groups = groups;
		this.time = time;
	}

	@GetMapping
	ResponseEntity<Map<String, Object>> list(UserScope user, @RequestParam(required = false) String page,
			@RequestParam(name = "per_page", required = false) String perPage) {
		PageRequest request = PageRequest.of(page, perPage);
		return ApiResponse.page("返回时间组列表成功", request, groups.count(user.userId()),
				() -> groups.page(user.userId(), request).stream().map(this::view).toList());
	}

	@PostMapping(consumes = "application/json")
	@Transactional
	ResponseEntity<Map<String, Object>> create(UserScope user, @RequestBody(required = false) JsonNode json) {
		JsonBody body = JsonBody.of(json);
		String name = body.requiredName("name", 100);
		WeeklySchedule schedule = ScheduleJson.read(body.node("work_week"), body.node("work_hour"), body.errors());
		body.throwIfInvalid();
		long id = groups.insert(user.userId(), name, schedule, time.nowForStorage());
		return ApiResponse.created("创建时间组成功", view(find(user, id)));
	}

	@GetMapping("/{id}")
	ResponseEntity<Map<String, Object>> get(UserScope user, @PathVariable String id) {
		return ApiResponse.ok("返回时间组成功", view(find(user, Ids.longOr404(id, NOT_FOUND))));
	}

	@PutMapping(path = "/{id}", consumes = "application/json")
	@Transactional
	ResponseEntity<Map<String, Object>> update(UserScope user, @PathVariable String id,
			@RequestBody(required = false) JsonNode json) {
		TimeGroup current = find(user, Ids.longOr404(id, NOT_FOUND));
		JsonBody body = JsonBody.of(json);
		String name = body.has("name") ? body.requiredName("name", 100) : current.name();
		WeeklySchedule schedule = body.has("work_week") || body.has("work_hour")
				? ScheduleJson.read(body.node("work_week"), body.node("work_hour"), current.schedule(), body.errors())
				: current.schedule();
		body.throwIfInvalid();
		groups.update(current.id(), name, schedule, time.nowForStorage());
		return ApiResponse.ok("更新时间组成功", view(find(user, current.id())));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Map<String, Object>> delete(UserScope user, @PathVariable String id) {
		if (!groups.delete(user.userId(), Ids.longOr404(id, NOT_FOUND))) {
			throw new ApiException.NotFound(NOT_FOUND);
		}
		return ApiResponse.ok("删除时间组成功", null);
	}

	private TimeGroup find(UserScope user, long id) {
		return groups.find(user.userId(), id).orElseThrow(() -> new ApiException.NotFound(NOT_FOUND));
	}

	private Map<String, Object> view(TimeGroup group) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", group.id());
		view.put("name", group.name());
		view.put("work_week", new RawValue(ScheduleJson.weekJson(group.schedule().workWeek())));
		view.put("work_hour", new RawValue(ScheduleJson.hoursJson(group.schedule().workHours())));
		view.put("create_datetime", time.format(group.createdAt()));
		view.put("alter_datetime", time.format(group.updatedAt()));
		return view;
	}

}
