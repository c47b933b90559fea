package io.calltask.agent.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * {@code last_used_datetime} without a write per request: {@link ActiveKeys} reports a key's use at
 * most once a minute, and the uses reported are written in one go every {@link #FLUSH_SECONDS}
 * seconds on the {@code agentKeyUseTimer} thread, off the request threads (and once more at
 * shutdown). The column is thus at most a minute and a few seconds behind.
 */
@Component
class KeyUses {

	private static final Logger log = LoggerFactory.getLogger(KeyUses.class);

	static final int FLUSH_SECONDS = 5;

	private final AgentKeyRepository keys;

	private final ConcurrentHashMap<UUID, Long> pending = new ConcurrentHashMap<>();

	KeyUses(AgentKeyRepository keys, @Qualifier("agentKeyUseTimer") ScheduledExecutorService timer) {
		this.keys = keys;
		timer.scheduleWithFixedDelay(this::flushQuietly, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
	}

	/** The key was used at {@code epochMillis}. */
	void used(UUID keyId, long epochMillis) {
		pending.merge(keyId, epochMillis, Math::max);
	}

	/** Writes the uses reported so far. */
	void flush() {
		if (pending.isEmpty()) {
			return;
		}
		Map<UUID, OffsetDateTime> uses = new HashMap<>();
		for (UUID key : pending.keySet()) {
			Long at = pending.remove(key);
			if (at != null) {
				uses.put(key, OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(at), ZoneOffset.UTC));
			}
		}
		keys.markUsed(uses);
	}

	private void flushQuietly() {
		try {
			flush();
		}
		catch (RuntimeException ex) {
			log.warn("Could not write when agent keys were last used: {}", ex.toString());
		}
	}

	/** Before the timer stops (it is a dependency, destroyed after this). */
	@PreDestroy
	void stop() {
		flushQuietly();
	}

}
