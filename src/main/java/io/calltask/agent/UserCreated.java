package io.calltask.agent;

import java.util.UUID;

/** Published inside the transaction that creates a user, so other modules can set up per-user state. */
public record UserCreated(UUID agentId, UUID userId) {
}
