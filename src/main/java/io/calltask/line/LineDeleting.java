package io.calltask.line;

import java.util.UUID;

/**
 * Published synchronously inside the transaction that is about to delete a line. A listener
 * that still needs the line (a task dialing through it) throws {@code ApiException.Invalid}:
 * the delete is then refused with that 422 and nothing changes. The line module does not know
 * who uses its lines.
 */
public record LineDeleting(UUID userId, UUID lineId) {
}
