package io.calltask.dialer.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.calltask.dialer.callrecord.CallEnd;
import io.calltask.dialer.callrecord.CallOutcome;
import io.calltask.dialer.cluster.DialerRole;
import io.calltask.dialer.cluster.Term;
import io.calltask.dialer.engine.AttemptBatch.CallRef;
import io.calltask.dialer.engine.NumberClaims.ClaimedNumber;
import io.calltask.task.TaskRuntime.TaskRef;
import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's write and the blacklist take their locks in {@link WriteOrder}: run side by side on the
 * same numbers, round after round, neither fails (a deadlock fails one of them on PostgreSQL, and
 * times one out on H2), and the numbers' totals still agree with their rows.
 */
class WriteOrderIntegrationTests extends DialerTestSupport {

	private static final int ROUNDS = 8;

	private static final int NUMBERS = 200;

	@Autowired
	AttemptLog attempts;

	@Autowired
	NumberClaims claims;

	@Autowired
	DialerRole role;

	@Test
	void theWriterAndTheBlacklistNeverDeadlockOnTheSameNumbers() throws Exception {
		String line = createLine(1000, 1000);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < ROUNDS; round++) {
				String task = createTask(Map.of("maximumcall", 1000, "cps", 1000, "line", List.of(line)));
				String[] phones = phones("13" + (100 + round), NUMBERS);
				addNumbers(task, phones);
				TaskRef ref = taskRuntime.find(UUID.fromString(userId), UUID.fromString(task)).orElseThrow();
				Term term = role.current();
				assertThat(term).as("this context's engine leads").isNotNull();
				Instant now = clock.instant();
				List<ClaimedNumber> claimed = claims.claim(ref.id(), ref.userId(), 1, true, NUMBERS, new NumberClaims.Cursor(), term,
						now);
				assertThat(claimed).hasSize(NUMBERS);
				// The first half is called; the second half is only claimed.
				AttemptBatch first = new AttemptBatch();
				List<CallRef> up = new ArrayList<>();
				for (ClaimedNumber n : claimed.subList(0, NUMBERS / 2)) {
					CallRef call = new CallRef(UUID.randomUUID(), ref.id(), ref.userId(), n.id(), UUID.fromString(line));
					first.starts.add(new AttemptBatch.Start(call, n.phone(), 1, now));
					up.add(call);
				}
				assertThat(attempts.write(first, term, now)).containsOnly(true);
				// Side by side: the calls end (to be redialed) while the second half starts, and the blacklist
				// takes the middle of the list, in reverse, both halves alike.
				AttemptBatch second = new AttemptBatch();
				for (ClaimedNumber n : claimed.subList(NUMBERS / 2, NUMBERS)) {
					second.starts.add(new AttemptBatch.Start(
							new CallRef(UUID.randomUUID(), ref.id(), ref.userId(), n.id(), UUID.fromString(line)), n.phone(),
							1, now));
				}
				Instant end = now.plusSeconds(5);
				for (CallRef call : up) {
					second.finishes.add(new AttemptBatch.Finish(call,
							new CallEnd(null, end, 5, 0, "NO_ANSWER", CallOutcome.NO_ANSWER, 1, null, null, null),
							end.plusSeconds(600), false, false, null, now));
				}
				List<String> blacklisted = new ArrayList<>();
				for (int i = NUMBERS * 3 / 4; i >= NUMBERS / 4; i--) {
					blacklisted.add(phones[i]);
				}
				Future<boolean[]> write = pool.submit(() -> attempts.write(second, term, end));
				Future<ApiClient.Response> blacklist = pool
					.submit(() -> api.post(userPath("/blacklist"), Map.of("phones", blacklisted)));
				boolean[] started = write.get(60, TimeUnit.SECONDS);
				ApiClient.Response r = blacklist.get(60, TimeUnit.SECONDS);
				assertThat(r.status()).as(r.text()).isEqualTo(200);
				// Whichever went first, the numbers' list totals agree with their rows (numberStatuses), a
				// start took only for a number still claimed, and what the blacklist says it filtered is filtered.
				Map<String, Integer> statuses = numberStatuses(task);
				int notStarted = 0;
				for (boolean s : started) {
					notStarted += s ? 0 : 1;
				}
				assertThat(statuses.getOrDefault("calling", 0)).isEqualTo(NUMBERS / 2 - notStarted);
				assertThat(statuses.getOrDefault("filtered", 0) + statuses.getOrDefault("calling", 0)
						+ statuses.getOrDefault("pending", 0)).as(statuses.toString()).isEqualTo(NUMBERS);
				assertThat(statuses.getOrDefault("filtered", 0)).as(statuses.toString())
					.isGreaterThanOrEqualTo(r.data().get("filtered_numbers").intValue())
					.isGreaterThanOrEqualTo(notStarted)
					.isLessThanOrEqualTo(blacklisted.size());
				api.delete(userPath("/blacklist"), Map.of("phones", blacklisted));
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
