package io.calltask.seat;

import java.util.UUID;

/** What other modules ask of a user's bridge groups. */
public interface BridgeGroups {

	/** Whether {@code groupId} is a bridge group of {@code userId}. */
	boolean exists(UUID userId, long groupId);

}
