package io.calltask.freeswitch.realswitch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway.SeatRing;
import io.calltask.dialer.spi.OpenCall;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.freeswitch.FreeSwitchSettings;
import io.calltask.freeswitch.internal.FreeSwitchGateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A transfer to a seat (转人工) on the real switch, the gateway driven as the engine would: the rig's
 * bot (a number with variable {@code transfer=1}) asks for a seat after 1 s by setting
 * {@code calltask_transfer=1} and parking; its seats answer and talk 4 s ({@code seat_talk}), never
 * answer ({@code sipp_noanswer}) or are busy ({@code sipp_busy}); sent back with
 * {@code calltask_bridge_result=busy}, the bot grades the call E and hangs up.
 */
@RequiresRealSwitch
class SeatTransferOnTheSwitchIntegrationTests {

	private static final String HOLD = "tone_stream://%(1000,4000,450)";

	private static final OriginateRequest.Destination BOT = new OriginateRequest.Destination("102", "XML", "default",
			Map.of());

	private final List<CallEvent> heard = new CopyOnWriteArrayList<>();

	private final FreeSwitchGateway gateway = new FreeSwitchGateway(settings(), Clock.systemUTC());

	private final String phone = "1375" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));

	SeatTransferOnTheSwitchIntegrationTests() {
		gateway.start("node-seats-" + UUID.randomUUID(), List.of(), heard::add);
		await().atMost(Duration.ofSeconds(10)).until(() -> gateway.nodeUp("fs1"));
	}

	/** A test that fails halfway leaves no customer holding on the switch for the next ones. */
	@AfterEach
	void close() {
		gateway.close();
		heard.stream().map(CallEvent::callId).distinct().forEach(call -> RealSwitch.api("uuid_kill " + call));
	}

	private static FreeSwitchSettings settings() {
		return new FreeSwitchSettings(
				Map.of("fs1", new FreeSwitchSettings.Node(RealSwitch.HOST, RealSwitch.PORT, RealSwitch.PASSWORD)), "plain",
				Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMillis(100),
				Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofMinutes(10), 2);
	}

	/** A customer through {@code sipp_uas} whose bot asks for a seat; returns once the ask is heard. */
	private UUID askingForASeat() {
		OriginateRequest call = new OriginateRequest(new OriginateRequest.Identity(UUID.randomUUID(), UUID.randomUUID(), 1),
				new OriginateRequest.Callee(phone, phone, Map.of("transfer", "1")),
				new OriginateRequest.Route(UUID.randomUUID(), "sipp_uas", "fs1", "02100000000", 30), BOT);
		gateway.originate(call);
		await().atMost(Duration.ofSeconds(10)).until(() -> kinds(call.callId()).contains("TransferAsked"));
		assertThat(kinds(call.callId())).containsExactly("Answered", "TransferAsked");
		return call.callId();
	}

	private void ring(UUID call, long seat, String contact, int timeoutSeconds) {
		gateway.ringSeat(new SeatRing(call, seat, contact, phone, timeoutSeconds, HOLD));
	}

	private List<CallEvent> of(UUID call) {
		return heard.stream().filter(e -> e.callId().equals(call)).toList();
	}

	private List<String> kinds(UUID call) {
		return of(call).stream().map(e -> e.getClass().getSimpleName()).toList();
	}

	private <T extends CallEvent> T the(Class<T> kind, UUID call) {
		List<CallEvent> found = of(call).stream().filter(kind::isInstance).toList();
		assertThat(found).as(kind.getSimpleName() + " in " + kinds(call)).hasSize(1);
		return kind.cast(found.get(0));
	}

	private CallEvent.HungUp awaitHangup(UUID call, Duration within) {
		await().atMost(within).until(() -> kinds(call).contains("HungUp"));
		return the(CallEvent.HungUp.class, call);
	}

	private static boolean up(UUID channel) {
		return RealSwitch.api("uuid_exists " + channel).strip().equals("true");
	}

	@Test
	void theBotsParkWithTheTransferVariableIsTheAskAndACancelEndsTheWait() {
		UUID call = askingForASeat();
		assertThat(up(call)).as("the customer waits, parked").isTrue();
		gateway.cancel(call);
		assertThat(awaitHangup(call, Duration.ofSeconds(5)).hangupCause()).isEqualTo("ORIGINATOR_CANCEL");
		assertThat(kinds(call)).containsExactly("Answered", "TransferAsked", "HungUp");
	}

	@Test
	void aSeatThatAnswersSeesTheCustomersPhoneTalksAndTheCustomerIsHungUpAfterIt() throws IOException {
		UUID call = askingForASeat();
		ring(call, 42, "sofia/internal/seat_talk@127.0.0.1:5080", 20);
		CallEvent.HungUp end = awaitHangup(call, Duration.ofSeconds(15));
		assertThat(kinds(call)).containsExactly("Answered", "TransferAsked", "SeatAnswered", "SeatHungUp", "HungUp");
		CallEvent.SeatAnswered answered = the(CallEvent.SeatAnswered.class, call);
		CallEvent.SeatHungUp seatEnd = the(CallEvent.SeatHungUp.class, call);
		assertThat(answered.seatId()).isEqualTo(42);
		assertThat(seatEnd.seatId()).isEqualTo(42);
		assertThat(Duration.between(answered.at(), seatEnd.at())).as("the seat talks 4 s")
			.isBetween(Duration.ofMillis(3500), Duration.ofMillis(5500));
		assertThat(end.at()).isAfterOrEqualTo(seatEnd.at());
		assertThat(end.hangupCause()).isEqualTo("NORMAL_CLEARING");
		assertThat(end.intention()).as("the bot's grade stays").isEqualTo("A");
		assertThat(end.billMillis()).as("billed for the bot's second and the seat's four")
			.isGreaterThanOrEqualTo(Duration.between(end.answeredAt(), seatEnd.at()).toMillis() - 200)
			.isGreaterThan(4500);
		String log = Files.readString(RealSwitch.RUN_DIR.resolve("log/freeswitch.log"), StandardCharsets.ISO_8859_1);
		assertThat(log).as("the seat is shown the customer's phone").contains("seat seat_talk answered, caller " + phone);
	}

	@Test
	void aSeatThatNeverAnswersIsMissedAtItsRingTimeoutAndTheCustomerHoldsOn() {
		UUID call = askingForASeat();
		Instant rung = Instant.now();
		ring(call, 7, "sofia/gateway/sipp_noanswer/1002", 3);
		await().atMost(Duration.ofSeconds(10)).until(() -> kinds(call).contains("SeatMissed"));
		CallEvent.SeatMissed missed = the(CallEvent.SeatMissed.class, call);
		assertThat(missed.seatId()).isEqualTo(7);
		assertThat(missed.cause()).isEqualTo("NO_ANSWER");
		assertThat(Duration.between(rung, missed.at())).as("FreeSWITCH counts the timeout in wall-clock seconds")
			.isBetween(Duration.ofMillis(1900), Duration.ofMillis(5000));
		await().atMost(Duration.ofSeconds(3))
			.until(() -> RealSwitch.api("uuid_getvar " + call + " current_application").strip().equals("endless_playback"));
		assertThat(up(call)).as("the customer holds on").isTrue();
		gateway.cancel(call);
		awaitHangup(call, Duration.ofSeconds(5));
		assertThat(kinds(call)).containsExactly("Answered", "TransferAsked", "SeatMissed", "HungUp");
	}

	@Test
	void aBusySeatIsMissedUserBusyAndTheNextSeatCanTakeTheCall() {
		UUID call = askingForASeat();
		ring(call, 8, "sofia/gateway/sipp_busy/1003", 20);
		await().atMost(Duration.ofSeconds(5)).until(() -> kinds(call).contains("SeatMissed"));
		assertThat(the(CallEvent.SeatMissed.class, call).cause()).isEqualTo("USER_BUSY");
		ring(call, 42, "sofia/internal/seat_talk@127.0.0.1:5080", 20);
		awaitHangup(call, Duration.ofSeconds(15));
		assertThat(kinds(call)).containsExactly("Answered", "TransferAsked", "SeatMissed", "SeatAnswered", "SeatHungUp",
				"HungUp");
	}

	@Test
	void backToTheBotRunsItsBusyBranchWhichGradesTheCallE() {
		UUID call = askingForASeat();
		gateway.backToBot(call, BOT);
		CallEvent.HungUp end = awaitHangup(call, Duration.ofSeconds(10));
		assertThat(end.hangupCause()).isEqualTo("NORMAL_CLEARING");
		assertThat(end.intention()).isEqualTo("E");
		assertThat(kinds(call)).containsExactly("Answered", "TransferAsked", "HungUp");
	}

	@Test
	void aHeldCustomerHearsTheHoldAudioUntilCancelled() {
		UUID call = askingForASeat();
		gateway.hold(call, HOLD);
		await().atMost(Duration.ofSeconds(3))
			.until(() -> RealSwitch.api("uuid_getvar " + call + " current_application").strip().equals("endless_playback"));
		assertThat(RealSwitch.api("uuid_getvar " + call + " current_application_data").strip()).isEqualTo(HOLD);
		gateway.cancel(call);
		assertThat(awaitHangup(call, Duration.ofSeconds(5)).hangupCause()).isEqualTo("ORIGINATOR_CANCEL");
		assertThat(kinds(call)).containsExactly("Answered", "TransferAsked", "HungUp");
	}

	@Test
	void aCustomerWhoHangsUpWhileTheSeatRingsTakesTheSeatsLegWithIt() {
		UUID call = askingForASeat();
		ring(call, 7, "sofia/gateway/sipp_noanswer/1002", 30);
		await().atMost(Duration.ofSeconds(5)).until(() -> RealSwitch.channelsWith(phone) == 2); // the customer, the seat
		RealSwitch.api("uuid_kill " + call + " NORMAL_CLEARING"); // the customer hangs up
		awaitHangup(call, Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).until(() -> RealSwitch.channelsWith(phone) == 0);
		assertThat(kinds(call)).containsExactly("Answered", "TransferAsked", "HungUp");
	}

	@Test
	void aDialerThatDiesOnceTheSeatIsRungLeavesTheBridgeToTheSwitchAndTheNextRunFollowsTheCallToItsEnd()
			throws IOException {
		UUID call = askingForASeat();
		Instant answeredAt = ((CallEvent.Answered) of(call).get(0)).at();
		ring(call, 42, "sofia/internal/seat_talk@127.0.0.1:5080", 20);
		await().atMost(Duration.ofSeconds(5)).until(() -> RealSwitch.channelsWith(phone) >= 2); // the seat's leg is up
		gateway.close(); // the dialer dies
		Instant lastSeen = Instant.now();

		List<CallEvent> heardNext = new CopyOnWriteArrayList<>();
		try (FreeSwitchGateway next = new FreeSwitchGateway(settings(), Clock.systemUTC())) {
			next.start("node-seats-next-" + UUID.randomUUID(),
					List.of(new OpenCall(call, "fs1", answeredAt, answeredAt, lastSeen)), heardNext::add);
			await().atMost(Duration.ofSeconds(15)).until(() -> !heardNext.isEmpty());
			CallEvent.HungUp end = (CallEvent.HungUp) heardNext.get(0);
			assertThat(end.hangupCause()).as("hung up after the seat, by the switch").isEqualTo("NORMAL_CLEARING");
			assertThat(end.billMillis()).isGreaterThan(4500);
		}
		String log = Files.readString(RealSwitch.RUN_DIR.resolve("log/freeswitch.log"), StandardCharsets.ISO_8859_1);
		assertThat(log).contains("seat seat_talk answered, caller " + phone);
	}

	@Test
	void aCallForASeatParksOnceAnsweredAndIsBridgedWhenRung() {
		OriginateRequest call = new OriginateRequest(new OriginateRequest.Identity(UUID.randomUUID(), UUID.randomUUID(), 1),
				new OriginateRequest.Callee(phone, phone, Map.of()),
				new OriginateRequest.Route(UUID.randomUUID(), "sipp_uas", "fs1", "02100000000", 30),
				new OriginateRequest.Destination("102", "XML", "default", Map.of(), true));
		gateway.originate(call);
		await().atMost(Duration.ofSeconds(10)).until(() -> kinds(call.callId()).contains("Answered"));
		ring(call.callId(), 42, "sofia/internal/seat_talk@127.0.0.1:5080", 20);
		awaitHangup(call.callId(), Duration.ofSeconds(15));
		assertThat(kinds(call.callId())).containsExactly("Answered", "SeatAnswered", "SeatHungUp", "HungUp");
	}

}
