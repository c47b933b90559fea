package io.calltask.freeswitch.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway.CallEvents;
import io.calltask.dialer.spi.OpenCall;

/**
 * The calls the gateway follows, placed and not yet ended, by call id, and their legs by channel uuid
 * (an event names a channel; the channel's leg names its call); and what they share: the threads
 * their work runs on, the clock, how long a failed job waits for its channel's hangup, and where the
 * dialer hears what happens to them. A channel no followed call owns is not ours.
 */
final class TrackedCalls {

	private final Map<UUID, TrackedCall> calls = new ConcurrentHashMap<>();

	/** Every followed call's legs, by channel uuid: the customer's under the call's own id. */
	private final Map<UUID, CallLeg> legs = new ConcurrentHashMap<>();

	private final CallThreads threads;

	private final Clock clock;

	private final Duration hangupGrace;

	private volatile CallEvents events;

	TrackedCalls(CallThreads threads, Clock clock, Duration hangupGrace) {
		this.threads = threads;
		this.clock = clock;
		this.hangupGrace = hangupGrace;
	}

	/** Where the dialer hears of its calls, before the first originate. */
	void tellTo(CallEvents events) {
		this.events = events;
	}

	/** Follows a call from now on, sent (if at all) on {@code node}'s current connection. */
	TrackedCall place(UUID id, String nodeId, FreeSwitchNode node) {
		TrackedCall call = new TrackedCall(id, nodeId, node, clock.instant(), node == null ? 0 : node.connection(), this);
		calls.put(id, call);
		call.legs().forEach(this::follow);
		return call;
	}

	/**
	 * Follows a call placed before this gateway started ({@link TrackedCall#adopted}); null if it is
	 * already followed (the dialer restarted in this process).
	 */
	TrackedCall adopt(OpenCall open, FreeSwitchNode node) {
		TrackedCall call = TrackedCall.adopted(open.callId(), open.nodeId(), node, open.startAt(), open.answeredAt(),
				open.lastSeen(), this);
		if (calls.putIfAbsent(open.callId(), call) != null) {
			return null;
		}
		call.legs().forEach(this::follow);
		return call;
	}

	/** Routes {@code leg}'s channel's events to its call from now on. */
	void follow(CallLeg leg) {
		legs.put(leg.channel, leg);
	}

	/** {@code leg}'s channel's events are no longer its call's. */
	void unfollow(CallLeg leg) {
		legs.remove(leg.channel, leg);
	}

	/** The call with this id, null if it is not ours or has ended. */
	TrackedCall get(UUID id) {
		return calls.get(id);
	}

	/** The leg on this channel, null if no call of ours owns it (another client's, or its call has ended). */
	CallLeg leg(UUID channel) {
		return legs.get(channel);
	}

	Collection<TrackedCall> all() {
		return calls.values();
	}

	int size() {
		return calls.size();
	}

	/** How many calls go through each node, by node id. */
	Map<String, Long> perNode() {
		Map<String, Long> perNode = new HashMap<>();
		for (TrackedCall call : calls.values()) {
			perNode.merge(call.nodeId, 1L, Long::sum);
		}
		return perNode;
	}

	/** Runs {@code work} on the call's thread (see {@link CallThreads}). */
	void run(TrackedCall call, Runnable work) {
		threads.run(call.id, work);
	}

	/** Runs {@code work} on the call's thread after {@code delay}. */
	void later(TrackedCall call, Duration delay, Runnable work) {
		threads.later(call.id, delay, work);
	}

	Clock clock() {
		return clock;
	}

	Duration hangupGrace() {
		return hangupGrace;
	}

	/** The call ended: neither it nor its channels are followed any more, and the dialer hears of it. */
	void ended(TrackedCall call, CallEvent.HungUp hangup) {
		calls.remove(call.id, call);
		call.legs().forEach(leg -> legs.remove(leg.channel, leg));
		events.on(hangup);
	}

	void answered(CallEvent.Answered answered) {
		events.on(answered);
	}

	/** Tells the dialer what happened to a call (its transfer to a seat). */
	void tell(CallEvent event) {
		events.on(event);
	}

}
