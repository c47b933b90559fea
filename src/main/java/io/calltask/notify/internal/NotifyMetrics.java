package io.calltask.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The webhooks' meters (README, "Metrics"): attempts per result, counted once written, and the
 * backlog as the database has it: events pending, and how long the most overdue of them has been
 * due. The backlog is read at most every 5 s, whatever the scrape rate; every instance reports the
 * same backlog (the database's), so take its {@code max} across instances, not its sum.
 */
@Component
class NotifyMetrics {

	/** An attempt's result as counted: delivered, failed and due again, or failed for good. */
	static final String DELIVERED = "delivered";

	static final String RETRYING = "retrying";

	static final String FAILED = "failed";

	private static final Duration READ_EVERY = Duration.ofSeconds(5);

	private final MeterRegistry registry;

	private final EventStore store;

	private final Clock clock;

	private final Map<String, Counter> attempts = new ConcurrentHashMap<>();

	private EventStore.Backlog backlog = new EventStore.Backlog(0, null);

	private Instant readAt = Instant.MIN;

	NotifyMetrics(MeterRegistry registry, EventStore store, Clock clock) {
		this.registry = registry;
		this.store = store;
		this.clock = clock;
		Gauge.builder("calltask.notify.pending", this, m -> m.backlog().pending())
			.description("Webhook events not yet delivered nor failed (the whole database's)")
			.register(registry);
		Gauge.builder("calltask.notify.oldest.pending", this, NotifyMetrics::overdueSeconds)
			.description("How long the most overdue pending webhook event has been due; 0 when none is")
			.baseUnit("seconds")
			.register(registry);
	}

	/** Attempts whose outcome was written, by result. */
	void counted(Map<String, Integer> byResult) {
		byResult.forEach((result, n) -> attempts.computeIfAbsent(result, r -> Counter.builder("calltask.notify.deliveries")
			.description("Webhook attempts, by result: delivered, retrying (failed, due again), failed (for good)")
			.tag("result", r)
			.register(registry)).increment(n));
	}

	private double overdueSeconds() {
		Instant oldest = backlog().oldestDue();
		Instant now = clock.instant();
		return oldest == null || oldest.isAfter(now) ? 0 : Duration.between(oldest, now).toMillis() / 1000.0;
	}

	private synchronized EventStore.Backlog backlog() {
		Instant now = clock.instant();
		if (!now.isBefore(readAt.plus(READ_EVERY))) {
			try {
				backlog = store.backlog();
			}
			catch (RuntimeException ex) {
				// the database away: the last reading stands until it is back
			}
			readAt = now;
		}
		return backlog;
	}

}
