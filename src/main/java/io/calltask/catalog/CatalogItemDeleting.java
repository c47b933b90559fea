package io.calltask.catalog;

import java.util.UUID;

/**
 * Published synchronously inside the transaction that is about to delete a catalog item. A
 * listener that still needs it (a task using it) throws {@code ApiException.Invalid}: the delete
 * is then refused with that 422 and nothing changes. {@code id} is the item's id as text.
 */
public record CatalogItemDeleting(UUID userId, Kind kind, String id) {

	public enum Kind {
		GROUP, RECYCLE_RULE, LLM_INTENTION, BACKGROUND
	}

}
