package io.calltask.freeswitch.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.OpenCall;
import io.calltask.freeswitch.esl.EslEvent;
import io.calltask.freeswitch.esl.EslException;
import io.calltask.freeswitch.esl.EslFrame;

/**
 * One call placed through a node, from the originate to its one hangup: its legs (the channels it
 * owns on the switch: the customer's, and the seat's while one is rung or bridged, {@link CallLeg}),
 * what it has been through, and what each of its legs' Event Socket events means to the dialer
 * ({@link CallEvent}; those of a transfer to a seat through its {@link SeatTransfer}). A job that fails
 * ({@code BACKGROUND_JOB -ERR}) before its channel exists ends the call at once for the causes that
 * never have a channel, otherwise after {@code hangup-grace} unless the channel's own hangup event,
 * which carries more, comes first.
 * <p>
 * Its mutable fields (and its legs') are touched only on its call thread ({@link CallThreads}): by
 * the methods here and by the {@link CallReconciler}'s checks. Nothing in it is locked.
 */
final class TrackedCall {

	private static final Logger log = LoggerFactory.getLogger(TrackedCall.class);

	/** Failures FreeSWITCH reports before any channel exists: no hangup event will follow. */
	private static final Set<String> NO_CHANNEL = Set.of("GATEWAY_DOWN", "INVALID_GATEWAY");

	/** How a call whose end we never heard is closed (as the engine closes calls lost in a crash). */
	static final String LOST = OpenCall.LOST_CAUSE;

	private static final int KILL_TRIES = 5;

	private static final Duration KILL_RETRY = Duration.ofMillis(250);

	final UUID id;

	final String nodeId;

	/** The node the call goes through; null if no node has its id (the call then ends at once). */
	final FreeSwitchNode node;

	final Instant placedAt;

	/**
	 * Placed before this gateway started (an earlier run, a node that died): each leg's first check
	 * also claims its events for this dialer node ({@link FreeSwitchNode#claim}).
	 */
	final boolean adopted;

	/** The customer's channel, whose uuid is the call's id. */
	private final CallLeg customer;

	/** Its channels, the customer's first; added to on the call thread, read from any. */
	private final List<CallLeg> legs = new CopyOnWriteArrayList<>();

	private final TrackedCalls calls;

	/** Its transfer to a seat, if the bot or the engine asks for one. */
	private final SeatTransfer transfer;

	private Instant answeredAt;

	/** The last moment the call was known to be up (placed, answered, or a leg found by a check). */
	Instant aliveAt;

	private boolean cancelled;

	private int kills;

	private boolean ended;

	/** A failed job's cause, waiting {@code hangup-grace} for the channel's hangup event. */
	private String failedCause;

	TrackedCall(UUID id, String nodeId, FreeSwitchNode node, Instant placedAt, long sentOn, TrackedCalls calls) {
		this(id, nodeId, node, placedAt, sentOn, false, null, placedAt, calls);
	}

	/** A call placed before this gateway started, answered at {@code answeredAt} (null if not known), last known up at {@code aliveAt}. */
	static TrackedCall adopted(UUID id, String nodeId, FreeSwitchNode node, Instant placedAt, Instant answeredAt,
			Instant aliveAt, TrackedCalls calls) {
		return new TrackedCall(id, nodeId, node, placedAt, 0, true, answeredAt, aliveAt, calls);
	}

	private TrackedCall(UUID id, String nodeId, FreeSwitchNode node, Instant placedAt, long sentOn, boolean adopted,
			Instant answeredAt, Instant aliveAt, TrackedCalls calls) {
		this.id = id;
		this.nodeId = nodeId;
		this.node = node;
		this.placedAt = placedAt;
		this.adopted = adopted;
		this.answeredAt = answeredAt;
		this.calls = calls;
		this.aliveAt = aliveAt;
		this.customer = new CallLeg(this, id, CallLeg.Role.CUSTOMER, sentOn, adopted ? calls.clock().instant() : placedAt);
		legs.add(customer);
		this.transfer = new SeatTransfer(this, calls);
	}

