package io.calltask.dialer.internal;

import java.time.Instant;

/**
 * Calls-per-second pacing: tokens accrue at {@code rate} per second up to a small burst, so that
 * every one-second window sees {@code rate} originates give or take one tick's worth.
 */
final class TokenBucket {

	private double rate;

	private double burst;

	private double tokens;

	private long lastNanos;

	private boolean started;

	TokenBucket(double rate) {
		setRate(rate);
	}

	void setRate(double rate) {
		this.rate = rate;
		// 20 ms of tokens, at least one: enough to absorb tick jitter, too little to burst.
		this.burst = Math.max(1.0, rate * 0.02);
		this.tokens = Math.min(tokens, burst);
	}

	double rate() {
		return rate;
	}

	void refill(Instant now) {
		long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
		if (!started) {
			started = true;
			lastNanos = nanos;
			tokens = Math.min(1.0, burst);
			return;
		}
		long elapsed = nanos - lastNanos;
		if (elapsed > 0) {
			tokens = Math.min(burst, tokens + rate * elapsed / 1e9);
			lastNanos = nanos;
		}
	}

	/** At least one whole token (give or take floating-point dust: 10 × 0.1 is 0.9999…). */
	boolean available() {
		return tokens >= 1.0 - 1e-9;
	}

	void take() {
		tokens -= 1.0;
	}

}
