package io.calltask.freeswitch.internal;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway.SeatRing;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.freeswitch.esl.EslEvent;
import io.calltask.freeswitch.esl.EslException;
import io.calltask.freeswitch.esl.EslFrame;

/**
 * A call's transfer to a seat (转人工) on its switch: the bot's ask, the seat being rung or bridged
 * (a leg of its own, {@link CallLeg.Role#SEAT}, under a uuid chosen here), the engine's commands
 * ({@link TransferCommand}) and what the customer's park and the seat leg's events mean to the dialer.
 * <ul>
 * <li>The bot's ask: the customer parks with {@code calltask_transfer=1}: {@link CallEvent.TransferAsked},
 * once per call (a later ask, after {@link #toBot}, is not reported).</li>
 * <li>The seat answers: {@link CallEvent.SeatAnswered} (the switch bridges the two itself); its leg
 * ends: {@link CallEvent.SeatHungUp}, with the leg's {@code billmsec} (the switch's count of the time
 * bridged), and {@code hangup_after_bridge} hangs up the customer.</li>
 * <li>A miss: the bridge failed and the customer parked again carrying this ring's
 * {@code calltask_ring}; its cause is the seat leg's {@code Hangup-Cause} if heard by then, else the
 * bridge's {@code originate_disposition} (the only word when no seat channel was ever made, a bad
 * contact or an unregistered softphone). The customer is put back on hold, then
 * {@link CallEvent.SeatMissed}. A lost park is made up for: a seat leg that hung up unanswered
 * ends its ring as missed after {@code hangup-grace}, and one that vanished (the reconciler's checks)
 * at once.</li>
 * <li>A seat still ringing or bridged when the engine sends another command ({@link #ring},
 * {@link #hold}, {@link #toBot}) is given up: missed with {@code ORIGINATOR_CANCEL}, or hung up.</li>
 * <li>The customer hangs up: a seat that rang is not reported (the bridge hangs its leg up); one
 * that was bridged ends with {@link CallEvent.SeatHungUp} just before the call's hangup.</li>
 * </ul>
 * Touched only on its call's thread ({@link CallThreads}).
 */
final class SeatTransfer {

	private static final Logger log = LoggerFactory.getLogger(SeatTransfer.class);

	/** A miss's cause when a ring was given up for another command. */
	static final String GIVEN_UP = "ORIGINATOR_CANCEL";

	private final TrackedCall call;

	private final TrackedCalls calls;

	/** The bot has asked (reported once per call). */
	private boolean asked;

	/** The seat rung or bridged now; null when none. */
	private Ring ring;

	/** One seat rung for the call: its leg, and what has been heard of it. */
	private static final class Ring {

		final long seatId;

		final CallLeg leg;

		final String holdAudio;

		boolean answered;

		/** The seat leg's hangup cause, once it hung up unanswered (the miss waits for the customer's park). */
		String seatCause;

		Ring(long seatId, CallLeg leg, String holdAudio) {
			this.seatId = seatId;
			this.leg = leg;
			this.holdAudio = holdAudio;
		}

	}

	SeatTransfer(TrackedCall call, TrackedCalls calls) {
		this.call = call;
		this.calls = calls;
	}

	/** The customer parked: the bot asks for a seat, or the bridge to the seat being rung failed. */
	void parked(EslEvent event) {
		if ("1".equals(event.header("variable_" + TransferCommand.ASK))) {
			if (!asked) {
				asked = true;
				calls.tell(new CallEvent.TransferAsked(call.id, now()));
			}
			return;
		}
		Ring r = ring;
		if (r == null || r.answered || !r.leg.channel.toString().equals(event.header("variable_" + TransferCommand.RING))) {
			return; // a park of no ring of ours: a direct_bridge call's &park(), a ring given up
		}
		String cause = r.seatCause != null ? r.seatCause : event.header("variable_originate_disposition");
		missed(r, cause == null || cause.isBlank() ? "NORMAL_UNSPECIFIED" : cause.strip(), true);
	}

	/** Rings {@code seat}; whatever seat was rung or bridged before is given up. */
	void ring(SeatRing seat) {
		if (call.ended()) {
			return; // the customer is gone, and the engine has heard so
		}
		giveUp();
		FreeSwitchNode node = call.node;
		if (node == null || !node.up()) {
			calls.tell(new CallEvent.SeatMissed(call.id, seat.seatId(), now(), "GATEWAY_DOWN"));
			return;
		}
		UUID channel = UUID.randomUUID();
		String command;
		try {
			command = TransferCommand.ring(seat, channel, node.tag());
		}
		catch (OriginateCommand.Refused ex) {
			log.warn("call {}: seat {} not rung: {}", call.id, seat.seatId(), ex.getMessage());
			calls.tell(new CallEvent.SeatMissed(call.id, seat.seatId(), now(), ex.hangupCause()));
			return;
		}
		if (TransferCommand.audio(seat.holdAudio()) == null && seat.holdAudio() != null) {
			log.warn("call {}: hold audio '{}' cannot be sent; the customer waits in silence", call.id, seat.holdAudio());
		}
		Ring r = new Ring(seat.seatId(), call.newLeg(channel, CallLeg.Role.SEAT), seat.holdAudio());
		ring = r;
		node.transfer(command).whenComplete((reply, error) -> calls.run(call, () -> ringSent(r, reply, error)));
	}

