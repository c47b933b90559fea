package io.calltask.dialer.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Node ids on the real database (H2 and PostgreSQL): the id of an instance that beats is refused,
 * one that stopped beating or stopped cleanly is free, and of two processes taking one id at the same
 * moment exactly one gets it.
 */
@SpringBootTest
@ActiveProfiles("test")
class NodeRegistryIntegrationTests {

	private static final Duration RECENT = Duration.ofSeconds(30);

	private static final Duration WATCH = Duration.ofMillis(600);

	@Autowired
	DataSource dataSource;

	private NodeRegistry registry() {
		return new NodeRegistry(JdbcClient.create(dataSource));
	}

	private final String cluster = "nodes-" + UUID.randomUUID();

	@Test
	void theIdOfAnInstanceThatBeatsIsRefusedAndOneThatStoppedIsFree() throws Exception {
		NodeRegistry nodes = registry();
		String id = "node-" + UUID.randomUUID();
		UUID first = UUID.randomUUID();
		nodes.register(cluster, id, first, Instant.now(), RECENT, WATCH);
		ExecutorService beating = Executors.newSingleThreadExecutor();
		try {
			beating.submit(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					nodes.beat(id, first, Instant.now());
					Thread.sleep(100);
				}
				return null;
			});
			assertThatThrownBy(() -> nodes.register(cluster, id, UUID.randomUUID(), Instant.now(), RECENT, WATCH))
				.isInstanceOf(FailureAnalyzedException.class)
				.hasMessageContaining("is the id of a running instance");
		}
		finally {
			beating.shutdownNow();
			assertThat(beating.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
		}
		// Silent now (killed): the next process takes the id after watching it, and the first one's
		// beats no longer count.
		UUID second = UUID.randomUUID();
		nodes.register(cluster, id, second, Instant.now(), RECENT, WATCH);
		assertThat(nodes.beat(id, first, Instant.now())).as("the killed process's beat").isFalse();
		assertThat(nodes.beat(id, second, Instant.now())).isTrue();
		// Stopped cleanly: free at once, no watch.
		nodes.stopped(id, second);
		long started = System.nanoTime();
		nodes.register(cluster, id, UUID.randomUUID(), Instant.now(), RECENT, Duration.ofSeconds(30));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void ofTwoProcessesTakingOneIdAtTheSameMomentExactlyOneGetsIt() throws Exception {
		String fresh = "node-" + UUID.randomUUID();
		assertThat(race(fresh)).as("a new id").isEqualTo(1);
		String stale = "node-" + UUID.randomUUID();
		registry().register(cluster, stale, UUID.randomUUID(), Instant.now(), RECENT, WATCH); // then never beats
		assertThat(race(stale)).as("the id of a process that died").isEqualTo(1);
	}

	/**
	 * Two registrations of {@code id} started together, each beating every 100 ms once it has the id
	 * (as a running instance does); how many got it.
	 */
	private int race(String id) throws Exception {
		ExecutorService two = Executors.newFixedThreadPool(2);
		ScheduledExecutorService beats = Executors.newScheduledThreadPool(2);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				NodeRegistry nodes = registry();
				UUID incarnation = UUID.randomUUID();
				results.add(two.submit(() -> {
					go.await();
					try {
						nodes.register(cluster, id, incarnation, Instant.now(), RECENT, WATCH);
					}
					catch (FailureAnalyzedException ex) {
						return false;
					}
					beats.scheduleWithFixedDelay(() -> nodes.beat(id, incarnation, Instant.now()), 0, 100,
							TimeUnit.MILLISECONDS);
					return true;
				}));
			}
			go.countDown();
			int won = 0;
			for (Future<Boolean> r : results) {
				won += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
			}
			return won;
		}
		finally {
			two.shutdownNow();
			beats.shutdownNow();
		}
	}

}
