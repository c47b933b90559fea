package io.calltask.seat.internal;

import java.util.List;

import io.calltask.seat.GroupStrategy;

/**
 * What the API writes of a bridge group: its name, its seats in the group's order (for
 * {@code top_down}), how it picks a free seat, how long a seat rings, how long a customer waits at most.
 */
public record GroupSettings(String name, List<Long> seatIds, GroupStrategy strategy, int ringTimeoutSeconds,
		int maxWaitSeconds) {

	static final GroupSettings DEFAULTS = new GroupSettings(null, List.of(), GroupStrategy.LONGEST_IDLE, 20, 30);

	public GroupSettings {
		seatIds = List.copyOf(seatIds);
	}

}
