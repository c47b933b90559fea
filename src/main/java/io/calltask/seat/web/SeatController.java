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
import io.calltask.seat.internal.SeatRepository;
import io.calltask.seat.internal.SeatService;

/** {@code …/seat}: seats (坐席) and their status (docs/ROUTES.md, "Seats and bridge groups"). */
@RestController
@RequestMapping(path = "/agent-api/new/user/{user_id}/seat", produces = "application/json")
class SeatController {

	private static final String NOT_FOUND = "坐席不存在";

	private final SeatService seats;

	SeatController(SeatService seats) {
		this.seats = seats;
	}

	@GetMapping
	ResponseEntity<Map<String, Object>> list(UserScope user, @RequestParam(required = false) String page,
			@RequestParam(name = "per_page", required = false) String perPage,
			@RequestParam(required = false) String status,
			@RequestParam(name = "group_id", required = false) String groupId) {
		PageRequest request = PageRequest.of(page, perPage);
		SeatRepository.Filter filter = seats.filter(status, groupId);
		return ApiResponse.page("返回坐席列表成功", request, seats.count(user.userId(), filter),
				() -> seats.page(user.userId(), filter, request).stream().map(seats::view).toList());
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<Map<String, Object>> create(UserScope user, @RequestBody(required = false) JsonNode json) {
		return ApiResponse.created("创建坐席成功", seats.view(seats.create(user.userId(), json)));
	}

	@GetMapping("/{seat_id}")
	ResponseEntity<Map<String, Object>> get(UserScope user, @PathVariable("seat_id") String id) {
		return ApiResponse.ok("返回坐席成功", seats.view(seats.find(user.userId(), Ids.longOr404(id, NOT_FOUND))));
	}

	@PutMapping(path = "/{seat_id}", consumes = "application/json")
	ResponseEntity<Map<String, Object>> update(UserScope user, @PathVariable("seat_id") String id,
			@RequestBody(required = false) JsonNode json) {
		return ApiResponse.ok("更新坐席成功",
				seats.view(seats.update(user.userId(), Ids.longOr404(id, NOT_FOUND), json)));
	}

	/** 签入示闲 / 小休示忙 / 签出. */
	@PutMapping(path = "/{seat_id}/status", consumes = "application/json")
	ResponseEntity<Map<String, Object>> status(UserScope user, @PathVariable("seat_id") String id,
			@RequestBody(required = false) JsonNode json) {
		return ApiResponse.ok("更新坐席状态成功",
				seats.view(seats.setStatus(user.userId(), Ids.longOr404(id, NOT_FOUND), json)));
	}

	@DeleteMapping("/{seat_id}")
	ResponseEntity<Map<String, Object>> delete(UserScope user, @PathVariable("seat_id") String id) {
		seats.delete(user.userId(), Ids.longOr404(id, NOT_FOUND));
		return ApiResponse.ok("删除坐席成功", null);
	}

}
