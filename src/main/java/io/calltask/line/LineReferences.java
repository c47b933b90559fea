package io.calltask.line;

import java.util.UUID;

/**
 * What still uses a user's line: implemented by the modules that refer to lines (tasks dial
 * through them), asked by {@link Lines#delete} inside its transaction. The line module does not
 * know who uses its lines; a line in use is not deleted.
 */
public interface LineReferences {

	/** How many live tasks of the user use the line. */
	long count(UUID userId, UUID lineId);

}
