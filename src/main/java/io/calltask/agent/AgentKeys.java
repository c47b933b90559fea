package io.calltask.agent;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.calltask.agent.internal.ActiveKeys;
import io.calltask.agent.internal.AgentKeyRepository;
import io.calltask.agent.internal.KeyHash;
import io.calltask.api.ApiException;
import io.calltask.time.DateTimes;

/**
 * An agent's keys (API.md §11): listed, created (the key is answered once and stored as a hash) and
 * revoked. An agent always keeps one usable key: revoking the last is refused.
 */
@Service
public class AgentKeys {

	private final AgentKeyRepository keys;

	private final ActiveKeys active;

	private final DateTimes time;

	private final TransactionTemplate transactions;

	AgentKeys(AgentKeyRepository keys, ActiveKeys active, DateTimes time, PlatformTransactionManager transactionManager) {
		this.keys = keys;
		this.active = active;
		this.time = time;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Every key of the agent, revoked and expired ones included, newest first. */
	public List<AgentKey> list(UUID agentId) {
		return keys.list(agentId);
	}

	/** A new key; {@code expiresAt} null for one that does not expire. */
	public NewKey create(UUID agentId, String name, KeyScope scope, OffsetDateTime expiresAt) {
		String secret = Agents.newKey();
		AgentKey key = new AgentKey(UUID.randomUUID(), name, secret.substring(0, 8), scope, time.nowForStorage(), null,
				expiresAt, null);
		keys.insert(KeyHash.of(secret), agentId, key);
		return new NewKey(key, secret);
	}

	/**
	 * Revokes a key of the agent (a key already revoked stays as it was). It is refused here at once
	 * and on every other instance within a second.
	 * @throws ApiException.NotFound if the agent has no such key
	 * @throws ApiException.Conflict if it is the agent's last usable key
	 */
	public AgentKey revoke(UUID agentId, UUID keyId) {
		AgentKey revoked = transactions.execute(status -> {
			keys.lockAgent(agentId);
			List<AgentKey> all = keys.list(agentId);
			AgentKey key = all.stream().filter(k -> k.id().equals(keyId)).findFirst()
				.orElseThrow(() -> new ApiException.NotFound("密钥不存在"));
			OffsetDateTime now = time.nowForStorage();
			if (key.revokedAt() != null) {
				return key;
			}
			if (key.usableAt(now) && all.stream().noneMatch(k -> !k.id().equals(keyId) && k.usableAt(now))) {
				throw new ApiException.Conflict("key_id", "这是最后一个可用的密钥，不能停用；请先创建一个新密钥");
			}
			keys.revoke(keyId, now);
			return new AgentKey(key.id(), key.name(), key.prefix(), key.scope(), key.createdAt(), key.lastUsedAt(),
					key.expiresAt(), now);
		});
		active.forgetAll();
		return revoked;
	}

	/** A key just created: {@code secret} is shown once, to its creator, and never again. */
	public record NewKey(AgentKey key, String secret) {

		@Override
		public String toString() {
			return "NewKey[" + key + ", secret=…]";
		}

	}

}
