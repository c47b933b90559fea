package io.calltask.agent;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.calltask.agent.internal.AgentKeyRepository;
import io.calltask.agent.internal.AgentRepository;
import io.calltask.agent.internal.KeyHash;
import io.calltask.time.DateTimes;

/** Creating agents and their first key. Keys are random (256 bits) and stored only as a hash. */
@Service
public class Agents {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final AgentRepository agents;

	private final AgentKeyRepository keys;

	private final DateTimes time;

	Agents(AgentRepository agents, AgentKeyRepository keys, DateTimes time) {
		this.agents = agents;
		this.keys = keys;
		this.time = time;
	}

	/** A fresh key: {@code ct_} and 43 base64url characters. */
	public static String newKey() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return "ct_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Creates an agent that authenticates with {@code key} (a full key named as the agent); returns its id. */
	@Transactional
	public UUID create(String name, String key) {
		UUID id = UUID.randomUUID();
		agents.insertAgent(id, name);
		keys.insert(KeyHash.of(key), id, new AgentKey(UUID.randomUUID(), name, prefix(key), KeyScope.FULL,
				time.nowForStorage(), null, null, null));
		return id;
	}

	/**
	 * The agent of {@code key}, creating one named {@code name} if no agent ever had that key. A key
	 * that was revoked stays revoked: its agent is answered, the key is not made usable again.
	 */
	@Transactional
	public UUID ensure(String name, String key) {
		String hash = KeyHash.of(key);
		Optional<UUID> existing = keys.agentOfKey(hash);
		existing.ifPresent(agent -> keys.fillPrefix(hash, prefix(key)));
		return existing.orElseGet(() -> create(name, key));
	}

	private static String prefix(String key) {
		return key.substring(0, Math.min(8, key.length()));
	}

}
