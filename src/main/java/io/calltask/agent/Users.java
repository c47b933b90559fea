package io.calltask.agent;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import io.calltask.api.DateTimes;
import io.calltask.api.PageRequest;
import io.calltask.agent.internal.UserRepository;

/** The users (customer accounts) of an agent. */
@Service
public class Users {

	private final UserRepository users;

	private final DateTimes time;

	Users(UserRepository users, DateTimes time) {
		this.users = users;
		this.time = time;
	}

	public User create(UUID agentId, String name) {
		return users.insert(UUID.randomUUID(), agentId, name, time.nowForStorage());
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
