package io.calltask.dialer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The dialer's rhythm: fast while busy, slow while idle, at once when woken. The idle tick here is
 * a minute, so any tick an idle test sees beyond the first came from a wake-up, never from time.
 */
class TickerTests {

	private static final Duration FAST = Duration.ofMillis(1);

	private static final Duration MINUTE = Duration.ofMinutes(1);

	@Test
	void anIdleEngineWaitsForItsIdleTickAndABusyOneKeepsTicking() throws Exception {
		AtomicInteger ticks = new AtomicInteger();
		AtomicBoolean busy = new AtomicBoolean(false);
		CountDownLatch tenBusyTicks = new CountDownLatch(10);
		Ticker ticker = new Ticker("t", () -> {
			ticks.incrementAndGet();
			if (busy.get()) {
				tenBusyTicks.countDown();
			}
		}, busy::get, FAST, MINUTE).start();
		try {
			waitFor(() -> ticks.get() >= 1);
			Thread.sleep(200);
			assertThat(ticks.get()).as("idle: the first tick only").isEqualTo(1);

			busy.set(true);
			ticker.wake();
			assertThat(tenBusyTicks.await(10, TimeUnit.SECONDS)).as("busy: it keeps ticking without wake-ups").isTrue();
		}
		finally {
			assertThat(ticker.stop(Duration.ofSeconds(5))).isTrue();
		}
	}

	@Test
	void aWakeUpBringsATickAtOnceAndNoneIsLost() throws Exception {
		AtomicInteger ticks = new AtomicInteger();
		Ticker ticker = new Ticker("t", ticks::incrementAndGet, () -> false, FAST, MINUTE).start();
		try {
			waitFor(() -> ticks.get() >= 1);
			for (int i = 2; i <= 50; i++) {
				int before = ticks.get();
				ticker.wake();
				waitFor(() -> ticks.get() > before);
			}
			assertThat(ticks.get()).isGreaterThanOrEqualTo(50);
		}
		finally {
			assertThat(ticker.stop(Duration.ofSeconds(5))).isTrue();
		}
	}

	@Test
	void workThatArrivesDuringATickIsSeenByBusyEvenBeforeTheWaitStarts() throws Exception {
		// A wake-up during the tick (before the idle flag is up) is not a permit; busy must see it.
		AtomicInteger ticks = new AtomicInteger();
		AtomicBoolean pending = new AtomicBoolean(true);
		Ticker ticker = new Ticker("t", () -> {
			ticks.incrementAndGet();
			pending.set(ticks.get() < 5); // the first four ticks each leave work for the next
		}, pending::get, FAST, MINUTE).start();
		try {
			waitFor(() -> ticks.get() >= 5);
			Thread.sleep(100);
			assertThat(ticks.get()).isEqualTo(5);
		}
		finally {
			assertThat(ticker.stop(Duration.ofSeconds(5))).isTrue();
		}
	}

	@Test
	void stopEndsAnIdleWaitAtOnce() throws Exception {
		Ticker ticker = new Ticker("t", () -> { }, () -> false, FAST, MINUTE).start();
		Thread.sleep(50);
		assertThat(ticker.stop(Duration.ofSeconds(5))).as("stopped within 5 s of a one-minute idle wait").isTrue();
	}

	private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
			Thread.sleep(1);
		}
	}

}
