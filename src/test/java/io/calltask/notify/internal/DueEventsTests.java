package io.calltask.notify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Whose events go in a round: the limits in all and per receiver, in the order given. */
class DueEventsTests {

	private static EventStore.Due due(String receiver) {
		return new EventStore.Due(UUID.randomUUID(), 1, UUID.randomUUID(), CallFinishedEvents.TYPE,
				"http://" + receiver + "/hook", "{}", false, 0, receiver);
	}

	private static List<EventStore.Due> backlog(String receiver, int n) {
		List<EventStore.Due> events = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			events.add(due(receiver));
		}
		return events;
	}

	@Test
	void aReceiverGetsNoMoreThanItsShareAndTheOthersTheirTurn() {
		List<EventStore.Due> candidates = new ArrayList<>(backlog("slow:80", 10));
		candidates.addAll(backlog("fast:80", 2));
		List<EventStore.Due> chosen = DueEvents.choose(candidates, 100, 3, receiver -> 0);
		assertThat(chosen).extracting(EventStore.Due::receiver).containsExactly("slow:80", "slow:80", "slow:80", "fast:80",
				"fast:80");
	}

	@Test
	void attemptsInProgressCountAgainstTheReceiversShare() {
		Map<String, Integer> inFlight = Map.of("slow:80", 3, "fast:80", 2);
		List<EventStore.Due> candidates = new ArrayList<>(backlog("slow:80", 5));
		candidates.addAll(backlog("fast:80", 5));
		List<EventStore.Due> chosen = DueEvents.choose(candidates, 100, 3, r -> inFlight.getOrDefault(r, 0));
		assertThat(chosen).extracting(EventStore.Due::receiver).containsExactly("fast:80");
	}

	@Test
	void noMoreThanTheRoomLeftInAllAndEachEventOnce() {
		EventStore.Due twice = due("a:80");
		List<EventStore.Due> candidates = List.of(twice, twice, due("b:80"), due("c:80"), due("d:80"));
		assertThat(DueEvents.choose(candidates, 3, 10, r -> 0)).extracting(EventStore.Due::receiver)
			.containsExactly("a:80", "b:80", "c:80");
	}

}