	private void ringSent(Ring r, EslFrame reply, Throwable error) {
		if (call.ended() || ring != r) {
			return;
		}
		if (error instanceof EslException.NotSent || error instanceof IllegalArgumentException) {
			missed(r, "GATEWAY_DOWN", false);
		}
		else if (error != null) {
			// Lost or timed out: maybe sent. The seat leg's events, or the check of it after the reconnect, will tell.
			log.debug("call {}: ring of seat {} unconfirmed: {}", call.id, r.seatId, error.getMessage());
		}
		else if (!reply.ok()) {
			String text = reply.bodyText().strip();
			if (text.toLowerCase(Locale.ROOT).contains("no such channel")) {
				forget(r); // the customer is gone: its hangup is on the way
			}
			else {
				missed(r, TrackedCall.cause(text, "NORMAL_TEMPORARY_FAILURE"), false);
			}
		}
	}

	/** The customer waits hearing {@code holdAudio}; whatever seat was rung or bridged is given up. */
	void hold(String holdAudio) {
		if (call.ended()) {
			return;
		}
		giveUp();
		send(TransferCommand.hold(call.id, holdAudio), "hold");
	}

	/** Back to the bot at {@code to} with {@code calltask_bridge_result=busy}; whatever seat was rung or bridged is given up. */
	void toBot(OriginateRequest.Destination to) {
		if (call.ended()) {
			return;
		}
		giveUp();
		String command;
		try {
			command = TransferCommand.toBot(call.id, to);
		}
		catch (OriginateCommand.Refused ex) {
			log.error("call {}: not sent back to its bot: {}", call.id, ex.getMessage());
			return;
		}
		send(command, "back to the bot");
	}

	/** One of the seat leg's events. */
	void seatHeard(CallLeg leg, EslEvent event) {
		Ring r = ring;
		if (r == null || r.leg != leg) {
			return; // a seat given up: its leg is no longer followed
		}
		switch (event.name()) {
			case "CHANNEL_ANSWER" -> answered(r);
			case "CHANNEL_HANGUP_COMPLETE" -> {
				long billMillis = number(event.header("variable_billmsec"));
				if (r.answered || billMillis > 0 || positive(event.header("variable_answer_epoch"))) {
					answered(r);
					forget(r);
					// the time bridged as the switch bills the seat's leg: the delays of reading its
					// answer and its hangup do not skew it
					calls.tell(new CallEvent.SeatHungUp(call.id, r.seatId, now(), billMillis > 0 ? billMillis : -1));
					return;
				}
				String cause = event.header("Hangup-Cause");
				r.seatCause = cause == null || cause.isBlank() ? "NORMAL_UNSPECIFIED" : cause;
				call.dropLeg(r.leg);
				// the miss comes with the customer's park; should that be lost, with this
				calls.later(call, calls.hangupGrace(), () -> {
					if (!call.ended() && ring == r) {
						missed(r, r.seatCause, true);
					}
				});
			}
			default -> {
			}
		}
	}

	private void answered(Ring r) {
		if (!r.answered) {
			r.answered = true;
			calls.tell(new CallEvent.SeatAnswered(call.id, r.seatId, now()));
		}
	}

	/** The seat leg's channel vanished unheard (its events were lost): hung up if it had answered, else a miss. */
	void seatVanished(CallLeg leg) {
		Ring r = ring;
		if (r == null || r.leg != leg) {
			return;
		}
		if (r.answered) {
			forget(r);
			calls.tell(new CallEvent.SeatHungUp(call.id, r.seatId, now()));
		}
		else {
			missed(r, r.seatCause != null ? r.seatCause : TrackedCall.LOST, true);
		}
	}

	/** The call ends at {@code at}: a seat bridged to it ends first. */
	void customerEnded(Instant at) {
		Ring r = ring;
		if (r == null) {
			return;
		}
		forget(r);
		if (r.answered) {
			calls.tell(new CallEvent.SeatHungUp(call.id, r.seatId, at));
		}
	}

	/** Another command comes: the seat rung before is missed, the one bridged hangs up (the switch ends its leg). */
	private void giveUp() {
		Ring r = ring;
		if (r == null) {
			return;
		}
		forget(r);
		calls.tell(r.answered ? new CallEvent.SeatHungUp(call.id, r.seatId, now())
				: new CallEvent.SeatMissed(call.id, r.seatId, now(), GIVEN_UP));
	}

	/** The ring missed with {@code cause}; the customer is put back on hold first if {@code holdAgain}. */
	private void missed(Ring r, String cause, boolean holdAgain) {
		forget(r);
		if (holdAgain) {
			send(TransferCommand.hold(call.id, r.holdAudio), "hold after a miss");
		}
		calls.tell(new CallEvent.SeatMissed(call.id, r.seatId, now(), cause));
	}

	private void forget(Ring r) {
		if (ring == r) {
			ring = null;
		}
		call.dropLeg(r.leg);
	}

	private void send(String command, String what) {
		FreeSwitchNode node = call.node;
		if (node == null || !node.up()) {
			log.warn("call {}: {} not sent: its node is not connected", call.id, what);
			return;
		}
		CompletableFuture<EslFrame> sent = node.transfer(command);
		sent.whenComplete((reply, error) -> {
			if (error != null || !reply.ok()) {
				log.debug("call {}: {} failed: {}", call.id, what, error != null ? error.getMessage() : reply.bodyText().strip());
			}
		});
	}

	private Instant now() {
		return calls.clock().instant();
	}

	private static boolean positive(String number) {
		return number(number) > 0;
	}

	/** A number the switch sent, -1 if none. */
	private static long number(String number) {
		try {
			return number == null ? -1 : Long.parseLong(number.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
