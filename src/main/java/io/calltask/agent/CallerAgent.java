package io.calltask.agent;

import java.util.UUID;

/** The agent a request authenticated as. */
public record CallerAgent(UUID id, String name) {
}
