package io.calltask.dialer.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dialing paced by seats (API.md section 9) through the whole application, stepped by hand: a
 * {@code ratio} task keeps at most N ringing calls per available seat, tasks sharing a group share its
 * seats, and the task list shows the pacing.
 */
class SeatPacedIntegrationTests extends DialerTestSupport {

	/** Calls that ring 30 s: while they ring, none has a seat. */
	private static final ScriptedGateway.Script LONG_RING = ScriptedGateway.Script.fail("NO_ANSWER", 30_000);

	@Test
	void ratioKeepsAtMostNCallsWithoutASeatPerAvailableSeat() {
		long a = createSeat("一号", SeatStart.IDLE);
		long b = createSeat("二号", SeatStart.IDLE);
		createSeat("签出的", SeatStart.OFFLINE);
		long group = createGroup(List.of(a, b), Map.of());
		String task = createTask(Map.of("maximumcall", 50, "cps", 10, "line", List.of(createLine(100, 100)),
				"bridge_group_id", group, "dial_mode", "ratio", "bridge_proportion", 3));
		addNumbers(task, phones("128800", 40));
		gateway.standard(LONG_RING);
		step(Duration.ofSeconds(5), Duration.ofMillis(100));
		assertThat(engine.callsInProgress()).as("3 per available seat, 2 seats").isEqualTo(6);
		step(Duration.ofSeconds(2), Duration.ofMillis(500)); // the view is written once a second
		JsonNode pacing = task(task).get("pacing");
		assertThat(pacing.get("mode").stringValue()).isEqualTo("ratio");
		assertThat(pacing.get("dial_level").doubleValue()).isEqualTo(3.0);
		assertThat(pacing.get("seats_available").intValue()).isEqualTo(2);
	}

	@Test
	void tasksSharingAGroupShareItsSeats() {
		long a = createSeat("三号", SeatStart.IDLE);
		long b = createSeat("四号", SeatStart.IDLE);
		long group = createGroup(List.of(a, b), Map.of());
		String line = createLine(100, 100);
		String first = createTask(Map.of("maximumcall", 50, "cps", 10, "line", List.of(line), "bridge_group_id", group,
				"dial_mode", "ratio", "bridge_proportion", 2));
		String second = createTask(Map.of("maximumcall", 50, "cps", 10, "line", List.of(line), "bridge_group_id",
				group, "dial_mode", "ratio", "bridge_proportion", 2));
		addNumbers(first, phones("128810", 20));
		addNumbers(second, phones("128820", 20));
		gateway.standard(LONG_RING);
		step(Duration.ofSeconds(5), Duration.ofMillis(100));
		long toFirst = gateway.placed.stream().filter(c -> c.callee().phone().startsWith("128810")).count();
		long toSecond = gateway.placed.stream().filter(c -> c.callee().phone().startsWith("128820")).count();
		assertThat(toFirst).as("one seat each, 2 calls per seat").isEqualTo(2);
		assertThat(toSecond).isEqualTo(2);
	}

	@Test
	void aSeatSignedOutLowersTheBoundAndFixedIgnoresSeats() {
		long a = createSeat("五号", SeatStart.IDLE);
		long b = createSeat("六号", SeatStart.IDLE);
		long group = createGroup(List.of(a, b), Map.of());
		String line = createLine(100, 100);
		String ratio = createTask(Map.of("maximumcall", 50, "cps", 10, "line", List.of(line), "bridge_group_id", group,
				"dial_mode", "ratio", "bridge_proportion", 1));
		String fixed = createTask(Map.of("maximumcall", 5, "cps", 10, "line", List.of(line), "bridge_group_id", group,
				"dial_mode", "fixed"));
		addNumbers(ratio, phones("128830", 20));
		addNumbers(fixed, phones("128840", 20));
		api.put(userPath("/seat/" + b + "/status"), Map.of("status", "offline"));
		gateway.standard(LONG_RING);
		step(Duration.ofSeconds(5), Duration.ofMillis(100));
		assertThat(gateway.placed.stream().filter(c -> c.callee().phone().startsWith("128830")).count())
			.as("one seat left, shared by the one ratio task").isEqualTo(1);
		assertThat(gateway.placed.stream().filter(c -> c.callee().phone().startsWith("128840")).count())
			.as("fixed: its maximumcall").isEqualTo(5);
	}

}
