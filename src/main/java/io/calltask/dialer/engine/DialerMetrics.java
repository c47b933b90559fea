package io.calltask.dialer.engine;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The dialer's meters (README, "Metrics"): calls started per line and finished per outcome, counted
 * once their transaction has committed, and calls in progress per line as the engine last published
 * them (every second; zero on an instance that does not lead). Labels are line ids and outcomes
 * only: a handful each, never one per phone or task.
 */
@Component
class DialerMetrics {

	private final MeterRegistry registry;

	private final Map<UUID, Counter> started = new ConcurrentHashMap<>();

	private final Map<String, Counter> finished = new ConcurrentHashMap<>();

	private final Map<UUID, AtomicInteger> inProgress = new ConcurrentHashMap<>();

	private final Map<String, Counter> transfers = new ConcurrentHashMap<>();

	/** Seats per (group id, state). */
	private final Map<String, AtomicInteger> seats = new ConcurrentHashMap<>();

	private final Timer firstRing;

	DialerMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.firstRing = Timer.builder("calltask.transfers.first_ring")
			.description("From a transfer's ask to the first seat rung for it")
			.publishPercentiles(0.5, 0.99)
			.register(registry);
	}

	void started(UUID lineId, int calls) {
		started.computeIfAbsent(lineId, id -> Counter.builder("calltask.calls.started")
			.description("Calls placed (their records written), per line")
			.tag("line_id", id.toString())
			.register(registry)).increment(calls);
	}

	void finished(String outcome, int calls) {
		finished.computeIfAbsent(outcome, o -> Counter.builder("calltask.calls.finished")
			.description("Calls ended (their ends written), per outcome")
			.tag("outcome", o)
			.register(registry)).increment(calls);
	}

	/** From a transfer's ask to the first seat rung for it (its wait for a free seat included). */
	void firstRing(Duration delay) {
		firstRing.record(delay.isNegative() ? Duration.ZERO : delay);
	}

	/** A call's transfer to a person ended with {@code result} (bridged, fallback_bot, abandoned). */
	void transferred(String result) {
		transfers.computeIfAbsent(result, r -> Counter.builder("calltask.transfers")
			.description("Transfers to a person that ended, per result")
			.tag("result", r)
			.register(registry)).increment();
	}

	/** The leader's seats per group and state; pairs not in {@code byGroup} have none. */
	void seats(Map<Long, Map<String, Integer>> byGroup) {
		Map<String, Integer> flat = new java.util.HashMap<>();
		byGroup.forEach((group, counts) -> {
			for (String state : SeatBoard.STATE_WORDS) {
				flat.put(group + "/" + state, counts.getOrDefault(state, 0));
			}
		});
		flat.forEach((key, n) -> seats.computeIfAbsent(key, this::seatGauge).set(n));
		seats.forEach((key, n) -> {
			if (!flat.containsKey(key)) {
				n.set(0);
			}
		});
	}

	private AtomicInteger seatGauge(String key) {
		AtomicInteger value = new AtomicInteger();
		int slash = key.indexOf('/');
		Gauge.builder("calltask.seats", value, AtomicInteger::get)
			.description("Seats of the bridge group in each state (the leader's view; zero on a standby)")
			.tag("group_id", key.substring(0, slash))
			.tag("state", key.substring(slash + 1))
			.register(registry);
		return value;
	}

	/** The engine's calls in progress per line; lines not in {@code byLine} have none. */
	void inProgress(Map<UUID, Integer> byLine) {
		byLine.forEach((id, n) -> inProgress.computeIfAbsent(id, this::gauge).set(n));
		inProgress.forEach((id, n) -> {
			if (!byLine.containsKey(id)) {
				n.set(0);
			}
		});
	}

	private AtomicInteger gauge(UUID lineId) {
		AtomicInteger value = new AtomicInteger();
		Gauge.builder("calltask.calls.in_progress", value, AtomicInteger::get)
			.description("Calls in progress on the line (the leader's count; zero on a standby)")
			.tag("line_id", lineId.toString())
			.register(registry);
		return value;
	}

}
