package io.calltask.dialer.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.dialer.engine.DialerNodes.LostCall;
import io.calltask.dialer.spi.CallGateway;

/**
 * This node's liveness among the nodes sharing the database, and what a dead node left behind. On
 * start the node registers and recovers what it left last time it ran; its heartbeat (every third
 * of {@code calltask.dialer.node-timeout}) keeps it alive and takes over nodes that stopped beating.
 * Claimed numbers go back to the queue; calls whose outcome was lost are closed
 * ({@value #LOST_CAUSE}), hung up on the switch if still up, and follow their task's recycle rule
 * like any other call.
 */
final class NodeRecovery {

	private static final Logger log = LoggerFactory.getLogger(NodeRecovery.class);

	/** The cause a call gets when the node that placed it died before learning how it ended. */
	static final String LOST_CAUSE = "SYSTEM_SHUTDOWN";

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

	/** Registers this node; if it ran before, what it claimed goes back and what it was calling is closed as lost. */
	void register(Instant now) {
		nodes.register(settings.nodeId(), now).ifPresent(lastHeartbeat -> {
			int released = nodes.releaseClaims(settings.nodeId(), clock.instant());
			closeLost(settings.nodeId(), released, nodes.lostCalls(settings.nodeId()), lastHeartbeat);
		});
		nextHeartbeat = now.plus(heartbeatEvery());
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
					.ifPresent(lost -> closeLost(dead.nodeId(), 0, lost, dead.lastHeartbeat()));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Dialer heartbeat failed: {}", ex.toString());
		}
	}

	private void closeLost(String nodeId, int released, List<LostCall> lost, Instant lastHeartbeat) {
		Instant now = clock.instant();
		for (LostCall c : lost) {
			// The last moment the node is known to have been alive, and never before what the call saw.
			calls.recovered(c, latest(latest(c.startAt(), c.answeredAt()), lastHeartbeat), LOST_CAUSE);
		}
		if (released > 0 || !lost.isEmpty()) {
			log.info("Recovered dialer node {}: {} claimed numbers back in the queue, {} lost calls closed", nodeId,
					released, lost.size());
		}
		rereadNow.accept(now);
		for (LostCall c : lost) {
			gateway.hangUpLost(c.callId(), lines.nodeId(c.lineId()));
		}
	}

	private static Instant latest(Instant a, Instant b) {
		return b != null && b.isAfter(a) ? b : a;
	}

	private Duration heartbeatEvery() {
		return settings.nodeTimeout().dividedBy(3);
	}

}
