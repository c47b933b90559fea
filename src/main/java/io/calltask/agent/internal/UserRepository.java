package io.calltask.agent.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.calltask.agent.Users.User;
import io.calltask.api.PageRequest;

@Repository
public class UserRepository {

	/** A user never changes agent, so who owns it can be remembered; bounded by a reset. */
	private static final int OWNER_CACHE_LIMIT = 200_000;

	private final ConcurrentHashMap<UUID, UUID> ownerCache = new ConcurrentHashMap<>();

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public User insert(UUID id, UUID agentId, String name, OffsetDateTime now) {
		jdbc.sql("INSERT INTO app_user (id, agent_id, name, created_at) VALUES (?, ?, ?, ?)")
			.params(id, agentId, name, now)
			.update();
		return new User(id, name, now);
	}

	public Optional<UUID> ownerOf(UUID userId) {
		UUID cached = ownerCache.get(userId);
		if (cached != null) {
			return Optional.of(cached);
		}
		Optional<UUID> owner = jdbc.sql("SELECT agent_id FROM app_user WHERE id = ?")
			.param(userId)
			.query(UUID.class)
			.optional();
		owner.ifPresent(agent -> {
			if (ownerCache.size() >= OWNER_CACHE_LIMIT) {
				ownerCache.clear();
			}
			ownerCache.put(userId, agent);
		});
		return owner;
	}

	public long count(UUID agentId) {
		return jdbc.sql("SELECT count(*) FROM app_user WHERE agent_id = ?").param(agentId).query(Long.class).single();
	}

	public List<User> page(UUID agentId, PageRequest page) {
		return jdbc.sql("SELECT id, name, created_at FROM app_user WHERE agent_id = ? ORDER BY seq DESC LIMIT ? OFFSET ?")
			.params(agentId, page.perPage(), page.offset())
			.query((rs, n) -> new User(rs.getObject(1, UUID.class), rs.getString(2),
					rs.getObject(3, OffsetDateTime.class)))
			.list();
	}

}
