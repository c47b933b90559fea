package io.calltask.task;

import java.util.UUID;

/** Published inside the transaction of every task write; the dialer reacts to these. */
public record TaskChanged(UUID userId, UUID taskId, Change change) {

	public enum Change {
		CREATED, UPDATED, STARTED, PAUSED, DELETED
	}

}
