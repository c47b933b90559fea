package io.calltask.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.calltask.notify.NotifySettings;

/**
 * The delivery log's depth: hourly (and at start), delivered and failed events older than
 * {@code retention} are deleted, 5,000 at a time and at most 100,000 a round, so a first run over a
 * long backlog does not hold the dispatcher up. Every instance does it; they delete the same rows at
 * worst. Pending events are kept, however old. Called on the dispatcher's thread only.
 */
@Component
class Retention {

	private static final Logger log = LoggerFactory.getLogger(Retention.class);

	private static final int BATCH = 5000;

	private static final int MOST_A_ROUND = 100_000;

	private final EventStore store;

	private final NotifySettings settings;

	private final Clock clock;

	/** The next time old events are deleted. */
	private Instant nextPrune = Instant.MIN;

	Retention(EventStore store, NotifySettings settings, Clock clock) {
		this.store = store;
		this.settings = settings;
		this.clock = clock;
	}

	void pruneWhenDue() {
		Instant now = clock.instant();
		if (now.isBefore(nextPrune)) {
			return;
		}
		nextPrune = now.plus(Duration.ofHours(1));
		int pruned = 0;
		for (int n = BATCH; n == BATCH && pruned < MOST_A_ROUND;) {
			n = store.prune(now.minus(settings.retention()), BATCH);
			pruned += n;
		}
		if (pruned > 0) {
			log.info("Deleted {} webhook events delivered or failed more than {} ago", pruned, settings.retention());
		}
	}

}
