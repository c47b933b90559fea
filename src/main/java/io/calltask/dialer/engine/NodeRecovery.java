package io.calltask.dialer.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.dialer.cluster.Term;
import io.calltask.dialer.engine.DialerNodes.LostCall;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.dialer.spi.OpenCall;

/**
 * What the nodes before this term left behind, taken over when the term begins and, while it runs,
 * from nodes of the cluster that stopped beating. A term takes over the node it replaced as the
 * lease's holder (at once: that node's writes are fenced off) and what this node's own earlier run
 * or term left. Claimed numbers go back to the queue; calls left open are adopted: followed again,
 * counted against their line and task, and handed to the gateway, which follows them to their real
 * end on the switch or ends them as lost ({@link OpenCall#LOST_CAUSE}) if they are gone.
 */
final class NodeRecovery {

	private static final Logger log = LoggerFactory.getLogger(NodeRecovery.class);

	private final DialerNodes nodes;

	private final DialerSettings settings;

	private final Clock clock;

	private final CallsInProgress calls;

	private final TrackedLines lines;

	private final CallGateway gateway;

	private final Term term;

	/** Rereads tasks at once, on this thread: the lost calls' tasks and rules are known before their ends. */
	private final Consumer<Instant> rereadNow;

	/** Where the sweep runs (the reader's thread). */
	private final WorkerThread reader;

	/** Told when a sweep finished (the runner's wake-up). */
	private final Runnable arrived;

	private Instant nextSweep = Instant.MIN;

	NodeRecovery(DialerNodes nodes, DialerSettings settings, Clock clock, CallsInProgress calls, TrackedLines lines,
			CallGateway gateway, Term term, Consumer<Instant> rereadNow, WorkerThread reader, Runnable arrived) {
		this.reader = reader;
		this.arrived = arrived;
		this.nodes = nodes;
		this.settings = settings;
		this.clock = clock;
		this.calls = calls;
		this.lines = lines;
		this.gateway = gateway;
		this.term = term;
		this.rereadNow = rereadNow;
	}

	/**
	 * Takes over what the previous holder of the lease and this node's earlier runs left: claims go
	 * back, open calls are adopted and returned, for the gateway to follow.
	 */
	List<OpenCall> begin(Instant now) {
		List<OpenCall> open = new ArrayList<>();
		String previous = term.previousHolder();
		if (previous != null && !previous.equals(term.nodeId())) {
			open.addAll(take(previous, nodes.inherit(term, previous, now)));
		}
		open.addAll(take(term.nodeId(), nodes.inherit(term, term.nodeId(), now)));
		nextSweep = now.plus(sweepEvery());
		return open;
	}

	/** A dead node taken over on the reader's thread, its calls to adopt on the engine's. */
	private record TakenOver(String nodeId, DialerNodes.Inherited taken, Instant lastHeartbeat) {
	}

	private final ConcurrentLinkedQueue<TakenOver> takenOver = new ConcurrentLinkedQueue<>();

	/**
	 * When due, looks for the nodes of the cluster whose heartbeat is older than the node timeout and
	 * takes them over, on the reader's thread (the pacing thread does not wait for it); what they left
	 * is adopted by {@link #adoptTakenOver} on a later tick.
	 */
	void sweep(Instant now) {
		if (now.isBefore(nextSweep)) {
			return;
		}
		nextSweep = now.plus(sweepEvery());
		reader.submit(() -> {
			try {
				for (DialerNodes.Dead dead : nodes.deadNodes(term, now.minus(settings.nodeTimeout()))) {
					nodes.takeOver(term, dead.nodeId(), now)
						.ifPresent(taken -> takenOver.add(new TakenOver(dead.nodeId(), taken, dead.lastHeartbeat())));
				}
			}
			catch (RuntimeException ex) {
				log.warn("Dialer sweep of dead nodes failed: {}", ex.toString());
			}
			arrived.run();
		});
	}

	/**
	 * Adopts the calls of the nodes taken over since the last tick: followed again, counted against
	 * their limits (their tasks and lines reread at once, the one read on the pacing thread, and only
	 * when a node died), and handed to the gateway.
	 */
	void adoptTakenOver() {
		TakenOver t;
		while ((t = takenOver.poll()) != null) {
			adopt(t.nodeId(), t.taken(), t.lastHeartbeat()).forEach(gateway::adopt);
		}
	}

	private List<OpenCall> take(String node, DialerNodes.Inherited taken) {
		return adopt(node, taken, nodes.lastHeartbeat(node).orElse(clock.instant()));
	}

	private List<OpenCall> adopt(String nodeId, DialerNodes.Inherited taken, Instant lastHeartbeat) {
		int released = taken.released();
		List<LostCall> left = taken.calls();
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

	private Duration sweepEvery() {
		return settings.nodeTimeout().dividedBy(3);
	}

}
