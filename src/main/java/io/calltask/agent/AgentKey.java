package io.calltask.agent;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A key of an agent as its owner sees it: never the key itself nor its hash. {@code prefix} (the
 * key's first 8 characters) is null for keys created before keys were listed.
 */
public record AgentKey(UUID id, String name, String prefix, KeyScope scope, OffsetDateTime createdAt,
		OffsetDateTime lastUsedAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt) {

	/** Neither revoked nor expired at {@code now}. */
	public boolean usableAt(OffsetDateTime now) {
		return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
	}

}
