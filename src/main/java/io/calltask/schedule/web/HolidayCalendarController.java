package io.calltask.schedule.web;

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

import io.calltask.agent.CallerAgent;
import io.calltask.api.ApiResponse;
import io.calltask.api.Ids;
import io.calltask.api.PageRequest;
import io.calltask.schedule.HolidayCalendars;

/**
 * {@code /agent-api/holiday-calendar}: the calling agent's holiday calendars (docs/ROUTES.md), shared
 * by all its users' tasks. Another agent's calendar is a 404.
 */
@RestController
@RequestMapping(path = "/agent-api/holiday-calendar", produces = "application/json")
class HolidayCalendarController {

	private final HolidayCalendars calendars;

	HolidayCalendarController(HolidayCalendars calendars) {
		this.calendars = calendars;
	}

	@GetMapping
	ResponseEntity<Map<String, Object>> list(CallerAgent agent, @RequestParam(required = false) String page,
			@RequestParam(name = "per_page", required = false) String perPage) {
		PageRequest request = PageRequest.of(page, perPage);
		return ApiResponse.page("返回节假日日历列表成功", request, calendars.count(agent.id()),
				() -> calendars.page(agent.id(), request).stream().map(calendars::view).toList());
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<Map<String, Object>> create(CallerAgent agent, @RequestBody(required = false) JsonNode json) {
		return ApiResponse.created("创建节假日日历成功", calendars.view(calendars.create(agent.id(), json)));
	}

	@GetMapping("/{id}")
	ResponseEntity<Map<String, Object>> get(CallerAgent agent, @PathVariable String id) {
		return ApiResponse.ok("返回节假日日历成功", calendars.view(calendars.find(agent.id(), idOf(id))));
	}

	@PutMapping(path = "/{id}", consumes = "application/json")
	ResponseEntity<Map<String, Object>> update(CallerAgent agent, @PathVariable String id,
			@RequestBody(required = false) JsonNode json) {
		return ApiResponse.ok("更新节假日日历成功", calendars.view(calendars.update(agent.id(), idOf(id), json)));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Map<String, Object>> delete(CallerAgent agent, @PathVariable String id) {
		calendars.delete(agent.id(), idOf(id));
		return ApiResponse.ok("删除节假日日历成功", null);
	}

	private static long idOf(String id) {
		return Ids.longOr404(id, HolidayCalendars.NOT_FOUND);
	}

}