	boolean ended() {
		return ended;
	}

	/** The customer's leg: the channel the dialer originated, under the call's id. */
	CallLeg customer() {
		return customer;
	}

	/** Every channel the call owns, the customer's first. */
	List<CallLeg> legs() {
		return legs;
	}

	/** A channel the call owns from now on, made on its node's current connection: its events come to the call. */
	CallLeg newLeg(UUID channel, CallLeg.Role role) {
		CallLeg leg = new CallLeg(this, channel, role, node == null ? 0 : node.connection(), now());
		legs.add(leg);
		calls.follow(leg);
		return leg;
	}

	/** A leg other than the customer's is no longer followed (its channel ended, or is of no more interest). */
	void dropLeg(CallLeg leg) {
		if (leg != customer && legs.remove(leg)) {
			calls.unfollow(leg);
		}
	}

	/** Its transfer to a seat: the engine's commands go there. */
	SeatTransfer transfer() {
		return transfer;
	}

	/** The reply to the customer leg's originate (or why there is none). */
	void placed(EslFrame reply, Throwable error) {
		if (ended) {
			return;
		}
		if (error instanceof EslException.NotSent || error instanceof IllegalArgumentException) {
			end("GATEWAY_DOWN");
		}
		else if (error != null) {
			// Lost or timed out: maybe sent, maybe not. The check after the reconnect will tell.
			log.debug("call {}: originate unconfirmed: {}", id, error.getMessage());
		}
		else if (!reply.ok()) {
			end(cause(reply.replyText(), "NORMAL_TEMPORARY_FAILURE"));
		}
	}

	/** One of {@code leg}'s events: its job's result, its answer, its hangup. */
	void heard(CallLeg leg, EslEvent event) {
		if (ended) {
			return;
		}
		switch (leg.role) {
			case CUSTOMER -> customerHeard(event);
			case SEAT -> transfer.seatHeard(leg, event);
		}
	}

	/**
	 * The customer leg's events are the call's: its answer is the call's answer, its hangup the call's
	 * end; its park is the bot's ask for a seat or a seat missed.
	 */
	private void customerHeard(EslEvent event) {
		switch (event.name()) {
			case "BACKGROUND_JOB" -> jobDone(event.body().strip());
			case "CHANNEL_ANSWER" -> answered();
			case "CHANNEL_PARK" -> transfer.parked(event);
			case "CHANNEL_HANGUP_COMPLETE" -> hungUp(event);
			default -> {
			}
		}
	}

	private void jobDone(String result) {
		if (result.startsWith("+OK")) {
			aliveAt = now();
			if (cancelled) {
				kill();
			}
			return;
		}
		String cause = cause(result, "NORMAL_TEMPORARY_FAILURE");
		if (NO_CHANNEL.contains(cause)) {
			end(cause);
		}
		else {
			endAfterGrace(cause);
		}
	}

	private void answered() {
		if (answeredAt != null) {
			return;
		}
		answeredAt = now();
		aliveAt = answeredAt;
		calls.answered(new CallEvent.Answered(id, answeredAt));
		if (cancelled) {
			kill();
		}
	}

	/**
	 * The channel's hangup: its cause, billing, the detector's result and what the bot left
	 * ({@code calltask_intention}, {@code calltask_recording_url}, held to their rules by
	 * {@link CallEvent.HungUp}, and {@code calltask_optout}); answered if billed though we missed the answer.
	 */
	private void hungUp(EslEvent event) {
		String cause = event.header("Hangup-Cause");
		long bill = number(event.header("variable_billmsec"));
		if (bill < 0) {
			long seconds = number(event.header("variable_billsec"));
			bill = seconds < 0 ? 0 : seconds * 1000;
		}
		Instant now = now();
		Instant answered = answeredAt;
		if (answered == null && (bill > 0 || number(event.header("variable_answer_epoch")) > 0)) {
			answered = now.minusMillis(bill);
		}
		String da = event.header("variable_da_status");
		end(cause == null || cause.isEmpty() ? "NORMAL_UNSPECIFIED" : cause, now, answered, bill,
				da == null || da.isBlank() ? null : da.strip(), event.header("variable_calltask_intention"),
				event.header("variable_calltask_recording_url"),
				CallEvent.HungUp.optsOut(event.header("variable_calltask_optout")));
	}

