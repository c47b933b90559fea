package io.calltask.agent.internal;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.SQLException;

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
 * exists. The documented demo key is refused on anything but the embedded database, so a
 * production deployment cannot be opened with a key that is printed in the README.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AgentBootstrap implements ApplicationRunner {

	/** The demo profile's key, shown in the README. */
	static final String DEMO_KEY = "ct_demo_key_do_not_use_in_production_0001";

	static final int MIN_KEY_LENGTH = 32;

	private static final Logger log = LoggerFactory.getLogger(AgentBootstrap.class);

	private final Agents agents;

	private final DataSource dataSource;

	private final String key;

	AgentBootstrap(Agents agents, DataSource dataSource,
			@Value("${calltask.bootstrap.agent-api-key:}") String key) {
		this.agents = agents;
		this.dataSource = dataSource;
		this.key = key == null ? "" : key.strip();
	}

	@Override
	public void run(ApplicationArguments args) throws SQLException {
		if (key.isEmpty()) {
			return;
		}
		if (DEMO_KEY.equals(key) && !embedded()) {
			throw new IllegalStateException("The demo API key is only allowed on the embedded database. "
					+ "Set AGENT_API_KEY to a random key of at least " + MIN_KEY_LENGTH + " characters "
					+ "(e.g. `openssl rand -hex 32`) and do not activate the demo profile.");
		}
		if (key.length() < MIN_KEY_LENGTH || key.chars().anyMatch(c -> c <= ' ' || c > '~')) {
			throw new IllegalStateException("AGENT_API_KEY must be at least " + MIN_KEY_LENGTH
					+ " printable ASCII characters without spaces (128 bits or more of randomness).");
		}
		agents.ensure("bootstrap", key);
		log.info("Agent of AGENT_API_KEY is ready");
	}

	private boolean embedded() throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getURL().startsWith("jdbc:h2:");
		}
	}

}
