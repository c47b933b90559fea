package io.calltask.freeswitch.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.dialer.spi.CallGateway;
import io.calltask.dialer.spi.OpenCall;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.freeswitch.FreeSwitchSettings;
import io.calltask.freeswitch.esl.EslEvent;

/**
 * Places calls through FreeSWITCH, as the dialer sees it: one {@link FreeSwitchNode} per configured
 * node, {@code bgapi originate} under the call's own id as {@code Job-UUID} and
 * {@code origination_uuid}, and each call followed as a {@link TrackedCall} until its one hangup,
 * its events routed by channel to its legs ({@link CallLeg}), the {@link CallReconciler} finding
 * those whose end was missed. A call's transfer to a seat (the bot's ask, {@link #ringSeat},
 * {@link #hold}, {@link #backToBot}) is its {@link SeatTransfer}, the seat's channel one more leg.
 * <p>
 * Everything about a call (the events of all its legs, the checks, cancel) runs in order on its call
 * thread ({@link CallThreads}), never on the network thread. This class owns the threads and the
 * network event loop, and closes them.
 */
public final class FreeSwitchGateway implements CallGateway, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FreeSwitchGateway.class);

	private final Map<String, FreeSwitchNode> nodes = new LinkedHashMap<>();

	private final FreeSwitchSettings settings;

	private final Clock clock;

	/** When the gateway was made: its nodes count as down since then until they first connect. */
	private final Instant created;

	private final CallThreads threads;

	private final EventLoopGroup io;

	private final TrackedCalls calls;

	private final CallReconciler reconciler;

	private boolean started;

	private boolean closed;

	public FreeSwitchGateway(FreeSwitchSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.created = clock.instant();
		this.threads = new CallThreads(settings.eventThreads());
		this.io = new MultiThreadIoEventLoopGroup(1, CallThreads.daemon("freeswitch-io"), NioIoHandler.newFactory());
		this.calls = new TrackedCalls(threads, clock, settings.hangupGrace());
		this.reconciler = new CallReconciler(calls, settings);
	}

	/**
	 * Connects to every node, listening only for the calls of {@code dialerNode}; the calls
	 * {@code open} are followed from before the first connection, so none of their events is missed.
	 */
	@Override
	public synchronized void start(String dialerNode, List<OpenCall> open, CallEvents events) {
		if (started) {
			throw new IllegalStateException("the FreeSWITCH gateway is started once");
		}
		started = true;
		String tag = tag(dialerNode);
		FreeSwitchNode.Listener listener = new FreeSwitchNode.Listener() {
			@Override
			public void connected(FreeSwitchNode node, long connection) {
				reconciler.reconnected(node, connection);
			}

			@Override
			public void event(EslEvent event) {
				heard(event);
			}
		};
		settings.nodes()
			.forEach((id, server) -> nodes.put(id,
					new FreeSwitchNode(id, tag, server, settings, io, clock, created, listener)));
		calls.tellTo(events);
		open.forEach(this::adopt);
		if (nodes.isEmpty()) {
			log.warn("calltask.dialer.gateway=freeswitch but no calltask.freeswitch.nodes are configured: no line can dial");
		}
		nodes.values().forEach(FreeSwitchNode::start);
		threads.every(reconciler.sweepEvery(), reconciler::sweep);
	}

	/**
	 * The value of {@code calltask_node} for a dialer node's calls: its id, with anything but letters,
	 * digits, {@code _ . -} replaced by {@code _} (it goes into the originate and an event filter).
	 */
	static String tag(String dialerNode) {
		return dialerNode.replaceAll("[^A-Za-z0-9_.-]", "_");
	}

	/**
	 * Follows a call placed before this gateway started; its node checks it (and claims its events) as
	 * soon as it is connected. A call whose line's node is not known ends as lost, and is hung up on
	 * every node that has it.
	 */
	@Override
	public void adopt(OpenCall open) {
		FreeSwitchNode node = open.nodeId() == null ? null : nodes.get(open.nodeId());
		TrackedCall call = calls.adopt(open, node);
		if (call == null) {
			return; // already followed
		}
		if (node == null) {
			calls.run(call, () -> call.lost(open.lastSeen()));
			call.legs().forEach(leg -> nodes.values().forEach(n -> n.hangUpLost(leg.channel)));
			return;
		}
		calls.run(call, () -> reconciler.adopted(call));
	}

	@Override
	public boolean nodeUp(String nodeId) {
		FreeSwitchNode node = nodes.get(nodeId);
		return node != null && node.up();
	}

	/** How many calls this gateway is following (placed, not yet ended). */
	public int callsInProgress() {
		return calls.size();
	}

	/** A node as operators see it: connected or since when not, and the calls followed through it. */
	public record NodeStatus(boolean up, Instant downSince, long calls) {
	}

	/** Every configured node's status, by node id. */
	public Map<String, NodeStatus> nodeStatus() {
		Map<String, Long> perNode = calls.perNode();
		Map<String, NodeStatus> status = new TreeMap<>();
		for (String id : settings.nodes().keySet()) {
			FreeSwitchNode node = nodes.get(id); // null before start
			status.put(id, new NodeStatus(node != null && node.up(), node == null ? created : node.downSince(),
					perNode.getOrDefault(id, 0L)));
		}
		return status;
	}

	/** Never throws: a call that cannot be placed ends with a hangup like any other. */
	@Override
	public void originate(OriginateRequest request) {
		FreeSwitchNode node = nodes.get(request.route().nodeId());
		TrackedCall call = calls.place(request.callId(), request.route().nodeId(), node);
		try {
			if (node == null || !node.up()) {
				calls.run(call, () -> call.end("GATEWAY_DOWN"));
				return;
			}
			String command = OriginateCommand.of(request, node.tag());
			node.originate(command, call.customer().channel)
				.whenComplete((reply, error) -> calls.run(call, () -> call.placed(reply, error)));
		}
		catch (OriginateCommand.Refused ex) {
			log.warn("call {} not placed: {}", call.id, ex.getMessage());
			calls.run(call, () -> call.end(ex.hangupCause()));
		}
		catch (RuntimeException ex) {
			log.error("call {} not placed", call.id, ex);
			calls.run(call, () -> call.end("NORMAL_TEMPORARY_FAILURE"));
		}
	}

	@Override
	public void cancel(UUID callId) {
		TrackedCall call = calls.get(callId);
		if (call != null) {
			calls.run(call, call::cancel);
		}
	}

	/**
	 * The switch rings the seat and bridges it on answer itself ({@link TransferCommand#ring}), so a
	 * dialer that dies meanwhile leaves the two talking. A call that has ended (or is not ours) gets
	 * nothing: the engine has heard its hangup.
	 */
	@Override
	public void ringSeat(SeatRing ring) {
		TrackedCall call = calls.get(ring.callId());
		if (call != null) {
			calls.run(call, () -> call.transfer().ring(ring));
		}
	}

	@Override
	public void hold(UUID callId, String holdAudio) {
		TrackedCall call = calls.get(callId);
		if (call != null) {
			calls.run(call, () -> call.transfer().hold(holdAudio));
		}
	}

	@Override
	public void backToBot(UUID callId, OriginateRequest.Destination destination) {
		TrackedCall call = calls.get(callId);
		if (call != null) {
			calls.run(call, () -> call.transfer().toBot(destination));
		}
	}

	/**
	 * An event from a node, on the network thread: handed to its call's thread, if its channel is a leg
	 * of one of ours, the customer's or a seat's (a job's {@code Job-UUID} is the channel it originates).
	 */
	private void heard(EslEvent event) {
		String key = switch (event.name()) {
			case "BACKGROUND_JOB" -> event.header("Job-UUID");
			case "CHANNEL_ANSWER", "CHANNEL_PARK", "CHANNEL_HANGUP_COMPLETE" -> event.header("Unique-ID");
			default -> null;
		};
		UUID channel = uuid(key);
		CallLeg leg = channel == null ? null : calls.leg(channel);
		if (leg == null) {
			return; // not ours: another client's channel, or one whose call already ended
		}
		TrackedCall call = leg.call;
		calls.run(call, () -> call.heard(leg, event));
	}

	private static UUID uuid(String text) {
		if (text == null || text.length() != 36) {
			return null;
		}
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Closes every connection and stops the threads, waiting at most a few seconds. Calls still in
	 * progress get no hangup from here: they go on on the switch, and the next run of this dialer node
	 * adopts them.
	 */
	@Override
	public synchronized void close() {
		if (closed) {
			return;
		}
		closed = true;
		nodes.values().forEach(FreeSwitchNode::close);
		threads.close();
		io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
	}

}
