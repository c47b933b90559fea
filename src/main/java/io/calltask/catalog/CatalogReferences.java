package io.calltask.catalog;

import java.util.UUID;

/**
 * What still uses a user's catalog item: implemented by the modules that refer to them (tasks),
 * asked before a delete inside its transaction. The catalog does not know who uses its items; an
 * item in use is not deleted.
 */
public interface CatalogReferences {

	/** The kinds of item; the id of a recycle rule is a UUID, the others' a Long. */
	enum Kind {
		GROUP, RECYCLE_RULE, LLM_INTENTION, BACKGROUND
	}

	/** How many live tasks of the user use the item. */
	long count(UUID userId, Kind kind, Object id);

}
