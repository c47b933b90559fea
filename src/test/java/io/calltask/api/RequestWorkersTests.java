package io.calltask.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The request workers: requests beyond the parallelism wait, and a blocked request gets company. */
class RequestWorkersTests {

	private RequestWorkers.Pool pool;

	@AfterEach
	void stop() throws InterruptedException {
		pool.shutdown();
		assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void noMoreRequestsRunAtOnceThanTheParallelism() throws Exception {
		pool = new RequestWorkers.Pool(2, 50, Duration.ofSeconds(30));
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		List<Future<?>> done = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			done.add(pool.submit(() -> {
				most.accumulateAndGet(running.incrementAndGet(), Math::max);
				sleep(2);
				running.decrementAndGet();
			}));
		}
		for (Future<?> f : done) {
			f.get(10, TimeUnit.SECONDS);
		}
		assertThat(most.get()).isEqualTo(2);
		assertThat(pool.getLargestPoolSize()).isEqualTo(2);
	}

	@Test
	void aBlockedRequestDoesNotHoldTheOthersBack() throws Exception {
		pool = new RequestWorkers.Pool(1, 50, Duration.ofMillis(20));
		CountDownLatch release = new CountDownLatch(1);
		Future<?> blocked = pool.submit(() -> await(release)); // a CSV import streaming its body, say
		Future<?> next = pool.submit(() -> {
		});
		next.get(10, TimeUnit.SECONDS); // without the watchdog it would wait for the blocked one
		assertThat(blocked.isDone()).isFalse();
		assertThat(pool.getCorePoolSize()).isEqualTo(2);

		release.countDown();
		blocked.get(10, TimeUnit.SECONDS);
		assertThat(eventually(() -> pool.getCorePoolSize() == 1 && pool.getPoolSize() == 1))
			.as("back to one worker, was %d of %d", pool.getPoolSize(), pool.getCorePoolSize())
			.isTrue();
	}

	@Test
	void thePoolGrowsNoFurtherThanTheThreadLimit() throws Exception {
		pool = new RequestWorkers.Pool(1, 3, Duration.ofMillis(20));
		CountDownLatch release = new CountDownLatch(1);
		List<Future<?>> blocked = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			blocked.add(pool.submit(() -> await(release)));
		}
		assertThat(eventually(() -> pool.getPoolSize() == 3)).isTrue();
		sleep(100);
		assertThat(pool.getPoolSize()).isEqualTo(3);
		assertThat(pool.getQueue()).hasSize(2);
		release.countDown();
		for (Future<?> f : blocked) {
			f.get(10, TimeUnit.SECONDS);
		}
	}

	private static boolean eventually(BooleanSupplier condition) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			sleep(5);
		}
		return true;
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
