package io.calltask.agent.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.calltask.agent.AgentKey;
import io.calltask.agent.CallerAgent;
import io.calltask.agent.KeyScope;

/** The {@code agent_key} table, its change counter and the download tokens opened by its keys. */
@Repository
public class AgentKeyRepository {

	private static final String COLUMNS = "key_id, name, prefix, scope, created_at, last_used_at, expires_at, revoked_at";

	private final JdbcClient jdbc;

	AgentKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void insert(String keyHash, UUID agentId, AgentKey key) {
		jdbc.sql("INSERT INTO agent_key (key_hash, agent_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(keyHash, agentId, key.id(), key.name(), key.prefix(), key.scope().wire(), key.createdAt(),
					key.lastUsedAt(), key.expiresAt(), key.revokedAt())
			.update();
	}

	/** The agent of a key, revoked and expired keys included. */
	public Optional<UUID> agentOfKey(String keyHash) {
		return jdbc.sql("SELECT agent_id FROM agent_key WHERE key_hash = ?").param(keyHash).query(UUID.class).optional();
	}

	/** Keys from before keys were listed have no prefix; the bootstrap key's is known at start-up. */
	public void fillPrefix(String keyHash, String prefix) {
		jdbc.sql("UPDATE agent_key SET prefix = ? WHERE key_hash = ? AND prefix IS NULL").params(prefix, keyHash).update();
	}

	/** An unrevoked key and its agent; whether it has expired is the caller's to decide. */
	Optional<ActiveKey> unrevoked(String keyHash) {
		return jdbc.sql("""
				SELECT k.key_id, k.scope, k.expires_at, a.id, a.name FROM agent_key k JOIN agent a ON a.id = k.agent_id
				WHERE k.key_hash = ? AND k.revoked_at IS NULL""")
			.param(keyHash)
			.query((rs, n) -> {
				OffsetDateTime expires = rs.getObject(3, OffsetDateTime.class);
				return new ActiveKey(rs.getObject(1, UUID.class), KeyScope.ofWire(rs.getString(2)),
						expires == null ? Long.MAX_VALUE : expires.toInstant().toEpochMilli(),
						new CallerAgent(rs.getObject(4, UUID.class), rs.getString(5)));
			})
			.optional();
	}

	/** The agent's keys, newest first. */
	public List<AgentKey> list(UUID agentId) {
		return jdbc.sql("SELECT " + COLUMNS + " FROM agent_key WHERE agent_id = ? ORDER BY seq DESC")
			.param(agentId)
			.query((rs, n) -> key(rs))
			.list();
	}

	/** Holds the agent's row until the transaction ends, so that two revocations of one agent take turns. */
	public void lockAgent(UUID agentId) {
		jdbc.sql("SELECT id FROM agent WHERE id = ? FOR UPDATE").param(agentId).query(UUID.class).optional();
	}

	/** Revokes an unrevoked key and counts the change every instance watches. */
	public void revoke(UUID keyId, OffsetDateTime at) {
		jdbc.sql("UPDATE agent_key SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL").params(at, keyId).update();
		jdbc.sql("UPDATE agent_key_change SET changes = changes + 1 WHERE id = 1").update();
	}

	/** How many revocations there have been: a cheap read of one row. */
	long changes() {
		return jdbc.sql("SELECT changes FROM agent_key_change WHERE id = 1").query(Long.class).single();
	}

	/** Writes when keys were last used; never moves a time backwards (several instances write). */
	void markUsed(Map<UUID, OffsetDateTime> uses) {
		for (Map.Entry<UUID, OffsetDateTime> use : uses.entrySet()) {
			jdbc.sql("UPDATE agent_key SET last_used_at = :at WHERE key_id = :id AND (last_used_at IS NULL OR last_used_at < :at)")
				.param("at", use.getValue())
				.param("id", use.getKey())
				.update();
		}
	}

	private static AgentKey key(ResultSet rs) throws SQLException {
		return new AgentKey(rs.getObject("key_id", UUID.class), rs.getString("name"), rs.getString("prefix"),
				KeyScope.ofWire(rs.getString("scope")), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("last_used_at", OffsetDateTime.class), rs.getObject("expires_at", OffsetDateTime.class),
				rs.getObject("revoked_at", OffsetDateTime.class));
	}

	/** A key the filter may accept: its agent, its scope and when it expires (epoch ms, or never). */
	record ActiveKey(UUID keyId, KeyScope scope, long expiresAtMillis, CallerAgent agent) {
	}

}
