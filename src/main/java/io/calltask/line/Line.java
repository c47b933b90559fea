package io.calltask.line;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A caller line: where its calls go ({@code gateway} on FreeSWITCH {@code nodeId}) and its capacity. */
public record Line(UUID id, UUID userId, String name, String gateway, String nodeId, int cps, int limit,
		String callerNumber, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
