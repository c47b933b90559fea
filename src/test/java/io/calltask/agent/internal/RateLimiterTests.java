package io.calltask.agent.internal;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

	private final AtomicLong now = new AtomicLong();

	@Test
	void allowsTheBurstThenTheRatePerAgent() {
		RateLimiter limiter = new RateLimiter(10, 20, now::get);
		UUID agent = UUID.randomUUID();
		int allowed = 0;
		for (int i = 0; i < 100; i++) {
			allowed += limiter.tryAcquire(agent) ? 1 : 0;
		}
		assertThat(allowed).isEqualTo(20);
		assertThat(limiter.tryAcquire(UUID.randomUUID())).as("another agent has its own bucket").isTrue();

		now.addAndGet(500_000_000L);
		allowed = 0;
		for (int i = 0; i < 100; i++) {
			allowed += limiter.tryAcquire(agent) ? 1 : 0;
		}
		assertThat(allowed).as("half a second at 10/s").isEqualTo(5);
	}

	@Test
	void zeroTurnsLimitingOff() {
		RateLimiter limiter = new RateLimiter(0, 0, now::get);
		UUID agent = UUID.randomUUID();
		for (int i = 0; i < 10_000; i++) {
			assertThat(limiter.tryAcquire(agent)).isTrue();
		}
	}

}
