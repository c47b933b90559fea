package io.calltask.agent.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.calltask.agent.CallerAgent;

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

	public void insertKey(String keyHash, UUID agentId, String label) {
		jdbc.sql("INSERT INTO agent_key (key_hash, agent_id, label, created_at) VALUES (?, ?, ?, ?)")
			.params(keyHash, agentId, label, OffsetDateTime.now(ZoneOffset.UTC))
			.update();
	}

	public Optional<CallerAgent> findByKeyHash(String keyHash) {
		return jdbc.sql("SELECT a.id, a.name FROM agent_key k JOIN agent a ON a.id = k.agent_id WHERE k.key_hash = ?")
			.param(keyHash)
			.query((rs, n) -> new CallerAgent(rs.getObject(1, UUID.class), rs.getString(2)))
			.optional();
	}

}
