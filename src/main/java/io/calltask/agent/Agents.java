package io.calltask.agent;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.calltask.agent.internal.AgentRepository;
import io.calltask.agent.internal.KeyHash;

/** Creating agents and their keys. Keys are random (256 bits) and stored only as a hash. */
@Service
public class Agents {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final AgentRepository agents;

	Agents(AgentRepository agents) {
		this.agents = agents;
	}

	/** A fresh key: {@code ct_} and 43 base64url characters. */
	public static String newKey() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return "ct_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Creates an agent that authenticates with {@code key}; returns its id. */
	@Transactional
	public UUID create(String name, String key) {
		UUID id = UUID.randomUUID();
		agents.insertAgent(id, name);
		agents.insertKey(KeyHash.of(key), id, "created with agent");
		return id;
	}

	/** The agent of {@code key}, creating one named {@code name} if none has that key. */
	@Transactional
	public UUID ensure(String name, String key) {
		Optional<CallerAgent> existing = agents.findByKeyHash(KeyHash.of(key));
		return existing.map(CallerAgent::id).orElseGet(() -> create(name, key));
	}

}
