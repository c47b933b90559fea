package io.calltask.agent.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.calltask.agent.Agents;

/**
 * The agent of {@code AGENT_API_KEY} ({@code calltask.bootstrap.agent-api-key}) exists before the
 * service accepts requests: this runs once every singleton is made (Flyway has migrated, since
 * {@link Agents} needs the database) and before the web server opens its port, so a client that
 * sends at once is never refused. The key is listed as {@code bootstrap}; once revoked it stays
 * revoked. Which keys may start the service at all is {@link AgentKeyCheck}'s, before this runs.
 */
@Component
class AgentBootstrap implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(AgentBootstrap.class);

	private final Agents agents;

	private final String key;

	AgentBootstrap(Agents agents, @Value("${calltask.bootstrap.agent-api-key:}") String key) {
		this.agents = agents;
		this.key = key == null ? "" : key.strip();
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (key.isEmpty()) {
			return;
		}
		agents.ensure("bootstrap", key);
		log.info("Agent of AGENT_API_KEY is ready");
	}

}
