package io.calltask.freeswitch.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each call's work in the order it came, off the caller's thread; a failure stays with its piece of work; close is orderly. */
class CallThreadsTests {

	private final CallThreads threads = new CallThreads(3);

	@AfterEach
	void close() {
		threads.close();
	}

	private static void await(CountDownLatch latch) throws InterruptedException {
		assertThat(latch.await(10, TimeUnit.SECONDS)).as("done in time").isTrue();
	}

	@Test
	void eachCallsWorkRunsInTheOrderItCameWhileCallsInterleave() throws InterruptedException {
		List<UUID> ids = new ArrayList<>();
		Map<UUID, List<Integer>> seen = new ConcurrentHashMap<>();
		for (int c = 0; c < 40; c++) {
			UUID id = UUID.randomUUID();
			ids.add(id);
			seen.put(id, new CopyOnWriteArrayList<>());
		}
		CountDownLatch done = new CountDownLatch(40 * 200);
		for (int i = 0; i < 200; i++) {
			int step = i;
			for (UUID id : ids) {
				threads.run(id, () -> {
					seen.get(id).add(step);
					done.countDown();
				});
			}
		}
		await(done);
		for (UUID id : ids) {
			assertThat(seen.get(id)).hasSize(200).isSorted();
		}
	}

	@Test
	void laterWorkRunsOnTheCallsOwnThread() throws InterruptedException {
		UUID id = UUID.randomUUID();
		List<String> names = new CopyOnWriteArrayList<>();
		CountDownLatch done = new CountDownLatch(2);
		threads.run(id, () -> {
			names.add(Thread.currentThread().getName());
			done.countDown();
		});
		threads.later(id, Duration.ofMillis(20), () -> {
			names.add(Thread.currentThread().getName());
			done.countDown();
		});
		await(done);
		assertThat(names).hasSize(2).allMatch(n -> n.equals(names.get(0)) && n.startsWith("freeswitch-events-"));
	}

	@Test
	void aFailureEndsOnlyItsOwnPieceOfWork() throws InterruptedException {
		UUID id = UUID.randomUUID();
		CountDownLatch after = new CountDownLatch(1);
		threads.run(id, () -> {
			throw new IllegalStateException("expected by the test");
		});
		threads.run(id, after::countDown);
		await(after);
	}

	@Test
	void closeFinishesWhatWasHandedOverThenTakesNothingMore() {
		UUID id = UUID.randomUUID();
		AtomicInteger ran = new AtomicInteger();
		for (int i = 0; i < 100; i++) {
			threads.run(id, ran::incrementAndGet);
		}
		threads.close();
		assertThat(ran.get()).isEqualTo(100);
		threads.run(id, ran::incrementAndGet);
		threads.later(id, Duration.ZERO, ran::incrementAndGet);
		assertThat(ran.get()).isEqualTo(100);
	}

}
