package io.calltask.agent;

import java.util.UUID;

/**
 * A user of the calling agent, resolved from the {@code {user_id}} path variable. Declaring a
 * controller parameter of this type is the ownership check: a user that does not exist or
 * belongs to another agent never reaches the controller (404).
 */
public record UserScope(UUID agentId, UUID userId) {
}
