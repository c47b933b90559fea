package io.calltask.freeswitch.esl;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a connection waits before its next attempt: {@code min} doubled per failure in a row, at
 * most {@code max}, and then somewhere between half of that and all of it, so that clients cut off
 * together (a switch restart) do not all come back in the same instant. A success starts over at
 * {@code min}. No clock and no threads: the client schedules the delays it gets; used on one thread.
 */
final class ReconnectBackoff {

	/** Past this many doublings the delay is {@code max} anyway; the cap keeps the shift from overflowing. */
	private static final int MAX_DOUBLINGS = 20;

	private final long minMillis;

	private final long maxMillis;

	private final RandomGenerator random;

	private int failures;

	ReconnectBackoff(Duration min, Duration max, RandomGenerator random) {
		this.minMillis = Math.max(1, min.toMillis());
		this.maxMillis = max.toMillis();
		this.random = random;
	}

	/** Counts one more failure and says how long to wait before trying again. */
	Duration next() {
		failures++;
		long delay = Math.min(maxMillis, minMillis << Math.min(failures - 1, MAX_DOUBLINGS));
		return Duration.ofMillis(delay / 2 + random.nextLong(delay / 2 + 1));
	}

	/** Failures in a row since the last success. */
	int failures() {
		return failures;
	}

	/** A connection succeeded: the next failure waits {@code min} again. */
	void reset() {
		failures = 0;
	}

}
