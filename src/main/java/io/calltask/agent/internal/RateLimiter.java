package io.calltask.agent.internal;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per agent: {@code perSecond} requests on average, bursts up to {@code burst}.
 * A rate of 0 turns limiting off.
 */
final class RateLimiter {

	private final double perSecond;

	private final double burst;

	private final LongSupplier nanoTime;

	private final ConcurrentHashMap<UUID, Bucket> buckets = new ConcurrentHashMap<>();

	RateLimiter(double perSecond, double burst, LongSupplier nanoTime) {
		this.perSecond = perSecond;
		this.burst = Math.max(burst, perSecond);
		this.nanoTime = nanoTime;
	}

	boolean tryAcquire(UUID agent) {
		if (perSecond <= 0) {
			return true;
		}
		return buckets.computeIfAbsent(agent, a -> new Bucket(burst, nanoTime.getAsLong())).take();
	}

	private final class Bucket {

		private double tokens;

		private long last;

		Bucket(double tokens, long now) {
			this.tokens = tokens;
			this.last = now;
		}

		synchronized boolean take() {
			long now = nanoTime.getAsLong();
			tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
			last = now;
			if (tokens >= 1) {
				tokens -= 1;
				return true;
			}
			return false;
		}

	}

}
