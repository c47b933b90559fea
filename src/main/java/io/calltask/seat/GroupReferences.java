package io.calltask.seat;

import java.util.UUID;

/**
 * What still uses a user's bridge group: implemented by the modules that refer to groups (a task's
 * {@code bridge_group_id}), asked inside the group's delete transaction; a group in use is not deleted (409).
 */
public interface GroupReferences {

	/** How many live tasks of the user use the group. */
	long count(UUID userId, long groupId);

}
