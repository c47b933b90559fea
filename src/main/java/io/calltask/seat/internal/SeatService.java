package io.calltask.seat.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

import io.calltask.api.ApiException;
import io.calltask.api.FieldErrors;
import io.calltask.api.JsonBody;
import io.calltask.api.PageRequest;
import io.calltask.seat.SeatCallState;
import io.calltask.seat.SeatStatus;
import io.calltask.seat.SeatsChanged;
import io.calltask.time.DateTimes;

/**
 * Seats as the API writes and shows them. Every write is one transaction that publishes
 * {@link SeatsChanged}; a seat is deleted only while its row, locked, shows no call.
 */
@Service
public class SeatService {

	static final String DEFAULT_CONTACT_TEMPLATE = "user/{extension}";

	private static final String NOT_FOUND = "坐席不存在";

	private final SeatRepository seats;

	private final DateTimes time;

	private final ApplicationEventPublisher events;

	/** {@code calltask.seats.contact-template}: a new seat's contact, {@code {extension}} replaced by its extension. */
	private final String contactTemplate;

	SeatService(SeatRepository seats, DateTimes time, ApplicationEventPublisher events,
			@Value("${calltask.seats.contact-template:}") String contactTemplate) {
		this.seats = seats;
		this.time = time;
		this.events = events;
		this.contactTemplate = contactTemplate.isBlank() ? DEFAULT_CONTACT_TEMPLATE : contactTemplate;
	}

	@Transactional
	public SeatRow create(UUID userId, JsonNode json) {
		SeatSettings seat = SeatInput.read(JsonBody.of(json), SeatSettings.DEFAULTS, true, contactTemplate);
		requireFreeExtension(userId, seat.extension(), 0);
		long id;
		try {
			id = seats.insert(userId, seat, time.nowForStorage());
		}
		catch (DuplicateKeyException ex) {
			throw extensionTaken(); // another request took it meanwhile
		}
		events.publishEvent(new SeatsChanged(userId));
		return find(userId, id);
	}

	/** The seat with the body's keys applied; absent keys are kept. */
	@Transactional
	public SeatRow update(UUID userId, long seatId, JsonNode json) {
		SeatRow current = seats.findForUpdate(userId, seatId).orElseThrow(SeatService::notFound);
		SeatSettings seat = SeatInput.read(JsonBody.of(json), current.settings(), false, contactTemplate);
		if (!seat.extension().equals(current.settings().extension())) {
			requireFreeExtension(userId, seat.extension(), seatId);
		}
		try {
			seats.update(seatId, seat, time.nowForStorage());
		}
		catch (DuplicateKeyException ex) {
			throw extensionTaken();
		}
		events.publishEvent(new SeatsChanged(userId));
		return find(userId, seatId);
	}

	/** What people set: {@code {"status":"idle"|"break"|"offline"}}; the reason is cleared. */
	@Transactional
	public SeatRow setStatus(UUID userId, long seatId, JsonNode json) {
		find(userId, seatId);
		JsonBody body = JsonBody.of(json);
		String text = body.hasValue("status") ? body.string("status", 16) : null;
		SeatStatus status = SeatStatus.of(text);
		if (status == null && !body.errors().has("status")) {
			body.errors().add("status", "必须是 idle（签入示闲）、break（小休示忙）或 offline（签出）");
		}
		body.throwIfInvalid();
		seats.setStatus(seatId, status, time.nowForStorage());
		events.publishEvent(new SeatsChanged(userId));
		return find(userId, seatId);
	}

	/** Deletes a seat whose {@code call_state} is {@code free}, checked on its locked row; a 409 otherwise. */
	@Transactional
	public void delete(UUID userId, long seatId) {
		SeatRow seat = seats.findForUpdate(userId, seatId).orElseThrow(SeatService::notFound);
		if (seat.callState() != SeatCallState.FREE) {
			throw new ApiException.Conflict("call_state",
					"坐席当前 call_state 为 " + seat.callState().json() + "，通话结束（free）后才能删除");
		}
		seats.delete(seatId);
		events.publishEvent(new SeatsChanged(userId));
	}

	@Transactional(readOnly = true)
	public SeatRow find(UUID userId, long seatId) {
		return seats.find(userId, seatId).orElseThrow(SeatService::notFound);
	}

	/** A list's filters from the query: {@code status} one of the statuses, {@code group_id} a group id. */
	public SeatRepository.Filter filter(String status, String groupId) {
		FieldErrors errors = new FieldErrors();
		SeatStatus wanted = null;
		if (status != null && !status.isEmpty()) {
			wanted = SeatStatus.of(status);
			if (wanted == null) {
				errors.add("status", "必须是 idle、break 或 offline");
			}
		}
		Long group = null;
		if (groupId != null && !groupId.isEmpty()) {
			if (groupId.matches("[1-9][0-9]{0,17}")) {
				group = Long.parseLong(groupId);
			}
			else {
				errors.add("group_id", "必须是转接组 id（正整数）");
			}
		}
		errors.throwIfAny();
		return new SeatRepository.Filter(wanted, group);
	}

	public long count(UUID userId, SeatRepository.Filter filter) {
		return seats.count(userId, filter);
	}

	public List<SeatRow> page(UUID userId, SeatRepository.Filter filter, PageRequest page) {
		return seats.page(userId, filter, page);
	}

	public Map<String, Object> view(SeatRow seat) {
		LocalDate today = LocalDate.ofInstant(time.now(), time.zone());
		SeatSettings s = seat.settings();
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("seat_id", seat.id());
		view.put("name", s.name());
		view.put("extension", s.extension());
		view.put("contact", s.contact());
		view.put("wrap_up_seconds", s.wrapUpSeconds());
		view.put("max_no_answer", s.maxNoAnswer());
		view.put("status", seat.presence().status().json());
		view.put("status_reason", seat.presence().reason());
		view.put("status_datetime", time.format(seat.presence().at()));
		view.put("call_state", seat.callState().json());
		view.put("group_ids", seat.groupIds());
		view.put("calls_today", seat.day().callsOn(today));
		view.put("talk_seconds_today", seat.day().talkSecondsOn(today));
		view.put("create_datetime", time.format(seat.createdAt()));
		view.put("alter_datetime", time.format(seat.updatedAt()));
		return view;
	}

	private void requireFreeExtension(UUID userId, String extension, long exceptId) {
		if (seats.extensionTaken(userId, extension, exceptId)) {
			throw extensionTaken();
		}
	}

	private static ApiException extensionTaken() {
		return new ApiException.Invalid("extension", "分机号已被该用户的其他坐席使用");
	}

	private static ApiException notFound() {
		return new ApiException.NotFound(NOT_FOUND);
	}

}