	/**
	 * Ends the call with the failed job's {@code cause} after the grace, unless its hangup event comes
	 * first (the last job result wins, as the job's cause is what FreeSWITCH says).
	 */
	private void endAfterGrace(String cause) {
		boolean scheduled = failedCause != null;
		failedCause = cause;
		if (!scheduled) {
			calls.later(this, calls.hangupGrace(), () -> end(failedCause));
		}
	}

	/** The dialer cancels the call: {@code ORIGINATOR_CANCEL}. */
	void cancel() {
		cancelled = true;
		kills = 0;
		kill();
	}

	/** After a reconnect: a cancel sent while the node was away (or not at all) is sent again. */
	void cancelAgainIfCancelled() {
		if (cancelled) {
			kills = 0;
			kill();
		}
	}

	/**
	 * {@code uuid_kill}, retried while FreeSWITCH has no such channel yet (the kill overtook the
	 * originate); a node that is down gets it again when it is back.
	 */
	private void kill() {
		if (ended || node == null || !node.up()) {
			return;
		}
		kills++;
		node.kill(customer.channel, "ORIGINATOR_CANCEL").whenComplete((reply, error) -> {
			boolean noChannel = error == null && reply.bodyText().startsWith("-ERR");
			if (noChannel) {
				calls.later(this, KILL_RETRY, () -> {
					if (!ended && kills < KILL_TRIES) {
						kill();
					}
				});
			}
		});
	}

	/** Ends the call now with {@code cause}, unanswered unless its answer was heard. */
	void end(String cause) {
		end(cause, now(), null, 0, null, null, null, false);
	}

	/** Ends a call whose end was never heard, as of {@code at} ({@link #LOST}): its node stayed unreachable. */
	void lost(Instant at) {
		end(LOST, at, null, 0, null, null, null, false);
	}

	/**
	 * {@code leg}'s channel vanished unheard, as of {@code at}. The customer's ends the call: with its
	 * failed job's cause if there was one (its hangup event never came), otherwise {@link #LOST}. A
	 * seat's ends its ring or bridge ({@link SeatTransfer#seatVanished}).
	 */
	void vanished(CallLeg leg, Instant at) {
		switch (leg.role) {
			case CUSTOMER -> end(failedCause != null ? failedCause : LOST, at, null, 0, null, null, null, false);
			case SEAT -> transfer.seatVanished(leg);
		}
	}

	private void end(String cause, Instant at, Instant answered, long billMillis, String daStatus, String intention,
			String recordingUrl, boolean optout) {
		if (ended) {
			return;
		}
		ended = true;
		transfer.customerEnded(at);
		Instant answeredAt = answered != null ? answered : this.answeredAt;
		if (answeredAt != null && billMillis <= 0) {
			billMillis = Math.max(0, Duration.between(answeredAt, at).toMillis());
		}
		calls.ended(this, new CallEvent.HungUp(id, at, cause, answeredAt, billMillis, daStatus, intention,
				recordingUrl, optout));
	}

	private Instant now() {
		return calls.clock().instant();
	}

	/** The cause in {@code -ERR USER_BUSY}, or {@code otherwise} if the text names none. */
	static String cause(String text, String otherwise) {
		String rest = text.strip();
		if (rest.startsWith("-ERR")) {
			rest = rest.substring(4).strip();
		}
		int end = 0;
		while (end < rest.length() && (Character.isUpperCase(rest.charAt(end)) || Character.isDigit(rest.charAt(end))
				|| rest.charAt(end) == '_')) {
			end++;
		}
		String word = rest.substring(0, end);
		return word.length() >= 3 && (end == rest.length() || Character.isWhitespace(rest.charAt(end))) ? word : otherwise;
	}

	/** A whole number from a channel variable, or -1. */
	private static long number(String text) {
		if (text == null || text.isEmpty()) {
			return -1;
		}
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
