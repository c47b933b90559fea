package io.calltask.agent;

import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.calltask.agent.internal.UserRepository;
import io.calltask.api.PageRequest;
import io.calltask.time.DateTimes;

/** The users (customer accounts) of an agent. */
@Service
public class Users {

	private final UserRepository users;

	private final DateTimes time;

	private final ApplicationEventPublisher events;

	Users(UserRepository users, DateTimes time, ApplicationEventPublisher events) {
		this.users = users;
		this.time = time;
		this.events = events;
	}

	@Transactional
	public User create(UUID agentId, String name) {
		return create(agentId, UUID.randomUUID(), name);
	}

	/** A user with a chosen id (the demo data uses a fixed one). */
	@Transactional
	public User create(UUID agentId, UUID userId, String name) {
		User user = users.insert(userId, agentId, name, time.nowForStorage());
		events.publishEvent(new UserCreated(agentId, userId));
		return user;
	}

	public boolean exists(UUID userId) {
		return users.ownerOf(userId).isPresent();
	}

	/** The agent a user belongs to; empty for no such user. */
	public java.util.Optional<UUID> agentOf(UUID userId) {
		return users.ownerOf(userId);
	}

	public long count(UUID agentId) {
		return users.count(agentId);
	}

	public List<User> page(UUID agentId, PageRequest page) {
		return users.page(agentId, page);
	}

	/** A user as the API shows it. */
	public record User(UUID id, String name, java.time.OffsetDateTime createdAt) {
	}

}
