package io.calltask.freeswitch.internal;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.freeswitch.FreeSwitchSettings;
import io.calltask.freeswitch.esl.EslFrame;

/**
 * Finds the calls whose end was missed (the connection dropped, an event was lost) and ends them,
 * so none stays "calling" forever. It checks channels, one per leg ({@link CallLeg}):
 * {@code uuid_exists} after a reconnect for the legs sent before it (and for the legs of calls
 * adopted from an earlier run, whose first check claims them), and every {@code reconcile-interval}
 * for the others; a channel must be missing twice, {@code hangup-grace} apart, before it counts as
 * vanished ({@link TrackedCall#vanished}: the customer's ends its call as lost, a seat's its ring). Calls of a node
 * unreachable for {@code lost-after} end as lost without asking, and their channels are hung up
 * there if it comes back.
 * <p>
 * Each call's checks run on its call thread; the sweep only hands work on from the timer.
 */
final class CallReconciler {

	private static final Logger log = LoggerFactory.getLogger(CallReconciler.class);

	private final TrackedCalls calls;

	private final Duration hangupGrace;

	private final Duration reconcileInterval;

	private final Duration lostAfter;

	CallReconciler(TrackedCalls calls, FreeSwitchSettings settings) {
		this.calls = calls;
		this.hangupGrace = settings.hangupGrace();
		this.reconcileInterval = settings.reconcileInterval();
		this.lostAfter = settings.lostAfter();
	}

	/** How often {@link #sweep} runs: often enough for the interval and for lost-after, at most every 15 s. */
	Duration sweepEvery() {
		long often = Math.min(reconcileInterval.toMillis(), lostAfter.toMillis()) / 4;
		return Duration.ofMillis(Math.max(100, Math.min(often, 15_000)));
	}

	/** {@code node} connected again: its calls sent before may have ended unheard; a cancel may not have reached them. */
	void reconnected(FreeSwitchNode node, long connection) {
		for (TrackedCall call : calls.all()) {
			if (call.node == node) {
				calls.run(call, () -> reconnected(call, connection));
			}
		}
	}

	private void reconnected(TrackedCall call, long connection) {
		if (call.ended()) {
			return;
		}
		call.cancelAgainIfCancelled();
		for (CallLeg leg : call.legs()) {
			if (leg.sentOn < connection) {
				check(leg);
			}
		}
	}

	/** Periodic: calls of long-unreachable nodes are lost; channels not asked for for a while are checked. */
	void sweep() {
		try {
			Instant now = calls.clock().instant();
			for (TrackedCall call : calls.all()) {
				if (call.node != null) {
					calls.run(call, () -> sweep(call, now));
				}
			}
		}
		catch (RuntimeException ex) {
			log.error("freeswitch sweep failed", ex);
		}
	}

	private void sweep(TrackedCall call, Instant now) {
		if (call.ended()) {
			return;
		}
		FreeSwitchNode node = call.node;
		if (!node.up()) {
			if (lostWith(node.downSince(), call.placedAt, now, lostAfter)) {
				call.lost(lostAt(call, node.lastDown(), now));
				// if the node was only unreachable, the call's channels may still be up there
				call.legs().forEach(leg -> node.hangUpLost(leg.channel));
			}
			return;
		}
		for (CallLeg leg : call.legs()) {
			if (Duration.between(leg.checkedAt, now).compareTo(reconcileInterval) >= 0) {
				check(leg);
			}
		}
	}

	/**
	 * A call placed before the gateway started: its legs are checked (and claimed) now if its node is
	 * up, else once it connects.
	 */
	void adopted(TrackedCall call) {
		if (!call.ended() && call.node.up()) {
			call.legs().forEach(this::check);
		}
	}

	/**
	 * Asks the node whether the leg's channel still exists (an adopted call's first check claims it
	 * too); missing twice, a grace apart: it ended unheard.
	 */
	private void check(CallLeg leg) {
		TrackedCall call = leg.call;
		leg.checkedAt = calls.clock().instant();
		(call.adopted && !leg.claimed ? call.node.claim(leg.channel) : call.node.exists(leg.channel))
			.whenComplete((reply, error) -> calls.run(call, () -> checked(leg, reply, error)));
	}

	private void checked(CallLeg leg, EslFrame reply, Throwable error) {
		TrackedCall call = leg.call;
		if (call.ended() || error != null) {
			return; // an unanswered check is asked again after the next reconnect or interval
		}
		String answer = reply.bodyText().strip();
		if (answer.equals("true") || answer.startsWith("+OK")) {
			leg.claimed |= call.adopted;
			leg.missing = 0;
			call.aliveAt = calls.clock().instant();
		}
		else if (answer.equals("false") || answer.startsWith("-ERR")) {
			if (++leg.missing >= 2) {
				call.vanished(leg, lostAt(call, call.node.lastDown(), calls.clock().instant()));
			}
			else {
				calls.later(call, hangupGrace, () -> {
					if (!call.ended() && call.node.up()) {
						check(leg);
					}
				});
			}
		}
	}

	private static Instant lostAt(TrackedCall call, Instant lastDown, Instant now) {
		return lostAt(call.aliveAt, call.placedAt, lastDown, now);
	}

	/**
	 * When a call we lost track of is taken to have ended: the last moment it was known up, or, if it
	 * was placed before the connection last dropped ({@code lastDown}, null if never), that moment
	 * (while connected its hangup would have been heard). Never the outage's end: an answered call is
	 * not billed for the outage; never later than {@code now}.
	 */
	static Instant lostAt(Instant aliveAt, Instant placedAt, Instant lastDown, Instant now) {
		Instant at = aliveAt;
		if (lastDown != null && lastDown.isAfter(at) && placedAt.isBefore(lastDown)) {
			at = lastDown;
		}
		return at.isAfter(now) ? now : at;
	}

	/**
	 * Whether a call is lost with its node: the node has been unreachable since {@code downSince} (null:
	 * it is not) and both the outage and the call are at least {@code lostAfter} old.
	 */
	static boolean lostWith(Instant downSince, Instant placedAt, Instant now, Duration lostAfter) {
		return downSince != null && Duration.between(downSince, now).compareTo(lostAfter) >= 0
				&& Duration.between(placedAt, now).compareTo(lostAfter) >= 0;
	}

}
