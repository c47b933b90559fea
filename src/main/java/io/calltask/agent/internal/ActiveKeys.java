package io.calltask.agent.internal;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

import io.calltask.agent.internal.AgentKeyRepository.ActiveKey;

/**
 * The keys this instance accepts, by hash. A key once looked up is remembered, and checked on every
 * request against the clock (expiry) and against the database's count of revocations, which is read
 * at most every {@link #CHECK_MILLIS} ms by whichever request comes first, all others going on with
 * the value known: a key revoked on any instance is refused here within that time plus one query,
 * while a request costs a map look-up and two reads of the clock. A key remembered under an older
 * count is looked up again (the count noted is the one known <em>before</em> the look-up, so a
 * revocation that raced with it is never missed).
 */
@Component
public class ActiveKeys {

	static final long CHECK_MILLIS = 250;

	private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS);

	/** A use is reported to {@link KeyUses} at most this often per key. */
	private static final long USE_REPORT_MILLIS = 60_000;

	private static final int LIMIT = 100_000;

	private final AgentKeyRepository keys;

	private final KeyUses uses;

	private final Clock clock;

	private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();

	private final AtomicBoolean checking = new AtomicBoolean();

	private volatile long changes = Long.MIN_VALUE;

	private volatile long checkedAt;

	ActiveKeys(AgentKeyRepository keys, KeyUses uses, Clock clock) {
		this.keys = keys;
		this.uses = uses;
		this.clock = clock;
	}

	/** The key of this hash if it is neither revoked nor expired; its use is noted. */
	Optional<ActiveKey> accept(String keyHash) {
		long known = changes();
		Remembered entry = remembered.get(keyHash);
		if (entry == null || entry.changes != known) {
			Optional<ActiveKey> loaded = keys.unrevoked(keyHash);
			if (loaded.isEmpty()) {
				remembered.remove(keyHash);
				return Optional.empty();
			}
			if (remembered.size() >= LIMIT) {
				remembered.clear();
			}
			entry = new Remembered(loaded.get(), known);
			remembered.put(keyHash, entry);
		}
		long now = clock.millis();
		if (now >= entry.key.expiresAtMillis()) {
			return Optional.empty();
		}
		if (now - entry.reportedAt >= USE_REPORT_MILLIS) {
			entry.reportedAt = now;
			uses.used(entry.key.keyId(), now);
		}
		return Optional.of(entry.key);
	}

	/** The count of revocations, read again if the last read is older than {@link #CHECK_MILLIS}. */
	private long changes() {
		long now = System.nanoTime();
		if ((changes == Long.MIN_VALUE || now - checkedAt >= CHECK_NANOS) && checking.compareAndSet(false, true)) {
			try {
				changes = keys.changes();
				checkedAt = now;
			}
			finally {
				checking.set(false);
			}
		}
		return changes;
	}

	/** Forgets every key (this instance revoked one): the next request of each looks it up. */
	public void forgetAll() {
		checkedAt = System.nanoTime() - CHECK_NANOS;
		remembered.clear();
	}

	private static final class Remembered {

		final ActiveKey key;

		final long changes;

		/** When a use was last reported; a race reports twice, which is harmless. */
		volatile long reportedAt = Long.MIN_VALUE / 2;

		Remembered(ActiveKey key, long changes) {
			this.key = key;
			this.changes = changes;
		}

	}

}
