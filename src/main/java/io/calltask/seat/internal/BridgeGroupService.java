package io.calltask.seat.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

import io.calltask.api.ApiException;
import io.calltask.api.JsonBody;
import io.calltask.api.PageRequest;
import io.calltask.seat.GroupReferences;
import io.calltask.seat.SeatActivity;
import io.calltask.seat.SeatsChanged;
import io.calltask.time.DateTimes;

/**
 * Bridge groups as the API writes and shows them. Every write is one transaction that publishes
 * {@link SeatsChanged}; a group a live task uses ({@link GroupReferences}) is not deleted.
 */
@Service
public class BridgeGroupService {

	private static final String NOT_FOUND = "转接组不存在";

	private final BridgeGroupRepository groups;

	private final SeatRepository seats;

	private final DateTimes time;

	private final ApplicationEventPublisher events;

	private final ObjectProvider<GroupReferences> references;

	BridgeGroupService(BridgeGroupRepository groups, SeatRepository seats, DateTimes time,
			ApplicationEventPublisher events, ObjectProvider<GroupReferences> references) {
		this.groups = groups;
		this.seats = seats;
		this.time = time;
		this.events = events;
		this.references = references;
	}

	@Transactional
	public GroupRow create(UUID userId, JsonNode json) {
		GroupSettings group = GroupInput.read(JsonBody.of(json), GroupSettings.DEFAULTS, true,
				ids -> seats.owned(userId, ids));
		long id;
		try {
			id = groups.insert(userId, group, time.nowForStorage());
		}
		catch (DataIntegrityViolationException ex) {
			throw seatGone(); // a seat deleted meanwhile
		}
		events.publishEvent(new SeatsChanged(userId));
		return find(userId, id);
	}

	/** The group with the body's keys applied; absent keys are kept, {@code seat_ids} given replaces the seats. */
	@Transactional
	public GroupRow update(UUID userId, long groupId, JsonNode json) {
		if (!groups.lock(userId, groupId)) {
			throw notFound();
		}
		JsonBody body = JsonBody.of(json);
		GroupSettings group = GroupInput.read(body, find(userId, groupId).settings(), false,
				ids -> seats.owned(userId, ids));
		try {
			groups.update(groupId, group, body.has("seat_ids"), time.nowForStorage());
		}
		catch (DataIntegrityViolationException ex) {
			throw seatGone();
		}
		events.publishEvent(new SeatsChanged(userId));
		return find(userId, groupId);
	}

	/** Deletes a group no live task uses (asked on its locked row); a 409 on {@code bridge_group_id} otherwise. */
	@Transactional
	public void delete(UUID userId, long groupId) {
		if (!groups.lock(userId, groupId)) {
			throw notFound();
		}
		long users = references.orderedStream().mapToLong(r -> r.count(userId, groupId)).sum();
		if (users > 0) {
			throw new ApiException.Conflict("bridge_group_id",
					"转接组正在被 " + users + " 个任务使用，请先修改或删除这些任务");
		}
		groups.delete(groupId);
		events.publishEvent(new SeatsChanged(userId));
	}

	@Transactional(readOnly = true)
	public GroupRow find(UUID userId, long groupId) {
		return groups.find(userId, groupId).orElseThrow(BridgeGroupService::notFound);
	}

	public long count(UUID userId) {
		return groups.count(userId);
	}

	public List<GroupRow> page(UUID userId, PageRequest page) {
		return groups.page(userId, page);
	}

	public Map<String, Object> view(GroupRow group) {
		GroupSettings g = group.settings();
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("bridge_group_id", group.id());
		view.put("name", g.name());
		view.put("seat_ids", g.seatIds());
		view.put("strategy", g.strategy().json());
		view.put("ring_timeout_seconds", g.ringTimeoutSeconds());
		view.put("max_wait_seconds", g.maxWaitSeconds());
		Map<String, Object> stats = new LinkedHashMap<>();
		for (SeatActivity activity : SeatActivity.values()) {
			stats.put(activity.json(), group.stats().count(activity));
		}
		stats.put("waiting", group.stats().waiting());
		view.put("stats", stats);
		view.put("create_datetime", time.format(group.createdAt()));
		view.put("alter_datetime", time.format(group.updatedAt()));
		return view;
	}

	private static ApiException seatGone() {
		return new ApiException.Invalid("seat_ids", "坐席不存在（已被删除）");
	}

	private static ApiException notFound() {
		return new ApiException.NotFound(NOT_FOUND);
	}

}
