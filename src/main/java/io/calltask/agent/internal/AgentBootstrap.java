package io.calltask.agent.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import io.calltask.agent.Agents;

/**
 * At start-up, the agent of {@code AGENT_API_KEY} ({@code calltask.bootstrap.agent-api-key})
 * exists. Which keys may start the service at all is {@link AgentKeyCheck}'s, before this runs.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AgentBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AgentBootstrap.class);

	private final Agents agents;

	private final String key;

	AgentBootstrap(Agents agents, @Value("${calltask.bootstrap.agent-api-key:}") String key) {
		this.agents = agents;
		this.key = key == null ? "" : key.strip();
	}

	@Override
	public void run(ApplicationArguments args) {
		if (key.isEmpty()) {
			return;
		}
		agents.ensure("bootstrap", key);
		log.info("Agent of AGENT_API_KEY is ready");
	}

}
