package io.calltask.catalog;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A 话术组: the bot script that answers a task's calls ({@code destination_extension}). */
public record BotGroup(long id, UUID userId, String name, boolean isDefault, OffsetDateTime createdAt,
		OffsetDateTime updatedAt) {
}
