package io.calltask.dialer.engine;

import java.time.Instant;

/**
 * Calls-per-second pacing, two rules at once. Tokens accrue at {@code rate} per second; a refill
 * adds at most a quarter second's worth and at most that much carries over unspent, so a late
 * tick (a garbage collection, a slow commit) loses nothing, the long-run rate is exact, and a task coming back from idle does not fire a
 * second's worth of calls in one instant. And no one-second window ever holds more than {@code rate} originates: the instants of
 * the last {@code rate} originates are kept, and another is allowed only once the oldest of them
 * is a second old. The first rule paces, the second is the limit a carrier enforces.
 */
final class TokenBucket {

	private static final long SECOND = 1_000_000_000L;

	private double rate;

	private double carry;

	private double tokens;

	private long lastNanos;

	private boolean started;

	/** Instants (nanoseconds) of the last {@code recent.length} originates, oldest at {@code head}. */
	private long[] recent = new long[0];

	private int head;

	private int size;

	private long now;

	TokenBucket(double rate) {
		setRate(rate);
	}

	void setRate(double rate) {
		this.rate = rate;
		this.carry = Math.max(1.0, rate * 0.25);
		this.tokens = Math.min(tokens, carry);
		int window = Math.max(1, (int) Math.floor(rate));
		if (window != recent.length) {
			recent = new long[window];
			head = 0;
			size = 0;
		}
	}

	double rate() {
		return rate;
	}

	void refill(Instant at) {
		now = at.getEpochSecond() * SECOND + at.getNano();
		if (!started) {
			started = true;
			lastNanos = now;
			tokens = 1.0;
			return;
		}
		long elapsed = now - lastNanos;
		if (elapsed > 0) {
			tokens = Math.min(carry, tokens) + Math.min(carry, rate * elapsed / 1e9);
			lastNanos = now;
		}
	}

	/** A whole token (give or take floating-point dust) and room in the last second's window. */
	boolean available() {
		return tokens >= 1.0 - 1e-9 && (size < recent.length || recent[head] <= now - SECOND);
	}

	/** Spends a token at the instant of the last refill. */
	void take() {
		tokens -= 1.0;
		if (size < recent.length) {
			recent[(head + size) % recent.length] = now;
			size++;
		}
		else {
			recent[head] = now;
			head = (head + 1) % recent.length;
		}
	}

}
