package io.calltask.freeswitch.esl;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The reconnect delays: doubling per failure, capped, jittered by at most half, and back to the start after a success. */
class ReconnectBackoffTests {

	/** Always the shortest delay a step allows (no jitter added to its half). */
	private static final RandomGenerator LOWEST = () -> 0L;

	private static ReconnectBackoff backoff(long minMillis, long maxMillis, RandomGenerator random) {
		return new ReconnectBackoff(Duration.ofMillis(minMillis), Duration.ofMillis(maxMillis), random);
	}

	@Test
	void eachFailureInARowDoublesTheDelayUpToTheCap() {
		ReconnectBackoff backoff = backoff(500, 30_000, LOWEST);
		long[] halves = new long[9];
		for (int i = 0; i < halves.length; i++) {
			halves[i] = backoff.next().toMillis();
		}
		assertThat(halves).containsExactly(250, 500, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000);
		assertThat(backoff.failures()).isEqualTo(9);
	}

	@Test
	void everyDelayLiesBetweenHalfItsStepAndTheWholeStep() {
		ReconnectBackoff backoff = backoff(500, 30_000, new SplittableRandom(12));
		long step = 500;
		for (int i = 0; i < 40; i++) {
			assertThat(backoff.next().toMillis()).as("failure %d", i + 1).isBetween(step / 2, step);
			step = Math.min(30_000, step * 2);
		}
	}

	@Test
	void theJitterSpreadsClientsThatFailedTogether() {
		ReconnectBackoff backoff = backoff(1000, 1000, new SplittableRandom(7));
		long min = Long.MAX_VALUE;
		long max = Long.MIN_VALUE;
		for (int i = 0; i < 1000; i++) {
			long delay = backoff.next().toMillis();
			min = Math.min(min, delay);
			max = Math.max(max, delay);
		}
		assertThat(max - min).as("a spread over most of the half").isGreaterThan(400);
	}

	@Test
	void aSuccessStartsOverAtTheShortestDelay() {
		ReconnectBackoff backoff = backoff(100, 10_000, LOWEST);
		for (int i = 0; i < 5; i++) {
			backoff.next();
		}
		assertThat(backoff.next().toMillis()).isEqualTo(1600);
		backoff.reset();
		assertThat(backoff.failures()).isZero();
		assertThat(backoff.next().toMillis()).isEqualTo(50);
		assertThat(backoff.failures()).isEqualTo(1);
	}

	@Test
	void manyFailuresNeverOverflowTheDelay() {
		ReconnectBackoff backoff = backoff(500, 30_000, LOWEST);
		for (int i = 0; i < 10_000; i++) {
			backoff.next();
		}
		assertThat(backoff.next().toMillis()).isEqualTo(15_000);
	}

	@Test
	void aMinimumUnderAMillisecondCountsAsOne() {
		ReconnectBackoff backoff = backoff(0, 8, LOWEST);
		assertThat(backoff.next().toMillis()).isZero();
		assertThat(backoff.next().toMillis()).isEqualTo(1);
		assertThat(backoff.next().toMillis()).isEqualTo(2);
		assertThat(backoff.next().toMillis()).isEqualTo(4);
		assertThat(backoff.next().toMillis()).isEqualTo(4);
	}

}
