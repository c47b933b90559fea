package io.calltask.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.calltask.testing.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The count is exact however many writers take it at once: writers in transactions of their own, as
 * two dialer instances (a leader and one whose term is ending) would be, on the same phones.
 */
class ContactCountsIntegrationTests extends ApiIntegrationTest {

	@Autowired
	ContactCounts counts;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void writersSideBySideNeverTogetherExceedTheLimit() throws Exception {
		assertThat(api.put(userPath("/contact-policy"), Map.of("max_per_day", 3)).status()).isEqualTo(200);
		UUID user = UUID.fromString(userId);
		int writers = 8;
		int phones = 20;
		Instant now = Instant.now();
		CyclicBarrier start = new CyclicBarrier(writers);
		Map<String, AtomicInteger> counted = new ConcurrentHashMap<>();
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int w = 0; w < writers; w++) {
				int writer = w;
				done.add(pool.submit(() -> {
					start.await(30, TimeUnit.SECONDS);
					for (int round = 0; round < 5; round++) {
						// Each writer's batch holds every phone, in its own order and spelling.
						List<ContactCounts.Call> calls = new ArrayList<>();
						for (int p = 0; p < phones; p++) {
							String phone = (writer % 2 == 0 ? "+86" : "") + String.format("139%08d", p);
							calls.add(new ContactCounts.Call(new ContactCounts.Callee(user, phone), UUID.randomUUID(), now));
						}
						Collections.shuffle(calls);
						ContactHold[] holds = takeRetrying(calls);
						for (int i = 0; i < holds.length; i++) {
							if (holds[i] == null) {
								String phone = calls.get(i).callee().phone();
								counted.computeIfAbsent(phone.substring(phone.length() - 11), k -> new AtomicInteger())
									.incrementAndGet();
							}
							else {
								assertThat(holds[i].reason()).isEqualTo(ContactHold.LIMIT);
							}
						}
					}
					return null;
				}));
			}
			for (Future<?> f : done) {
				f.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(counted).hasSize(phones);
		counted.values().forEach(c -> assertThat(c.get()).as("calls counted per phone").isEqualTo(3));
	}

	/** One transaction; a deadlock or serialization failure (none expected: rows lock in one order) is retried. */
	private ContactHold[] takeRetrying(List<ContactCounts.Call> calls) {
		TransactionTemplate tx = new TransactionTemplate(transactions);
		for (int attempt = 0;; attempt++) {
			try {
				return tx.execute(s -> counts.take(calls, List.of()));
			}
			catch (TransientDataAccessException ex) {
				if (attempt > 5) {
					throw ex;
				}
			}
		}
	}

}
