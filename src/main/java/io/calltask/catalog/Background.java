package io.calltask.catalog;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A 背景音: a sound played under the bot's voice. */
public record Background(long id, UUID userId, String name, String url, OffsetDateTime createdAt,
		OffsetDateTime updatedAt) {
}
