package io.calltask.freeswitch.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.freeswitch.FreeSwitchSettings;
import io.calltask.freeswitch.esl.EslClient;
import io.calltask.freeswitch.esl.EslEvent;
import io.calltask.freeswitch.esl.EslException;
import io.calltask.freeswitch.esl.EslFrame;

/**
 * Places calls through FreeSWITCH: one Event Socket connection per node, {@code bgapi originate} under
 * the call's own id as {@code Job-UUID} and {@code origination_uuid}, and the channel and job events
 * turned into the engine's answer/hangup stream, exactly one hangup per call.
 * <p>
 * Everything about a call (its events, the checks, cancel) runs in order on one of
 * {@code event-threads} threads chosen by call id, never on the network thread; a call's fields are
 * touched nowhere else. A job that fails ({@code BACKGROUND_JOB -ERR}) before its channel exists ends
 * the call at once for the causes that never have a channel, otherwise after {@code hangup-grace}
 * unless the channel's own hangup event, which carries more, comes first. Calls whose end was missed
 * (the connection dropped, an event was lost) are found with {@code uuid_exists}: after a reconnect for
 * the calls sent before it, and every {@code reconcile-interval}; a channel must be missing twice,
 * {@code hangup-grace} apart, before its call is ended as lost.
 */
public final class FreeSwitchGateway implements CallGateway, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FreeSwitchGateway.class);

	static final List<String> EVENTS = List.of("CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE", "BACKGROUND_JOB",
			"HEARTBEAT");

	/** Only our jobs' results, heartbeats and the channels we originated (they carry {@code calltask_call}). */
	static final List<String> FILTERS = List.of("Event-Name BACKGROUND_JOB", "Event-Name HEARTBEAT",
			"variable_calltask_call /.+/");

	/** Failures FreeSWITCH reports before any channel exists: no hangup event will follow. */
	private static final Set<String> NO_CHANNEL = Set.of("GATEWAY_DOWN", "INVALID_GATEWAY");

	/** How a call whose end we never heard is closed (as the engine closes calls lost in a crash). */
	static final String LOST = "SYSTEM_SHUTDOWN";

	private static final int KILL_TRIES = 5;

	private static final long KILL_RETRY_MS = 250;

	/** At most this many lost calls wait per node for it to come back; beyond, new ones are not kept. */
	private static final int MAX_ORPHANS = 100_000;

	/** A call placed through this gateway; its mutable fields are touched only on its call thread. */
	private static final class Call {

		final UUID id;

		final String nodeId;

		final Instant placedAt;

		/** The node's connection the originate went out on. */
		final long sentOn;

		Instant answeredAt;

		/** The last moment the call was known to be up (placed, answered, or found by a check). */
		Instant aliveAt;

		Instant checkedAt;

		int missing;

		boolean cancelled;

		int kills;

		boolean ended;

		/** A failed job's cause, waiting {@code hangup-grace} for the channel's hangup event. */
		String failedCause;

		Call(UUID id, String nodeId, Instant placedAt, long sentOn) {
			this.id = id;
			this.nodeId = nodeId;
			this.placedAt = placedAt;
			this.sentOn = sentOn;
			this.aliveAt = placedAt;
			this.checkedAt = placedAt;
		}

	}

	private static final class Node {

		final String id;

		EslClient client;

		/** Counts connections: calls sent on an earlier one are checked after a reconnect. */
		volatile long connection;

		/** When the gateway was made: the node counts as down since then until it first connects. */
		final Instant created;

		/** When the last connection dropped: events after that may have been missed. */
		volatile Instant lastDown;

		/** Lost calls to hang up when the node can be reached (the engine closed them already). */
		final Set<UUID> orphans = ConcurrentHashMap.newKeySet();

		Node(String id, Instant now) {
			this.id = id;
			this.created = now;
		}

		/** Since when the node has been unreachable; null while connected. */
		Instant downSince() {
			return client.ready() ? null : lastDown != null ? lastDown : created;
		}

	}

	private final FreeSwitchSettings settings;

	private final Clock clock;

	private final Map<String, Node> nodes = new LinkedHashMap<>();

	private final Map<UUID, Call> calls = new ConcurrentHashMap<>();

	private final ExecutorService[] callThreads;

	private final ScheduledExecutorService timer;

	private final EventLoopGroup ioGroup;

	private volatile CallEvents events;

	private boolean closed;

	public FreeSwitchGateway(FreeSwitchSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.callThreads = new ExecutorService[settings.eventThreads()];
		for (int i = 0; i < callThreads.length; i++) {
			callThreads[i] = Executors.newSingleThreadExecutor(daemon("freeswitch-events-" + i));
		}
		this.timer = Executors.newSingleThreadScheduledExecutor(daemon("freeswitch-timer"));
		this.ioGroup = new MultiThreadIoEventLoopGroup(1, daemon("freeswitch-io"), NioIoHandler.newFactory());
		Instant now = clock.instant();
		settings.nodes().forEach((id, n) -> {
			Node node = new Node(id, now);
			node.client = new EslClient(new EslClient.Options("freeswitch[" + id + "]", n.host(), n.port(),
					n.password(), EVENTS, settings.eventFormat().equals("json"), FILTERS, settings.connectTimeout(),
					settings.commandTimeout(), settings.liveness(), settings.backoffMin(), settings.backoffMax()),
					ioGroup, new NodeListener(node));
			nodes.put(id, node);
		});
	}

	private static ThreadFactory daemon(String name) {
		return r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		};
	}

	@Override
	public synchronized void start(CallEvents events) {
		if (this.events != null) {
			throw new IllegalStateException("the FreeSWITCH gateway is started once");
		}
		this.events = events;
		if (nodes.isEmpty()) {
			log.warn("calltask.dialer.gateway=freeswitch but no calltask.freeswitch.nodes are configured: no line can dial");
		}
		nodes.values().forEach(n -> n.client.start());
		long every = Math.max(100, Math.min(settings.reconcileInterval().toMillis() / 4, 15_000));
		timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
	}

	@Override
	public boolean nodeUp(String nodeId) {
		Node node = nodes.get(nodeId);
		return node != null && node.client.ready();
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
		Map<String, Long> perNode = new java.util.HashMap<>();
		for (Call call : calls.values()) {
			perNode.merge(call.nodeId, 1L, Long::sum);
		}
		Map<String, NodeStatus> status = new java.util.TreeMap<>();
		nodes.forEach((id, node) -> status.put(id,
				new NodeStatus(node.client.ready(), node.downSince(), perNode.getOrDefault(id, 0L))));
		return status;
	}

	/** Never throws: a call that cannot be placed ends with a hangup like any other. */
	@Override
	public void originate(OriginateRequest request) {
		Node node = nodes.get(request.nodeId());
		Call call = new Call(request.callId(), request.nodeId(), clock.instant(), node == null ? 0 : node.connection);
		calls.put(call.id, call);
		try {
			if (node == null || !node.client.ready()) {
				onCallThread(call, () -> end(call, "GATEWAY_DOWN"));
				return;
			}
			String command = OriginateCommand.of(request);
			node.client.bgapi(command, call.id.toString())
				.whenComplete((reply, error) -> onCallThread(call, () -> placed(call, reply, error)));
		}
		catch (OriginateCommand.Refused ex) {
			log.warn("call {} not placed: {}", call.id, ex.getMessage());
			onCallThread(call, () -> end(call, ex.hangupCause()));
		}
		catch (RuntimeException ex) {
			log.error("call {} not placed", call.id, ex);
			onCallThread(call, () -> end(call, "NORMAL_TEMPORARY_FAILURE"));
		}
	}

	private void placed(Call call, EslFrame reply, Throwable error) {
		if (call.ended) {
			return;
		}
		if (error instanceof EslException.NotSent || error instanceof IllegalArgumentException) {
			end(call, "GATEWAY_DOWN");
		}
		else if (error != null) {
			// Lost or timed out: maybe sent, maybe not. The check after the reconnect will tell.
			log.debug("call {}: originate unconfirmed: {}", call.id, error.getMessage());
		}
		else if (!reply.ok()) {
			end(call, cause(reply.replyText(), "NORMAL_TEMPORARY_FAILURE"));
		}
	}

	@Override
	public void cancel(UUID callId) {
		Call call = calls.get(callId);
		if (call != null) {
			onCallThread(call, () -> {
				call.cancelled = true;
				call.kills = 0;
				kill(call);
			});
		}
	}

	/**
	 * {@code uuid_kill}, retried while FreeSWITCH has no such channel yet (the kill overtook the
	 * originate); a node that is down gets it again when it is back.
	 */
	private void kill(Call call) {
		Node node = nodes.get(call.nodeId);
		if (call.ended || node == null || !node.client.ready()) {
			return;
		}
		call.kills++;
		node.client.api("uuid_kill " + call.id + " ORIGINATOR_CANCEL").whenComplete((reply, error) -> {
			boolean noChannel = error == null && reply.bodyText().startsWith("-ERR");
			if (noChannel) {
				timer.schedule(() -> onCallThread(call, () -> {
					if (!call.ended && call.kills < KILL_TRIES) {
						kill(call);
					}
				}), KILL_RETRY_MS, TimeUnit.MILLISECONDS);
			}
		});
	}

	@Override
	public void hangUpLost(UUID callId, String nodeId) {
		Node only = nodeId == null ? null : nodes.get(nodeId);
		for (Node node : only != null ? List.of(only) : List.copyOf(nodes.values())) {
			keepOrphan(node, callId);
		}
	}

	/**
	 * Queues the kill, then sends it if the node is connected: a connect that happens meanwhile sends
	 * the queue itself, so whichever comes second finds the call and nothing is lost between them.
	 */
	private void keepOrphan(Node node, UUID callId) {
		if (node.orphans.size() >= MAX_ORPHANS) {
			log.warn("{}: {} lost calls already wait to be hung up; not keeping {}", node.client.name(), MAX_ORPHANS,
					callId);
			return;
		}
		node.orphans.add(callId);
		if (node.client.ready() && node.orphans.remove(callId)) {
			hangUpOrphan(node, callId);
		}
	}

	private void hangUpOrphan(Node node, UUID callId) {
		node.client.api("uuid_kill " + callId + " MANAGER_REQUEST").whenComplete((reply, error) -> {
			if (error != null) {
				keepOrphan(node, callId); // not answered: sent again after the next connect
			}
			else if (reply.ok()) {
				log.info("{}: hung up call {}, which the dialer had closed as lost", node.client.name(), callId);
			}
		});
	}

	// ---------------------------------------------------------------- events

	private final class NodeListener implements EslClient.Listener {

		private final Node node;

		NodeListener(Node node) {
			this.node = node;
		}

		@Override
		public void connected(EslClient client) {
			long connection = ++node.connection;
			for (UUID orphan : List.copyOf(node.orphans)) {
				if (node.orphans.remove(orphan)) {
					hangUpOrphan(node, orphan);
				}
			}
			for (Call call : calls.values()) {
				if (call.nodeId.equals(node.id)) {
					onCallThread(call, () -> reconnected(node, call, connection));
				}
			}
		}

		@Override
		public void disconnected(EslClient client, String why) {
			node.lastDown = clock.instant();
		}

		@Override
		public void event(EslClient client, EslEvent event) {
			String name = event.name();
			String key = switch (name) {
				case "BACKGROUND_JOB" -> event.header("Job-UUID");
				case "CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE" -> event.header("Unique-ID");
				default -> null;
			};
			UUID id = uuid(key);
			Call call = id == null ? null : calls.get(id);
			if (call == null) {
				return; // not ours: another client's call, or one already ended
			}
			onCallThread(call, () -> handle(call, name, event));
		}

	}

	/** After a reconnect: a call sent before it may have ended unheard; a cancel may not have reached it. */
	private void reconnected(Node node, Call call, long connection) {
		if (call.ended) {
			return;
		}
		if (call.cancelled) {
			call.kills = 0;
			kill(call);
		}
		if (call.sentOn < connection) {
			check(node, call);
		}
	}

	private void handle(Call call, String name, EslEvent event) {
		if (call.ended) {
			return;
		}
		switch (name) {
			case "BACKGROUND_JOB" -> {
				String body = event.body().strip();
				if (body.startsWith("+OK")) {
					call.aliveAt = clock.instant();
					if (call.cancelled) {
						kill(call);
					}
				}
				else {
					String cause = cause(body, "NORMAL_TEMPORARY_FAILURE");
					if (NO_CHANNEL.contains(cause)) {
						end(call, cause);
					}
					else {
						endAfterGrace(call, cause);
					}
				}
			}
			case "CHANNEL_ANSWER" -> {
				if (call.answeredAt == null) {
					call.answeredAt = clock.instant();
					call.aliveAt = call.answeredAt;
					events.on(new CallEvent.Answered(call.id, call.answeredAt));
					if (call.cancelled) {
						kill(call);
					}
				}
			}
			case "CHANNEL_HANGUP_COMPLETE" -> {
				String cause = event.header("Hangup-Cause");
				long bill = number(event.header("variable_billmsec"));
				if (bill < 0) {
					long seconds = number(event.header("variable_billsec"));
					bill = seconds < 0 ? 0 : seconds * 1000;
				}
				Instant now = clock.instant();
				Instant answeredAt = call.answeredAt;
				if (answeredAt == null && (bill > 0 || number(event.header("variable_answer_epoch")) > 0)) {
					answeredAt = now.minusMillis(bill);
				}
				String da = event.header("variable_da_status");
				end(call, cause == null || cause.isEmpty() ? "NORMAL_UNSPECIFIED" : cause, now, answeredAt, bill,
						da == null || da.isBlank() ? null : da.strip());
			}
			default -> {
			}
		}
	}

	private void end(Call call, String cause) {
		end(call, cause, clock.instant(), null, 0, null);
	}

	private void end(Call call, String cause, Instant at, Instant answeredAt, long billMillis, String daStatus) {
		if (call.ended) {
			return;
		}
		call.ended = true;
		calls.remove(call.id, call);
		Instant answered = answeredAt != null ? answeredAt : call.answeredAt;
		if (answered != null && billMillis <= 0) {
			billMillis = Math.max(0, Duration.between(answered, at).toMillis());
		}
		events.on(new CallEvent.HungUp(call.id, at, cause, answered, billMillis, daStatus));
	}

	/**
	 * Ends the call with the failed job's {@code cause} after the grace, unless its hangup event comes
	 * first (the last job result wins, as the job's cause is what FreeSWITCH says).
	 */
	private void endAfterGrace(Call call, String cause) {
		boolean scheduled = call.failedCause != null;
		call.failedCause = cause;
		if (!scheduled) {
			timer.schedule(() -> onCallThread(call, () -> end(call, call.failedCause)), settings.hangupGrace().toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	/** Asks the node whether the call's channel still exists; missing twice, a grace apart: it ended unheard. */
	private void check(Node node, Call call) {
		call.checkedAt = clock.instant();
		node.client.api("uuid_exists " + call.id)
			.whenComplete((reply, error) -> onCallThread(call, () -> checked(node, call, reply, error)));
	}

	private void checked(Node node, Call call, EslFrame reply, Throwable error) {
		if (call.ended || error != null) {
			return; // an unanswered check is asked again after the next reconnect or interval
		}
		String answer = reply.bodyText().strip();
		if (answer.equals("true")) {
			call.missing = 0;
			call.aliveAt = clock.instant();
		}
		else if (answer.equals("false")) {
			if (++call.missing >= 2) {
				end(call, call.failedCause != null ? call.failedCause : LOST, lostAt(node, call), null, 0, null);
			}
			else {
				timer.schedule(() -> onCallThread(call, () -> {
					if (!call.ended && node.client.ready()) {
						check(node, call);
					}
				}), settings.hangupGrace().toMillis(), TimeUnit.MILLISECONDS);
			}
		}
	}

	/**
	 * When a call we lost track of is taken to have ended: the last moment it was known up, or, if it
	 * was placed before the connection last dropped, that moment (while connected its hangup would have
	 * been heard). Never the outage's end: an answered call is not billed for the outage.
	 */
	private Instant lostAt(Node node, Call call) {
		Instant at = call.aliveAt;
		Instant down = node.lastDown;
		if (down != null && down.isAfter(at) && call.placedAt.isBefore(down)) {
			at = down;
		}
		Instant now = clock.instant();
		return at.isAfter(now) ? now : at;
	}

	/** Periodic: calls of long-unreachable nodes are lost; calls not heard of for a while are checked. */
	private void sweep() {
		try {
			Instant now = clock.instant();
			for (Call call : calls.values()) {
				Node node = nodes.get(call.nodeId);
				if (node != null) {
					onCallThread(call, () -> sweep(node, call, now));
				}
			}
		}
		catch (RuntimeException ex) {
			log.error("freeswitch sweep failed", ex);
		}
	}

	private void sweep(Node node, Call call, Instant now) {
		if (call.ended) {
			return;
		}
		if (!node.client.ready()) {
			Instant down = node.downSince();
			if (down != null && Duration.between(down, now).compareTo(settings.lostAfter()) >= 0
					&& Duration.between(call.placedAt, now).compareTo(settings.lostAfter()) >= 0) {
				end(call, LOST, lostAt(node, call), null, 0, null);
				keepOrphan(node, call.id); // if the node was only unreachable, the call may still be up there
			}
		}
		else if (Duration.between(call.checkedAt, now).compareTo(settings.reconcileInterval()) >= 0) {
			check(node, call);
		}
	}

	// ---------------------------------------------------------------- plumbing

	/** Runs {@code work} on the call's thread: everything about a call happens there, one at a time, in order. */
	private void onCallThread(Call call, Runnable work) {
		ExecutorService thread = callThreads[Math.floorMod(call.id.hashCode(), callThreads.length)];
		try {
			thread.execute(() -> {
				try {
					work.run();
				}
				catch (RuntimeException ex) {
					log.error("call {}: event handling failed", call.id, ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			log.debug("call {}: gateway closed", call.id);
		}
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

	/**
	 * Closes every connection and stops the threads, waiting at most a few seconds. Calls still in
	 * progress get no hangup from here: the engine stopped first, and it closes the calls it left open
	 * ({@code SYSTEM_SHUTDOWN}) when it starts again.
	 */
	@Override
	public synchronized void close() {
		if (closed) {
			return;
		}
		closed = true;
		nodes.values().forEach(n -> n.client.close());
		for (ExecutorService thread : callThreads) {
			thread.shutdown();
		}
		try {
			for (ExecutorService thread : callThreads) {
				thread.awaitTermination(2, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		timer.shutdownNow();
		ioGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
	}

}
