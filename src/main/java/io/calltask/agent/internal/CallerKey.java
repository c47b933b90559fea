package io.calltask.agent.internal;

import java.util.UUID;

import io.calltask.agent.KeyScope;

/** The key a request authenticated with (a controller parameter of the agent module's own routes). */
public record CallerKey(UUID id, String hash, KeyScope scope) {

	@Override
	public String toString() {
		return "CallerKey[" + id + ", " + scope + "]";
	}

}
