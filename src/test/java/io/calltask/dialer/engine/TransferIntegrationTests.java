package io.calltask.dialer.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway.SeatRing;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfer to a person (API.md section 8.2) through the whole application: seats and groups made
 * through the API, the engine stepped by hand, the switch's side scripted. What an integrator sees:
 * the seat's states and day, the call list's transfer fields, the task paused when its seats are gone.
 */
class TransferIntegrationTests extends DialerTestSupport {

	private static final ScriptedGateway.Script LONG_CALL = ScriptedGateway.Script.answer(1000, 600_000);

	@Test
	void aBotsAskRingsAFreeSeatBridgesAndTheCallListShowsTheSeatItsWaitAndBridgedSeconds() {
		long seat = createSeat("王五", SeatStart.IDLE);
		long group = createGroup(List.of(seat), Map.of());
		String task = createTask(Map.of("maximumcall", 1, "cps", 1, "line", List.of(createLine(10, 10)),
				"bridge_group_id", group));
		addNumbers(task, "13900000101");
		gateway.standard(LONG_CALL);
		step(Duration.ofSeconds(3), Duration.ofMillis(100));
		OriginateRequest call = gateway.placed.get(0);
		assertThat(call.destination().parkForSeat()).as("the bot runs first").isFalse();

		gateway.report(new CallEvent.TransferAsked(call.callId(), clock.instant()));
		step(Duration.ofMillis(200), Duration.ofMillis(100));
		SeatRing ring = (SeatRing) gateway.transferCommands.get(0);
		assertThat(ring.seatId()).isEqualTo(seat);
		assertThat(ring.customerPhone()).isEqualTo("13900000101");
		assertThat(ring.contact()).isEqualTo("user/" + extensionOf(seat));
		assertThat(seatView(seat).get("call_state").stringValue()).isEqualTo("ringing");

		step(Duration.ofSeconds(4), Duration.ofMillis(100));
		gateway.report(new CallEvent.SeatAnswered(call.callId(), seat, clock.instant()));
		step(Duration.ofMillis(200), Duration.ofMillis(100));
		assertThat(seatView(seat).get("call_state").stringValue()).isEqualTo("talking");
		assertThat(api.get(userPath("/bridge-group/" + group)).data().path("stats").get("talking").intValue())
			.isEqualTo(1);

		step(Duration.ofSeconds(30), Duration.ofMillis(500));
		gateway.report(new CallEvent.SeatHungUp(call.callId(), seat, clock.instant()));
		gateway.report(CallEvent.HungUp.billed(call.callId(), clock.instant(), "NORMAL_CLEARING", null, 40_000));
		step(Duration.ofMillis(300), Duration.ofMillis(100));
		JsonNode view = seatView(seat);
		assertThat(view.get("call_state").stringValue()).isEqualTo("wrap_up");
		assertThat(view.get("calls_today").intValue()).isEqualTo(1);
		assertThat(view.get("talk_seconds_today").intValue()).isBetween(29, 31);
		step(Duration.ofSeconds(11), Duration.ofMillis(500)); // wrap_up_seconds 10
		assertThat(seatView(seat).get("call_state").stringValue()).isEqualTo("free");

		JsonNode record = api.get(userPath("/task/" + task + "/call")).json().path("data").get(0);
		assertThat(record.get("bridge_result").stringValue()).isEqualTo("bridged");
		assertThat(record.get("bridge_seat_id").longValue()).isEqualTo(seat);
		assertThat(record.get("bridge_seat_name").stringValue()).isEqualTo("王五");
		assertThat(record.get("bridge_wait_ms").longValue()).isBetween(4000L, 4400L);
		assertThat(record.get("bridge_billsec").intValue()).isBetween(29, 31);
		String csv = api.get(userPath("/task/" + task + "/call?format=csv")).text();
		assertThat(csv.lines().findFirst().orElseThrow())
			.endsWith("bridge_result,bridge_seat_id,bridge_seat_name,bridge_wait_ms,bridge_billsec");
		assertThat(csv).contains(",bridged," + seat + ",王五,");
	}

	@Test
	void directBridgeRingsASeatOnAnswerAndEchoSendsTheCallBackToTheBotWhenNoSeatIsFree() {
		long offline = createSeat("赵六", SeatStart.OFFLINE);
		long group = createGroup(List.of(offline), Map.of());
		String task = createTask(Map.of("maximumcall", 1, "cps", 1, "line", List.of(createLine(10, 10)),
				"bridge_group_id", group, "direct_bridge", 1, "direct_bridge_echo", 1));
		addNumbers(task, "13900000201");
		gateway.standard(LONG_CALL);
		step(Duration.ofSeconds(3), Duration.ofMillis(100));
		OriginateRequest call = gateway.placed.get(0);
		assertThat(call.destination().parkForSeat()).as("no bot before the seat").isTrue();
		assertThat(gateway.transferCommands).containsExactly("bot " + call.callId() + " " + call.destination().extension());
		gateway.report(CallEvent.HungUp.billed(call.callId(), clock.instant(), "NORMAL_CLEARING", null, 2000));
		step(Duration.ofMillis(300), Duration.ofMillis(100));
		JsonNode record = api.get(userPath("/task/" + task + "/call")).json().path("data").get(0);
		assertThat(record.get("bridge_result").stringValue()).isEqualTo("fallback_bot");
		assertThat(record.get("bridge_seat_id").isNull()).isTrue();
	}

