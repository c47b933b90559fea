package io.calltask.freeswitch.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * A call's events are handled in order on one of {@code event-threads} threads (by call id), never on
 * the network thread. A job that fails ({@code BACKGROUND_JOB -ERR}) before its channel exists ends
 * the call at once for the causes that never have a channel, otherwise after {@code hangup-grace}
 * unless the channel's own hangup event, which carries more, comes first. Calls whose end was missed
 * (the connection dropped, an event was lost) are found with {@code uuid_exists}: on every reconnect,
 * and every {@code reconcile-interval}.
 */
public final class FreeSwitchGateway implements CallGateway, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(FreeSwitchGateway.class);

	static final List<String> EVENTS = List.of("CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE", "BACKGROUND_JOB",
			"HEARTBEAT");

	/** Failures FreeSWITCH reports before any channel exists: no hangup event will follow. */
	private static final Set<String> NO_CHANNEL = Set.of("GATEWAY_DOWN", "INVALID_GATEWAY");

	/** How a call whose end we never heard is closed (as the engine closes calls lost in a crash). */
	static final String LOST = "SYSTEM_SHUTDOWN";

	/** A call placed through this gateway; its fields are touched only on its event thread. */
	private static final class Call {

		final UUID id;

		final String nodeId;

		final Instant placedAt;

		Instant answeredAt;

		Instant checkedAt;

		boolean cancelled;

		boolean ended;

		/** A failed job's cause, waiting {@code hangup-grace} for the channel's hangup event. */
		String failedCause;

		Call(UUID id, String nodeId, Instant placedAt) {
			this.id = id;
			this.nodeId = nodeId;
			this.placedAt = placedAt;
			this.checkedAt = placedAt;
		}

	}

	private static final class Node {

		final String id;

		EslClient client;

		volatile Instant downSince;

		Node(String id, Instant now) {
			this.id = id;
			this.downSince = now;
		}

	}

	private final FreeSwitchSettings settings;

	private final Clock clock;

	private final Map<String, Node> nodes = new LinkedHashMap<>();

	private final Map<UUID, Call> calls = new ConcurrentHashMap<>();

	private final ExecutorService[] stripes;

	private final ScheduledExecutorService timer;

	private final EventLoopGroup io;

	private volatile CallEvents events;

	public FreeSwitchGateway(FreeSwitchSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.stripes = new ExecutorService[settings.eventThreads()];
		for (int i = 0; i < stripes.length; i++) {
			String name = "freeswitch-events-" + i;
			stripes[i] = Executors.newSingleThreadExecutor(r -> daemon(r, name));
		}
		this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "freeswitch-timer"));
		this.io = new MultiThreadIoEventLoopGroup(1, new ThreadFactoryNamed("freeswitch-io"), NioIoHandler.newFactory());
		Instant now = clock.instant();
		settings.nodes().forEach((id, n) -> {
			Node node = new Node(id, now);
			node.client = new EslClient(new EslClient.Options("freeswitch[" + id + "]", n.host(), n.port(),
					n.password(), EVENTS, settings.eventFormat().equals("json"), settings.connectTimeout(),
					settings.commandTimeout(), settings.liveness(), settings.backoffMin(), settings.backoffMax()),
					io, new Listener(node));
			nodes.put(id, node);
		});
	}

	private static Thread daemon(Runnable r, String name) {
		Thread t = new Thread(r, name);
		t.setDaemon(true);
		return t;
	}

	private record ThreadFactoryNamed(String name) implements java.util.concurrent.ThreadFactory {

		@Override
		public Thread newThread(Runnable r) {
			return daemon(r, name);
		}

	}

	@Override
	public void start(CallEvents events) {
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

	@Override
	public void originate(OriginateRequest request) {
		Call call = new Call(request.callId(), request.nodeId(), clock.instant());
		calls.put(call.id, call);
		Node node = nodes.get(request.nodeId());
		if (node == null || !node.client.ready()) {
			on(call, () -> end(call, "GATEWAY_DOWN", null, 0, null));
			return;
		}
		String command;
		try {
			command = OriginateCommand.of(request);
		}
		catch (IllegalArgumentException ex) {
			log.warn("call {} not placed: {}", call.id, ex.getMessage());
			on(call, () -> end(call, "INVALID_NUMBER_FORMAT", null, 0, null));
			return;
		}
		node.client.bgapi(command, call.id.toString())
			.whenComplete((reply, error) -> on(call, () -> placed(call, reply, error)));
	}

	private void placed(Call call, EslFrame reply, Throwable error) {
		if (call.ended) {
			return;
		}
		if (error instanceof EslException.NotSent || error instanceof IllegalArgumentException) {
			end(call, "GATEWAY_DOWN", null, 0, null);
		}
		else if (error != null) {
			// Maybe sent, maybe not: the reconnect's uuid_exists will tell.
			log.debug("call {}: originate unconfirmed: {}", call.id, error.getMessage());
		}
		else if (!reply.ok()) {
			end(call, cause(reply.replyText(), "NORMAL_TEMPORARY_FAILURE"), null, 0, null);
		}
	}

	@Override
	public void cancel(UUID callId) {
		Call call = calls.get(callId);
		if (call != null) {
			on(call, () -> {
				call.cancelled = true;
				kill(call);
			});
		}
	}

	private void kill(Call call) {
		Node node = nodes.get(call.nodeId);
		if (!call.ended && node != null && node.client.ready()) {
			node.client.api("uuid_kill " + call.id + " ORIGINATOR_CANCEL")
				.whenComplete((r, e) -> log.debug("uuid_kill {}: {}", call.id, e != null ? e.getMessage() : r.bodyText()));
		}
	}

	// ---------------------------------------------------------------- events

	private final class Listener implements EslClient.Listener {

		private final Node node;

		Listener(Node node) {
			this.node = node;
		}

		@Override
		public void connected(EslClient client) {
			node.downSince = null;
			List<Call> mine = new ArrayList<>();
			for (Call call : calls.values()) {
				if (call.nodeId.equals(node.id)) {
					mine.add(call);
				}
			}
			if (!mine.isEmpty()) {
				log.info("{}: checking {} calls placed before the reconnect", client.name(), mine.size());
			}
			mine.forEach(call -> check(node, call));
		}

		@Override
		public void disconnected(EslClient client, String why) {
			node.downSince = clock.instant();
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
			on(call, () -> handle(call, name, event));
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
					if (call.cancelled) {
						kill(call);
					}
				}
				else {
					String cause = cause(body, "NORMAL_TEMPORARY_FAILURE");
					if (NO_CHANNEL.contains(cause)) {
						end(call, cause, null, 0, null);
					}
					else {
						endLater(call, cause);
					}
				}
			}
			case "CHANNEL_ANSWER" -> {
				if (call.answeredAt == null) {
					call.answeredAt = clock.instant();
					events.on(new CallEvent.Answered(call.id, call.answeredAt));
					if (call.cancelled) {
						kill(call);
					}
				}
			}
			case "CHANNEL_HANGUP_COMPLETE" -> {
				String cause = event.header("Hangup-Cause");
				long bill = millis(event.header("variable_billmsec"));
				if (bill < 0) {
					long seconds = millis(event.header("variable_billsec"));
					bill = seconds < 0 ? 0 : seconds * 1000;
				}
				Instant now = clock.instant();
				Instant answeredAt = call.answeredAt;
				if (answeredAt == null && (bill > 0 || millis(event.header("variable_answer_epoch")) > 0)) {
					answeredAt = now.minusMillis(bill);
				}
				String da = event.header("variable_da_status");
				end(call, cause == null || cause.isEmpty() ? "NORMAL_UNSPECIFIED" : cause, answeredAt, bill,
						da == null || da.isBlank() ? null : da.strip());
			}
			default -> {
			}
		}
	}

	private void end(Call call, String cause, Instant answeredAt, long billMillis, String daStatus) {
		if (call.ended) {
			return;
		}
		call.ended = true;
		calls.remove(call.id, call);
		Instant at = clock.instant();
		Instant answered = answeredAt != null ? answeredAt : call.answeredAt;
		if (answered != null && billMillis <= 0) {
			billMillis = Math.max(0, Duration.between(answered, at).toMillis());
		}
		events.on(new CallEvent.HungUp(call.id, at, cause, answered, billMillis, daStatus));
	}

	/** Ends the call with {@code cause} after the grace, unless its hangup event comes first. */
	private void endLater(Call call, String cause) {
		if (call.failedCause != null) {
			return;
		}
		call.failedCause = cause;
		timer.schedule(() -> on(call, () -> end(call, call.failedCause, null, 0, null)),
				settings.hangupGrace().toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Asks the node whether the call's channel still exists; if not, the call ended unheard. */
	private void check(Node node, Call call) {
		call.checkedAt = clock.instant();
		node.client.api("uuid_exists " + call.id).whenComplete((reply, error) -> {
			if (error == null && reply.bodyText().strip().equals("false")) {
				on(call, () -> {
					if (!call.ended) {
						endLater(call, call.failedCause != null ? call.failedCause : LOST);
					}
				});
			}
		});
	}

	/** Periodic: calls of long-unreachable nodes are lost; calls not heard of for a while are checked. */
	private void sweep() {
		try {
			Instant now = clock.instant();
			for (Call call : calls.values()) {
				Node node = nodes.get(call.nodeId);
				if (node == null) {
					continue;
				}
				Instant down = node.downSince;
				if (!node.client.ready()) {
					if (down != null && Duration.between(down, now).compareTo(settings.lostAfter()) >= 0
							&& Duration.between(call.placedAt, now).compareTo(settings.lostAfter()) >= 0) {
						on(call, () -> end(call, LOST, null, 0, null));
					}
				}
				else if (Duration.between(call.checkedAt, now).compareTo(settings.reconcileInterval()) >= 0) {
					check(node, call);
				}
			}
		}
		catch (RuntimeException ex) {
			log.error("freeswitch sweep failed", ex);
		}
	}

	// ---------------------------------------------------------------- plumbing

	/** Runs {@code work} on the call's event thread: a call's events are handled one at a time, in order. */
	private void on(Call call, Runnable work) {
		ExecutorService stripe = stripes[Math.floorMod(call.id.hashCode(), stripes.length)];
		try {
			stripe.execute(() -> {
				try {
					work.run();
				}
				catch (RuntimeException ex) {
					log.error("call {}: event handling failed", call.id, ex);
				}
			});
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
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

	private static long millis(String text) {
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

	/** Closes every connection and stops the event threads, waiting at most a few seconds. */
	@Override
	public void close() {
		nodes.values().forEach(n -> n.client.close());
		timer.shutdownNow();
		for (ExecutorService stripe : stripes) {
			stripe.shutdown();
		}
		try {
			for (ExecutorService stripe : stripes) {
				stripe.awaitTermination(2, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
	}

}
