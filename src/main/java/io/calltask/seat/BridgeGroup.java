package io.calltask.seat;

import java.util.List;
import java.util.UUID;

/**
 * A bridge group (转接组) as the dialer reads it: its seats in the group's order, how it picks among
 * them, how long a seat rings before it is a miss, how long a customer waits for a seat at most.
 */
public record BridgeGroup(long id, UUID userId, String name, List<Long> seatIds, GroupStrategy strategy,
		int ringTimeoutSeconds, int maxWaitSeconds) {

	public BridgeGroup {
		seatIds = List.copyOf(seatIds);
	}

}