	@Test
	void withoutEchoTheCustomerWaitsMaxWaitSecondsAndIsLetGoAbandoned() {
		long busy = createSeat("孙七", SeatStart.IDLE);
		long group = createGroup(List.of(busy), Map.of("max_wait_seconds", 20));
		String task = createTask(Map.of("maximumcall", 2, "cps", 2, "line", List.of(createLine(10, 10)),
				"bridge_group_id", group, "direct_bridge", 1));
		addNumbers(task, "13900000301", "13900000302");
		gateway.standard(LONG_CALL);
		step(Duration.ofSeconds(3), Duration.ofMillis(100));
		assertThat(gateway.placed).hasSize(2);
		List<Object> commands = gateway.transferCommands;
		assertThat(commands).hasSize(2);
		assertThat(commands.get(0)).isInstanceOf(SeatRing.class);
		UUID waiting = gateway.placed.stream()
			.map(OriginateRequest::callId)
			.filter(id -> !id.equals(((SeatRing) commands.get(0)).callId()))
			.findFirst()
			.orElseThrow();
		assertThat(commands.get(1).toString()).startsWith("hold " + waiting);
		assertThat(api.get(userPath("/bridge-group/" + group)).data().path("stats").get("waiting").intValue())
			.isEqualTo(1);
		step(Duration.ofSeconds(21), Duration.ofMillis(500));
		JsonNode calls = api.get(userPath("/task/" + task + "/call?phone=" + phoneOf(waiting))).json().path("data");
		assertThat(calls.get(0).get("bridge_result").stringValue()).isEqualTo("abandoned");
		assertThat(calls.get(0).get("bridge_wait_ms").longValue()).isBetween(20_000L, 20_600L);
		assertThat(calls.get(0).get("hangup_cause").stringValue()).isEqualTo("ORIGINATOR_CANCEL");
		assertThat(api.get(userPath("/bridge-group/" + group)).data().path("stats").get("waiting").intValue())
			.isZero();
	}

	@Test
	void emptySeatStopPausesTheTaskWithReasonNoSeatsOnceEverySeatStaysOffline() {
		long seat = createSeat("周八", SeatStart.IDLE);
		long group = createGroup(List.of(seat), Map.of());
		String task = createTask(Map.of("maximumcall", 1, "cps", 1, "line", List.of(createLine(10, 10)),
				"bridge_group_id", group, "empty_seat_stop", 1, "call_stop_notify_url", "https://hooks.example.com/stop"));
		addNumbers(task, "13900000401", "13900000402", "13900000403");
		gateway.standard(ScriptedGateway.Script.fail("NO_ANSWER", 60_000));
		step(Duration.ofSeconds(2), Duration.ofMillis(100));
		ApiClient.Response off = api.put(userPath("/seat/" + seat + "/status"), Map.of("status", "offline"));
		assertThat(off.status()).as(off.text()).isEqualTo(200);
		step(Duration.ofSeconds(20), Duration.ofMillis(500));
		assertThat(task(task).get("enable").booleanValue()).as("not before the grace").isTrue();
		step(Duration.ofSeconds(12), Duration.ofMillis(500));
		assertThat(task(task).get("enable").booleanValue()).isFalse();
		String reason = jdbc.sql("SELECT body FROM notify_event WHERE type = 'task.stopped' ORDER BY seq DESC")
			.query(String.class)
			.list()
			.stream()
			.filter(p -> p.contains(task))
			.findFirst()
			.orElse("");
		assertThat(reason).contains("\"no_seats\"");
	}

	@Test
	void theTransferRouteHandsAnUpCallToASeatOnceAndRefusesWhatItCannot() {
		long seat = createSeat("吴九", SeatStart.IDLE);
		long group = createGroup(List.of(seat), Map.of());
		String task = createTask(Map.of("maximumcall", 1, "cps", 1, "line", List.of(createLine(10, 10)),
				"bridge_group_id", group));
		addNumbers(task, "13900000501");
		gateway.standard(ScriptedGateway.Script.answer(2000, 600_000));
		step(Duration.ofMillis(500), Duration.ofMillis(100));
		UUID call = gateway.placed.get(0).callId();
		String route = userPath("/task/" + task + "/call/" + call + "/transfer");
		assertThat(api.post(route, Map.of()).status()).as("ringing, not up").isEqualTo(409);
		step(Duration.ofSeconds(3), Duration.ofMillis(100));
		ApiClient.Response accepted = api.post(route, Map.of());
		assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
		assertThat(api.post(route, Map.of()).status()).as("already asked").isEqualTo(409);
		step(Duration.ofMillis(200), Duration.ofMillis(100));
		assertThat(gateway.transferCommands).hasSize(1).first().isInstanceOf(SeatRing.class);
		assertThat(api.post(userPath("/task/" + task + "/call/" + UUID.randomUUID() + "/transfer"), Map.of()).status())
			.isEqualTo(404);
		assertThat(api.post(userPath("/task/" + UUID.randomUUID() + "/call/" + call + "/transfer"), Map.of()).status())
			.isEqualTo(404);
	}

	private JsonNode seatView(long seat) {
		ApiClient.Response r = api.get(userPath("/seat/" + seat));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.data();
	}

	private String phoneOf(UUID callId) {
		return gateway.placed.stream()
			.filter(c -> c.callId().equals(callId))
			.findFirst()
			.orElseThrow()
			.callee()
			.phone();
	}

}
