package io.calltask.notify.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

import org.springframework.stereotype.Component;

import io.calltask.notify.NotifySettings;

/**
 * What is due, and whose turn it is: leases the events due now, oldest first, at most
 * {@code max-in-flight} attempts at once and {@code per-receiver} to one receiver ({@code host:port}),
 * so a slow or dead one holds only its own slots. The oldest due events may all be one receiver's
 * backlog: every other receiver with events waiting is asked for its own (by index), at most once a
 * {@code poll}, so none waits behind another. Leasing and asking happen on the dispatcher's thread;
 * attempts end on any.
 */
@Component
class DueEvents {

	/** How often the receivers with events waiting are looked up again. */
	private static final long RECEIVERS_EVERY_SECONDS = 5;

	private final EventStore store;

	private final NotifySettings settings;

	private final AtomicInteger inFlight = new AtomicInteger();

	/** Attempts in progress per receiver. */
	private final Map<String, AtomicInteger> inFlightPerReceiver = new ConcurrentHashMap<>();

	/** The receivers with events waiting, as last looked up, and when. */
	private List<String> receivers = List.of();

	private Instant receiversAt;

	/** When each receiver was last asked for its own due events. */
	private final Map<String, Instant> askedAt = new HashMap<>();

	DueEvents(EventStore store, NotifySettings settings) {
		this.store = store;
		this.settings = settings;
	}

	/**
	 * Leases what is due now within the in-flight limits, each until {@code leaseUntil}; answers the
	 * events taken, each counted in flight until {@link #ended}.
	 */
	List<EventStore.Due> lease(Instant now, Instant leaseUntil) {
		int room = settings.maxInFlight() - inFlight.get();
		if (room <= 0) {
			return List.of();
		}
		List<EventStore.Due> candidates = new ArrayList<>(store.due(now, room * 2));
		Set<String> atHead = new HashSet<>();
		candidates.forEach(d -> atHead.add(d.receiver()));
		for (String receiver : waitingReceivers(now)) {
			int free = settings.perReceiver() - inFlight(receiver);
			if (free > 0 && !atHead.contains(receiver)
					&& askedAt.getOrDefault(receiver, Instant.MIN).plus(settings.poll()).isBefore(now)) {
				askedAt.put(receiver, now);
				candidates.addAll(store.dueFor(receiver, now, free));
			}
		}
		List<EventStore.Due> chosen = choose(candidates, room, settings.perReceiver(), this::inFlight);
		if (chosen.isEmpty()) {
			return List.of();
		}
		boolean[] taken = store.lease(chosen, leaseUntil, now);
		List<EventStore.Due> leased = new ArrayList<>(chosen.size());
		for (int i = 0; i < taken.length; i++) {
			if (taken[i]) {
				EventStore.Due due = chosen.get(i);
				inFlight.incrementAndGet();
				inFlightPerReceiver.get(due.receiver()).incrementAndGet();
				leased.add(due);
			}
		}
		return leased;
	}

	/** An attempt of a leased event ended: its slots are free. */
	void ended(EventStore.Due due) {
		inFlight.decrementAndGet();
		inFlightPerReceiver.get(due.receiver()).decrementAndGet();
	}

	/**
	 * Of {@code candidates}, in their order, at most {@code room} events, each once, and no more to one
	 * receiver than {@code perReceiver} less its attempts in progress ({@code inFlight}).
	 */
	static List<EventStore.Due> choose(List<EventStore.Due> candidates, int room, int perReceiver,
			ToIntFunction<String> inFlight) {
		List<EventStore.Due> chosen = new ArrayList<>();
		Map<String, Integer> planned = new HashMap<>();
		Set<UUID> seen = new HashSet<>();
		for (EventStore.Due due : candidates) {
			if (chosen.size() >= room) {
				break;
			}
			String receiver = due.receiver();
			int already = inFlight.applyAsInt(receiver) + planned.getOrDefault(receiver, 0);
			if (already < perReceiver && seen.add(due.id())) {
				chosen.add(due);
				planned.merge(receiver, 1, Integer::sum);
			}
		}
		return chosen;
	}

	private int inFlight(String receiver) {
		return inFlightPerReceiver.computeIfAbsent(receiver, r -> new AtomicInteger()).get();
	}

	/** The receivers with events waiting, looked up every {@value #RECEIVERS_EVERY_SECONDS} s. */
	private List<String> waitingReceivers(Instant now) {
		if (receiversAt == null || now.isAfter(receiversAt.plusSeconds(RECEIVERS_EVERY_SECONDS)) || now.isBefore(receiversAt)) {
			receivers = store.receiversWaiting();
			receiversAt = now;
			askedAt.keySet().retainAll(receivers);
		}
		return receivers;
	}

}
