package io.calltask.agent.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code agent} table; their keys are {@link AgentKeyRepository}'s. */
@Repository
public class AgentRepository {

	private final JdbcClient jdbc;

	AgentRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insertAgent(UUID id, String name) {
		jdbc.sql("INSERT INTO agent (id, name, created_at) VALUES (?, ?, ?)")
			.params(id, name, OffsetDateTime.now(ZoneOffset.UTC))
			.update();
	}

}
