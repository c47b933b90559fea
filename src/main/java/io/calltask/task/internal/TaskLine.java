package io.calltask.task.internal;

import java.util.UUID;

/** A line a task dials through; {@code limit} is the task's share of it, null for the line's own limit. */
record TaskLine(UUID lineId, Integer limit) {
}
