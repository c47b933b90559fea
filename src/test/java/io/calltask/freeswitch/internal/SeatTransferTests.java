package io.calltask.freeswitch.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway.SeatRing;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.freeswitch.CallScript;
import io.calltask.freeswitch.FakeFreeSwitch;
import io.calltask.freeswitch.FreeSwitchSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A call's transfer to a seat through the gateway, against the peer's model of {@code uuid_transfer}
 * and {@code bridge}: what the engine hears for each way a seat can go, and what the switch is told.
 */
class SeatTransferTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String HOLD = "tone_stream://%(1000,4000,450)";

	private static final String TALKS = "sofia/internal/seat_talk@127.0.0.1:5080";

	private static final String NEVER_ANSWERS = "sofia/gateway/sipp_noanswer/1002";

	private static final String BUSY = "sofia/gateway/sipp_busy/1003";

	private static final String UNREGISTERED = "user/1001";

	private final List<CallEvent> heard = new CopyOnWriteArrayList<>();

	/** The customer answers and stays; each seat does what its contact says. */
	private final FakeFreeSwitch peer = new FakeFreeSwitch("ClueCon").script(o -> switch (o.dial()) {
		case TALKS -> CallScript.answer(50, 300);
		case "1002" -> CallScript.ringing();
		case "1003" -> CallScript.busy(20);
		case UNREGISTERED -> CallScript.noChannel("SUBSCRIBER_ABSENT");
		default -> CallScript.answerAndStay(20);
	});

	private final FreeSwitchGateway gateway = new FreeSwitchGateway(new FreeSwitchSettings(
			Map.of("fs1", new FreeSwitchSettings.Node("127.0.0.1", peer.port(), "ClueCon")), "plain", Duration.ofSeconds(1),
			Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofMillis(100),
			Duration.ofMillis(300), Duration.ofMinutes(5), Duration.ofSeconds(3), 2), Clock.systemUTC());

	SeatTransferTests() {
		gateway.start("node-a", List.of(), heard::add);
		await(() -> gateway.nodeUp("fs1"), "node up");
	}

	@AfterEach
	void close() {
		gateway.close();
		peer.close();
	}

	private static OriginateRequest call(boolean parkForSeat) {
		return new OriginateRequest(new OriginateRequest.Identity(UUID.randomUUID(), UUID.randomUUID(), 7),
				new OriginateRequest.Callee("13800138000", "013800138000", Map.of()),
				new OriginateRequest.Route(UUID.randomUUID(), "carrier_a", "fs1", "02100000000", 30),
				new OriginateRequest.Destination("102", "XML", "default", Map.of(), parkForSeat));
	}

	/** A customer answered and talking to its bot. */
	private UUID answered() {
		OriginateRequest call = call(false);
		gateway.originate(call);
		await(() -> kinds(call.callId()).contains("Answered"), "answer");
		return call.callId();
	}

	private void ring(UUID call, long seat, String contact, int timeoutSeconds) {
		gateway.ringSeat(new SeatRing(call, seat, contact, "13800138000", timeoutSeconds, HOLD));
	}

	private List<CallEvent> of(UUID call) {
		return heard.stream().filter(e -> e.callId().equals(call)).toList();
	}

	/** The kinds of event heard for {@code call}, in order. */
	private List<String> kinds(UUID call) {
		return of(call).stream().map(e -> e.getClass().getSimpleName()).toList();
	}

	private <T extends CallEvent> T the(Class<T> kind, UUID call) {
		List<CallEvent> found = of(call).stream().filter(kind::isInstance).toList();
		assertThat(found).as(kind.getSimpleName()).hasSize(1);
		return kind.cast(found.get(0));
	}

	/** The {@code uuid_transfer} commands sent for {@code call}, in order. */
	private List<String> transfers(UUID call) {
		return peer.commands().stream().filter(c -> c.startsWith("api uuid_transfer " + call)).toList();
	}

	@Test
	void aBotThatParksWithTheTransferVariableAsksForASeatOnce() {
		UUID call = answered();
		peer.park(call.toString(), Map.of("calltask_transfer", "1"));
		await(() -> kinds(call).contains("TransferAsked"), "the ask");
		peer.park(call.toString(), Map.of("calltask_transfer", "1"));
		peer.park(call.toString(), Map.of("calltask_intention", "A")); // a park of the bot's own
		quietFor(300);
		assertThat(kinds(call)).containsExactly("Answered", "TransferAsked");
	}

	@Test
	void aCallForASeatIsParkedOnceAnsweredWithNothingToReport() {
		OriginateRequest call = call(true);
		gateway.originate(call);
		await(() -> kinds(call.callId()).contains("Answered"), "answer");
		quietFor(300);
		assertThat(peer.originates().get(0).extension()).isEqualTo("&park()");
		assertThat(kinds(call.callId())).containsExactly("Answered");
	}

	@Test
	void aSeatThatAnswersIsBridgedUntilItHangsUpAndThenTheCustomerIsHungUp() {
		UUID call = answered();
		ring(call, 42, TALKS, 20);
		await(() -> kinds(call).contains("HungUp"), "the end");
		assertThat(kinds(call)).containsExactly("Answered", "SeatAnswered", "SeatHungUp", "HungUp");
		assertThat(the(CallEvent.SeatAnswered.class, call).seatId()).isEqualTo(42);
		assertThat(the(CallEvent.SeatHungUp.class, call).seatId()).isEqualTo(42);
		assertThat(the(CallEvent.HungUp.class, call).billMillis()).as("the customer is billed bot and seat")
			.isGreaterThanOrEqualTo(300);

		String sent = transfers(call).get(0);
		assertThat(sent).startsWith("api uuid_transfer " + call + " 'm:^:set:hangup_after_bridge=true^")
			.contains("^set:transfer_ringback=" + HOLD + "^", "^unset:calltask_transfer^", "^set:calltask_ring=",
					",originate_timeout=20,", ",origination_caller_id_number=13800138000,",
					",origination_caller_id_name=13800138000,", ",calltask_call_id=" + call + ",",
					",calltask_seat_id=42,", ",calltask_node=node-a}" + TALKS + "^set:park_timeout=60:ALLOTTED_TIMEOUT^park' inline");
	}

	@Test
	void aSeatThatNeverAnswersIsMissedAtItsRingTimeoutAndTheCustomerHoldsAgain() {
		UUID call = answered();
		ring(call, 7, NEVER_ANSWERS, 1);
		await(() -> kinds(call).contains("SeatMissed"), "the miss");
		assertThat(the(CallEvent.SeatMissed.class, call)).extracting(CallEvent.SeatMissed::seatId,
				CallEvent.SeatMissed::cause).containsExactly(7L, "NO_ANSWER");
		await(() -> transfers(call).size() == 2, "the hold");
		assertThat(transfers(call).get(1)).isEqualTo(
				"api uuid_transfer " + call + " 'm:^:unset:calltask_transfer^endless_playback:" + HOLD + "' inline");
		assertThat(peer.liveChannels()).containsExactly(call.toString());
		quietFor(400); // past the grace that makes up for a lost park
		assertThat(kinds(call)).containsExactly("Answered", "SeatMissed");
	}

	@Test
	void aBusySeatIsMissedUserBusy() {
		UUID call = answered();
		ring(call, 8, BUSY, 20);
		await(() -> kinds(call).contains("SeatMissed"), "the miss");
		assertThat(the(CallEvent.SeatMissed.class, call).cause()).isEqualTo("USER_BUSY");
	}

	@Test
	void aSeatWhoseChannelIsNeverMadeIsMissedOnceWithTheBridgesCause() {
		UUID call = answered();
		ring(call, 9, UNREGISTERED, 20);
		await(() -> kinds(call).contains("SeatMissed"), "the miss");
		quietFor(400);
		assertThat(kinds(call)).containsExactly("Answered", "SeatMissed");
		assertThat(the(CallEvent.SeatMissed.class, call).cause()).isEqualTo("SUBSCRIBER_ABSENT");
	}

	@Test
	void aContactThatCouldBreakTheCommandIsMissedWithoutBeingSent() {
		UUID call = answered();
		ring(call, 10, "user/1001,sofia/gateway/x/1", 20);
		ring(call, 11, "user/1001^park", 20);
		await(() -> kinds(call).stream().filter("SeatMissed"::equals).count() == 2, "the misses");
		assertThat(of(call)).filteredOn(CallEvent.SeatMissed.class::isInstance)
			.extracting(e -> ((CallEvent.SeatMissed) e).cause())
			.containsOnly("INVALID_NUMBER_FORMAT");
		assertThat(transfers(call)).isEmpty();
	}

	@Test
	void aCustomerWhoHangsUpWhileTheSeatRingsEndsTheCallAndTheRing() {
		UUID call = answered();
		ring(call, 7, NEVER_ANSWERS, 30);
		await(() -> peer.liveChannels().size() == 2, "the seat ringing");
		peer.hangup(call.toString(), "NORMAL_CLEARING");
		await(() -> kinds(call).contains("HungUp"), "the end");
		quietFor(400);
		assertThat(kinds(call)).containsExactly("Answered", "HungUp");
		assertThat(peer.liveChannels()).isEmpty();
	}

	@Test
	void aCustomerWhoHangsUpWhileBridgedEndsTheSeatFirst() {
		peer.script(o -> CallScript.answerAndStay(20)); // the seat talks until the customer hangs up
		UUID call = answered();
		ring(call, 42, TALKS, 20);
		await(() -> kinds(call).contains("SeatAnswered"), "the seat's answer");
		peer.hangup(call.toString(), "NORMAL_CLEARING");
		await(() -> kinds(call).contains("HungUp"), "the end");
		assertThat(kinds(call)).containsExactly("Answered", "SeatAnswered", "SeatHungUp", "HungUp");
		assertThat(peer.liveChannels()).isEmpty();
	}

	@Test
	void theSeatsTimeBridgedIsTheSwitchsBillingOfItsLegNotHowLateItsEventsWereRead() {
		peer.script(o -> CallScript.answerAndStay(20)); // the seat talks until the switch says otherwise
		UUID call = answered();
		ring(call, 42, TALKS, 20);
		await(() -> kinds(call).contains("SeatAnswered"), "the seat's answer");
		String sent = transfers(call).get(0);
		int at = sent.indexOf("^set:calltask_ring=") + "^set:calltask_ring=".length();
		String seatLeg = sent.substring(at, sent.indexOf('^', at));
		// the seat leg's end as FreeSWITCH reports it: billed 4 s, though read a moment after its answer
		peer.fire(peer.newEvent("CHANNEL_HANGUP_COMPLETE").add("Unique-ID", seatLeg)
			.add("Hangup-Cause", "NORMAL_CLEARING").add("variable_billmsec", "4000")
			.add("variable_calltask_node", "node-a"));
		await(() -> kinds(call).contains("SeatHungUp"), "the seat's end");
		assertThat(the(CallEvent.SeatHungUp.class, call).bridgedMillis()).isEqualTo(4000);
	}

	@Test
	void aRingGivenUpForAHoldIsMissedAndTheCustomerHolds() {
		UUID call = answered();
		ring(call, 7, NEVER_ANSWERS, 30);
		await(() -> peer.liveChannels().size() == 2, "the seat ringing");
		gateway.hold(call, HOLD);
		await(() -> kinds(call).contains("SeatMissed"), "the ring given up");
		assertThat(the(CallEvent.SeatMissed.class, call).cause()).isEqualTo("ORIGINATOR_CANCEL");
		await(() -> peer.liveChannels().size() == 1, "the seat's leg cancelled");
		quietFor(400);
		assertThat(kinds(call)).containsExactly("Answered", "SeatMissed");
		assertThat(transfers(call)).last().asString().endsWith("'m:^:unset:calltask_transfer^endless_playback:" + HOLD + "' inline");
	}

	@Test
	void backToTheBotSetsTheBridgeResultAndTransfersToItsExtension() {
		UUID call = answered();
		gateway.backToBot(call, new OriginateRequest.Destination("102", "XML", "default", Map.of()));
		await(() -> transfers(call).size() == 1, "the transfer");
		assertThat(transfers(call).get(0)).isEqualTo("api uuid_transfer " + call
				+ " 'm:^:unset:calltask_transfer^set:calltask_bridge_result=busy^transfer:102 XML default' inline");
	}

	@Test
	void commandsForACallThatHasEndedAreNotSent() {
		UUID call = answered();
		peer.hangup(call.toString(), "NORMAL_CLEARING");
		await(() -> kinds(call).contains("HungUp"), "the end");
		ring(call, 7, TALKS, 20);
		gateway.hold(call, HOLD);
		quietFor(200);
		assertThat(transfers(call)).isEmpty();
		assertThat(kinds(call)).containsExactly("Answered", "HungUp");
	}

	private static void await(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for " + what);
			}
			quietFor(5);
		}
	}

	private static void quietFor(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
