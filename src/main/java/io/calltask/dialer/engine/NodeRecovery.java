package io.calltask.dialer.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.dialer.engine.DialerNodes.LostCall;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.dialer.spi.OpenCall;

/**
 * This node's liveness among the nodes sharing the database, and what a dead node left behind. On
 * start the node registers and recovers what it left last time it ran; its heartbeat (every third
 * of {@code calltask.dialer.node-timeout}) keeps it alive and takes over nodes that stopped beating.
 * Claimed numbers go back to the queue; calls left open are adopted: followed again, counted against
 * their line and task, and handed to the gateway, which follows them to their real end on the switch
 * or ends them as lost ({@link OpenCall#LOST_CAUSE}) if they are gone.
 */
final class NodeRecovery {

	private static final Logger log = LoggerFactory.getLogger(NodeRecovery.class);

	private final DialerNodes nodes;

	private final DialerSettings settings;

	private final Clock clock;

	private final CallsInProgress calls;

	private final TrackedLines lines;

	private final CallGateway gateway;

	/** Rereads tasks at once, on this thread: the lost calls' tasks and rules are known before their ends. */
	private final Consumer<Instant> rereadNow;

	private Instant nextHeartbeat = Instant.MIN;

	NodeRecovery(DialerNodes nodes, DialerSettings settings, Clock clock, CallsInProgress calls, TrackedLines lines,
			CallGateway gateway, Consumer<Instant> rereadNow) {
		this.nodes = nodes;
		this.settings = settings;
		this.clock = clock;
		this.calls = calls;
		this.lines = lines;
		this.gateway = gateway;
		this.rereadNow = rereadNow;
	}

	/**
	 * Registers this node; if it ran before, what it claimed goes back and the calls it left open are
	 * adopted and returned, for the gateway to follow once it starts.
	 */
	List<OpenCall> register(Instant now) {
		List<OpenCall> open = nodes.register(settings.nodeId(), now).map(lastHeartbeat -> {
			int released = nodes.releaseClaims(settings.nodeId(), clock.instant());
			return adopt(settings.nodeId(), released, nodes.lostCalls(settings.nodeId()), lastHeartbeat);
		}).orElse(List.of());
		nextHeartbeat = now.plus(heartbeatEvery());
		return open;
	}

	/** Beats when due, and takes over the nodes whose heartbeat is older than the node timeout. */
	void heartbeat(Instant now) {
		if (now.isBefore(nextHeartbeat)) {
			return;
		}
		nextHeartbeat = now.plus(heartbeatEvery());
		try {
			if (!nodes.heartbeat(settings.nodeId(), now)) {
				// Another node thought this one dead and took over its calls: it closes them, not we.
				log.error("Dialer node {} was taken over by another node (missed heartbeats); registering again",
						settings.nodeId());
				nodes.register(settings.nodeId(), now);
			}
			for (DialerNodes.Dead dead : nodes.deadNodes(settings.nodeId(), now.minus(settings.nodeTimeout()))) {
				nodes.takeOver(dead.nodeId(), settings.nodeId(), now)
					.ifPresent(open -> adopt(dead.nodeId(), 0, open, dead.lastHeartbeat()).forEach(gateway::adopt));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Dialer heartbeat failed: {}", ex.toString());
		}
	}

	private List<OpenCall> adopt(String nodeId, int released, List<LostCall> left, Instant lastHeartbeat) {
		for (LostCall c : left) {
			calls.adopt(c);
		}
		if (released > 0 || !left.isEmpty()) {
			log.info("Recovered dialer node {}: {} claimed numbers back in the queue, {} calls left open adopted",
					nodeId, released, left.size());
		}
		rereadNow.accept(clock.instant()); // their tasks and lines, so that they count against their limits
		List<OpenCall> open = new ArrayList<>(left.size());
		for (LostCall c : left) {
			calls.count(c.callId());
			// The last moment the node is known to have been alive, and never before what the call saw.
			open.add(new OpenCall(c.callId(), lines.nodeId(c.lineId()), c.startAt(), c.answeredAt(),
					latest(latest(c.startAt(), c.answeredAt()), lastHeartbeat)));
		}
		return open;
	}

	private static Instant latest(Instant a, Instant b) {
		return b != null && b.isAfter(a) ? b : a;
	}

	private Duration heartbeatEvery() {
		return settings.nodeTimeout().dividedBy(3);
	}

}
