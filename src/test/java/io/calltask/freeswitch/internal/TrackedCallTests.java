package io.calltask.freeswitch.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.calltask.dialer.spi.CallEvent;
import io.calltask.freeswitch.esl.EslEvent;
import io.calltask.freeswitch.esl.EslException;
import io.calltask.freeswitch.esl.EslFrame;
import io.calltask.freeswitch.esl.SwitchEvent;
import io.calltask.time.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One call's events as the dialer hears them, fed straight in on the test's thread under a stepped
 * clock: no switch, no connection (the call's node is unknown, so it sends nothing).
 */
class TrackedCallTests {

	private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

	private final MutableClock clock = new MutableClock(T0);

	private final CallThreads threads = new CallThreads(1);

	/** A grace no test outlasts, so that only the test that waits for it sees it end a call. */
	private final TrackedCalls calls = new TrackedCalls(threads, clock, Duration.ofHours(1));

	private final List<CallEvent> heard = new CopyOnWriteArrayList<>();

	private final UUID id = UUID.randomUUID();

	private final TrackedCall call;

	TrackedCallTests() {
		calls.tellTo(heard::add);
		call = calls.place(id, "fs1", null);
	}

	@AfterEach
	void close() {
		threads.close();
	}

	private EslEvent event(String name, String... headersAndValues) {
		SwitchEvent e = new SwitchEvent(name).add("Unique-ID", id.toString());
		for (int i = 0; i < headersAndValues.length; i += 2) {
			e.add(headersAndValues[i], headersAndValues[i + 1]);
		}
		return EslEvent.plain(e.plain());
	}

	private EslEvent jobResult(String result) {
		return EslEvent.plain(new SwitchEvent("BACKGROUND_JOB").add("Job-UUID", id.toString()).body(result).plain());
	}

	private static EslFrame reply(String text) {
		return new EslFrame(new String[] { "Content-Type: command/reply", "Reply-Text: " + text }, null);
	}

	private CallEvent.HungUp theHangup() {
		assertThat(heard).filteredOn(CallEvent.HungUp.class::isInstance).hasSize(1);
		return (CallEvent.HungUp) heard.get(heard.size() - 1);
	}

	@Test
	void anAnsweredCallIsBilledWhatTheChannelSays() {
		call.heard(call.customer(), jobResult("+OK " + id));
		clock.advance(Duration.ofSeconds(1));
		call.heard(call.customer(), event("CHANNEL_ANSWER"));
		clock.advance(Duration.ofSeconds(2));
		call.heard(call.customer(), event("CHANNEL_ANSWER"));
		clock.advance(Duration.ofSeconds(3));
		call.heard(call.customer(), event("CHANNEL_HANGUP_COMPLETE", "Hangup-Cause", "NORMAL_CLEARING", "variable_billmsec", "4200"));
		assertThat(heard).hasSize(2);
		assertThat(heard.get(0)).isEqualTo(new CallEvent.Answered(id, T0.plusSeconds(1)));
		assertThat(theHangup()).isEqualTo(
				CallEvent.HungUp.billed(id, T0.plusSeconds(6), "NORMAL_CLEARING", T0.plusSeconds(1), 4200));
		assertThat(calls.size()).isZero();
	}

	@Test
	void aCalleeWhoOptedOutIsReportedWithTheHangup() {
		call.heard(call.customer(), jobResult("+OK " + id));
		clock.advance(Duration.ofSeconds(1));
		call.heard(call.customer(), event("CHANNEL_ANSWER"));
		clock.advance(Duration.ofSeconds(3));
		call.heard(call.customer(), event("CHANNEL_HANGUP_COMPLETE", "Hangup-Cause", "NORMAL_CLEARING", "variable_billmsec",
				"3000", "variable_calltask_intention", "F", "variable_calltask_optout", "1"));
		assertThat(theHangup()).isEqualTo(CallEvent.HungUp.billed(id, T0.plusSeconds(4), "NORMAL_CLEARING",
				T0.plusSeconds(1), 3000).leaving("F", null).optingOut(true));
	}

	@Test
	void anOptoutVariableOtherThanATrueValueIsNoOptout() {
		call.heard(call.customer(), event("CHANNEL_HANGUP_COMPLETE", "Hangup-Cause", "NORMAL_CLEARING", "variable_billmsec",
				"3000", "variable_calltask_optout", "0"));
		assertThat(theHangup().optout()).isFalse();
	}

	@Test
	void withoutBillingTheTimeFromTheAnswerIsBilled() {
		clock.advance(Duration.ofSeconds(1));
		call.heard(call.customer(), event("CHANNEL_ANSWER"));
		clock.advance(Duration.ofSeconds(3));
		call.heard(call.customer(), event("CHANNEL_HANGUP_COMPLETE", "Hangup-Cause", "NORMAL_CLEARING"));
		assertThat(theHangup().billMillis()).isEqualTo(3000);
	}

	@Test
	void aMissedAnswerIsInferredFromTheBilledSeconds() {
		clock.advance(Duration.ofSeconds(10));
		call.heard(call.customer(), event("CHANNEL_HANGUP_COMPLETE", "Hangup-Cause", "NORMAL_CLEARING", "variable_billsec", "4"));
		CallEvent.HungUp h = theHangup();
		assertThat(h.answeredAt()).isEqualTo(T0.plusSeconds(6));
		assertThat(h.billMillis()).isEqualTo(4000);
		assertThat(heard).as("no answer event after the fact").hasSize(1);
	}

	@Test
	void aHangupWithoutCauseOrBillingIsUnspecifiedAndUnanswered() {
		call.heard(call.customer(), event("CHANNEL_HANGUP_COMPLETE", "variable_da_status", "  "));
		assertThat(theHangup()).isEqualTo(CallEvent.HungUp.unanswered(id, T0, "NORMAL_UNSPECIFIED"));
	}

	@Test
	void aJobThatFailedWithoutAChannelEndsTheCallAtOnce() {
		call.heard(call.customer(), jobResult("-ERR GATEWAY_DOWN\n"));
		assertThat(theHangup().hangupCause()).isEqualTo("GATEWAY_DOWN");
		call.heard(call.customer(), event("CHANNEL_HANGUP_COMPLETE", "Hangup-Cause", "NORMAL_CLEARING"));
		assertThat(heard).as("exactly one hangup").hasSize(1);
	}

	@Test
	void aFailedJobWaitsForTheChannelsHangupWhichCarriesTheDetectorsResult() {
		call.heard(call.customer(), jobResult("-ERR NO_ANSWER\n"));
		assertThat(heard).isEmpty();
		call.heard(call.customer(), event("CHANNEL_HANGUP_COMPLETE", "Hangup-Cause", "NO_ANSWER", "variable_da_status", " 空号 "));
		CallEvent.HungUp h = theHangup();
		assertThat(h.hangupCause()).isEqualTo("NO_ANSWER");
		assertThat(h.daStatus()).isEqualTo("空号");
	}

	@Test
	void aFailedJobWhoseChannelNeverReportsEndsWithTheJobsCauseAfterTheGrace() throws InterruptedException {
		TrackedCalls shortGrace = new TrackedCalls(threads, clock, Duration.ofMillis(50));
		shortGrace.tellTo(heard::add);
		TrackedCall busy = shortGrace.place(id, "fs1", null);
		threads.run(id, () -> busy.heard(busy.customer(), jobResult("-ERR USER_BUSY\n")));
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (heard.isEmpty() && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(5);
		}
		assertThat(theHangup().hangupCause()).isEqualTo("USER_BUSY");
		assertThat(shortGrace.size()).isZero();
	}

	@Test
	void anOriginateThatWasNeverSentEndsAsGatewayDown() {
		call.placed(null, new EslException.NotSent("fs1: not connected"));
		assertThat(theHangup().hangupCause()).isEqualTo("GATEWAY_DOWN");
	}

	@Test
	void anOriginateThatMayHaveBeenSentIsLeftToTheChecks() {
		call.placed(null, new EslException.Lost("fs1: connection closed"));
		call.placed(null, new EslException.Timeout("fs1: no reply"));
		assertThat(heard).isEmpty();
		assertThat(calls.get(id)).isSameAs(call);
	}

	@Test
	void aRefusedOriginateEndsWithTheCauseItNames() {
		call.placed(reply("-ERR INVALID_GATEWAY"), null);
		assertThat(theHangup().hangupCause()).isEqualTo("INVALID_GATEWAY");
	}

	@Test
	void aVanishedChannelEndsWithItsFailedJobsCauseElseAsLost() {
		call.heard(call.customer(), jobResult("-ERR NO_ROUTE_DESTINATION\n"));
		call.vanished(call.customer(), T0);
		assertThat(theHangup().hangupCause()).isEqualTo("NO_ROUTE_DESTINATION");

		TrackedCall other = calls.place(UUID.randomUUID(), "fs1", null);
		other.vanished(other.customer(), T0);
		assertThat(heard.get(1)).isEqualTo(CallEvent.HungUp.unanswered(other.id, T0, TrackedCall.LOST));
	}

	@Test
	void aLostAnsweredCallIsBilledUpToWhenItWasLost() {
		call.heard(call.customer(), event("CHANNEL_ANSWER"));
		clock.advance(Duration.ofMinutes(10));
		call.lost(T0.plusSeconds(90));
		assertThat(theHangup()).isEqualTo(CallEvent.HungUp.billed(id, T0.plusSeconds(90), TrackedCall.LOST, T0, 90_000));
	}

	@Test
	void aCallsEventsReachItThroughItsCustomerChannelUntilItEnds() {
		assertThat(calls.leg(id)).as("the customer's channel is the call's id").isSameAs(call.customer());
		assertThat(call.customer().role).isEqualTo(CallLeg.Role.CUSTOMER);
		assertThat(calls.leg(UUID.randomUUID())).as("a channel no call owns is not ours").isNull();
		call.heard(call.customer(), event("CHANNEL_HANGUP_COMPLETE", "Hangup-Cause", "NORMAL_CLEARING"));
		assertThat(calls.leg(id)).as("an ended call's channel is no longer ours").isNull();
		assertThat(calls.get(id)).isNull();
	}

	@Test
	void causesAreReadFromJobResults() {
		assertThat(TrackedCall.cause("-ERR USER_BUSY\n", "X")).isEqualTo("USER_BUSY");
		assertThat(TrackedCall.cause("-ERR GATEWAY_DOWN", "X")).isEqualTo("GATEWAY_DOWN");
		assertThat(TrackedCall.cause("-ERR no reply", "X")).isEqualTo("X");
		assertThat(TrackedCall.cause("", "X")).isEqualTo("X");
	}

}
