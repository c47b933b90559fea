package io.calltask.agent.internal;

import org.junit.jupiter.api.Test;

import io.calltask.agent.Agents;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** The agent of AGENT_API_KEY exists after start-up; without a key there is none. */
class AgentBootstrapTests {

	private static final String KEY = "0123456789abcdef0123456789abcdef";

	private final Agents agents = mock(Agents.class);

	@Test
	void theKeysAgentExistsAfterStartUp() {
		new AgentBootstrap(agents, " " + KEY + "\n").afterSingletonsInstantiated();
		verify(agents).ensure("bootstrap", KEY);
	}

	@Test
	void withoutAKeyNoAgentIsCreated() {
		new AgentBootstrap(agents, "").afterSingletonsInstantiated();
		verify(agents, never()).ensure(anyString(), anyString());
	}

}
