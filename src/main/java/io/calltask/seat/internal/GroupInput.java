package io.calltask.seat.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;

import io.calltask.api.JsonBody;
import io.calltask.seat.GroupStrategy;

/**
 * Reads a bridge group's writable keys onto a base group; on create, {@code name} is required. Every
 * id of {@code seat_ids} must be a seat of the group's user ({@code owned} answers which are).
 */
final class GroupInput {

	static final int MAX_SEATS = 1000;

	private GroupInput() {
	}

	static GroupSettings read(JsonBody body, GroupSettings base, boolean create,
			Function<List<Long>, Set<Long>> owned) {
		String name = create || body.has("name") ? body.requiredName("name", 100) : base.name();
		List<Long> seatIds = body.has("seat_ids") ? seatIds(body, owned) : base.seatIds();
		GroupStrategy strategy = base.strategy();
		if (body.hasValue("strategy")) {
			String text = body.string("strategy", 32);
			strategy = GroupStrategy.of(text);
			if (strategy == null && text != null) {
				body.errors().add("strategy", "必须是 longest_idle、top_down、fewest_calls 或 random");
			}
		}
		Integer ringTimeout = body.integer("ring_timeout_seconds", 5, 300);
		Integer maxWait = body.integer("max_wait_seconds", 0, 3600);
		body.throwIfInvalid();
		return new GroupSettings(name, seatIds, strategy != null ? strategy : GroupSettings.DEFAULTS.strategy(),
				ringTimeout != null ? ringTimeout : base.ringTimeoutSeconds(),
				maxWait != null ? maxWait : base.maxWaitSeconds());
	}

	/** Seat ids in the order given (the group's order), no repeats; null or [] for none. */
	private static List<Long> seatIds(JsonBody body, Function<List<Long>, Set<Long>> owned) {
		JsonNode node = body.node("seat_ids");
		if (node.isNull()) {
			return List.of();
		}
		if (!node.isArray() || node.size() > MAX_SEATS) {
			body.errors().add("seat_ids", "必须是不超过 " + MAX_SEATS + " 项的坐席 id 数组");
			return List.of();
		}
		Set<Long> ids = new LinkedHashSet<>();
		for (int i = 0; i < node.size(); i++) {
			JsonNode item = node.get(i);
			if (!item.isIntegralNumber() || !item.canConvertToLong() || item.longValue() < 1) {
				body.errors().add("seat_ids", "第 " + (i + 1) + " 项：必须是坐席 id（正整数）");
			}
			else if (!ids.add(item.longValue())) {
				body.errors().add("seat_ids", "第 " + (i + 1) + " 项：坐席重复");
			}
		}
		List<Long> list = new ArrayList<>(ids);
		Set<Long> found = owned.apply(list);
		for (Long id : list) {
			if (!found.contains(id)) {
				body.errors().add("seat_ids", "坐席不存在：" + id);
			}
		}
		return list;
	}

}
