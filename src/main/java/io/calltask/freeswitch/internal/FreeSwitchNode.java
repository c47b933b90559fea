package io.calltask.freeswitch.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.EventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.freeswitch.FreeSwitchSettings;
import io.calltask.freeswitch.esl.EslClient;
import io.calltask.freeswitch.esl.EslEvent;
import io.calltask.freeswitch.esl.EslFrame;

/**
 * One FreeSWITCH calls go through: its Event Socket connection, whether it is up (and since when
 * not), the commands the gateway sends it, and the lost calls waiting to be hung up there once it
 * can be reached.
 */
final class FreeSwitchNode {

	private static final Logger log = LoggerFactory.getLogger(FreeSwitchNode.class);

	/** What a call's legs tell ({@code CHANNEL_PARK}: the bot's ask for a seat, a seat missed), jobs' results, heartbeats. */
	static final List<String> EVENTS = List.of("CHANNEL_ANSWER", "CHANNEL_PARK", "CHANNEL_HANGUP_COMPLETE",
			"BACKGROUND_JOB", "HEARTBEAT");

	/** The channel variable that names the dialer node following a call: its events go to that node only. */
	static final String OWNER = "calltask_node";

	/**
	 * Jobs' results, heartbeats and the channels of the dialer node {@code tag} (they carry
	 * {@value #OWNER}): several dialer nodes on one switch do not hear each other's calls.
	 */
	static List<String> filters(String tag) {
		return List.of("Event-Name BACKGROUND_JOB", "Event-Name HEARTBEAT", "variable_" + OWNER + " " + tag);
	}

	/** At most this many lost calls' channels wait per node for it to come back; beyond, new ones are not kept. */
	private static final int MAX_ORPHANS = 100_000;

	/** What a node tells the gateway, on the network thread: must not block. */
	interface Listener {

		/**
		 * Connected, the {@code connection}-th time: calls sent on an earlier connection may have ended
		 * unheard, a cancel sent meanwhile may not have reached them.
		 */
		void connected(FreeSwitchNode node, long connection);

		void event(EslEvent event);

	}

	private final EslClient client;

	private final Clock clock;

	/** The dialer node's tag its calls carry ({@value #OWNER}). */
	private final String tag;

	/** When the gateway was made: the node counts as down since then until it first connects. */
	private final Instant created;

	/** Counts connections: calls sent on an earlier one are checked after a reconnect. */
	private volatile long connection;

	/** When the last connection dropped: events after that may have been missed. */
	private volatile Instant lastDown;

	/** Channels of lost calls to hang up when the node can be reached (the gateway ended the calls already). */
	private final Set<UUID> orphans = ConcurrentHashMap.newKeySet();

	FreeSwitchNode(String id, String tag, FreeSwitchSettings.Node server, FreeSwitchSettings settings,
			EventLoopGroup io, Clock clock, Instant created, Listener listener) {
		this.clock = clock;
		this.tag = tag;
		this.created = created;
		this.client = new EslClient(new EslClient.Options("freeswitch[" + id + "]", server.host(), server.port(),
				server.password(), EVENTS, settings.eventFormat().equals("json"), filters(tag), settings.connectTimeout(),
				settings.commandTimeout(), settings.liveness(), settings.backoffMin(), settings.backoffMax()), io,
				new EslClient.Listener() {
					@Override
					public void connected(EslClient c) {
						long now = ++connection;
						hangUpOrphans();
						listener.connected(FreeSwitchNode.this, now);
					}

					@Override
					public void disconnected(EslClient c, String why) {
						lastDown = clock.instant();
					}

					@Override
					public void event(EslClient c, EslEvent event) {
						listener.event(event);
					}
				});
	}

	void start() {
		client.start();
	}

	boolean up() {
		return client.ready();
	}

	/** Since when the node has been unreachable; null while connected. */
	Instant downSince() {
		return client.ready() ? null : lastDown != null ? lastDown : created;
	}

	/** When the last connection dropped, null if none has. */
	Instant lastDown() {
		return lastDown;
	}

	/** The dialer node's tag its calls carry. */
	String tag() {
		return tag;
	}

	/** How many times the node has connected: the connection an originate sent now goes out on. */
	long connection() {
		return connection;
	}

	/**
	 * {@code bgapi originate} under the id of the channel it makes: the result comes as that channel's
	 * {@code BACKGROUND_JOB} event.
	 */
	CompletableFuture<EslFrame> originate(String command, UUID channel) {
		return client.bgapi(command, channel.toString());
	}

	/** {@code uuid_kill}: the reply's body is {@code -ERR …} if no such channel exists. */
	CompletableFuture<EslFrame> kill(UUID channel, String cause) {
		return client.api("uuid_kill " + channel + " " + cause);
	}

	/**
	 * A {@code uuid_transfer …} of {@link TransferCommand}: the reply's body is {@code +OK}, or
	 * {@code -ERR No such channel!}. Quick on the switch, so sent with {@code api}.
	 */
	CompletableFuture<EslFrame> transfer(String command) {
		return client.api(command);
	}

	/** {@code uuid_exists}: the reply's body is {@code true} or {@code false}. */
	CompletableFuture<EslFrame> exists(UUID channel) {
		return client.api("uuid_exists " + channel);
	}

	/**
	 * {@code uuid_setvar} of {@value #OWNER}: the channel's events come to this dialer node from now on
	 * (it was another node's, or an earlier run's). The reply is {@code +OK}, or {@code -ERR …} if no
	 * such channel exists.
	 */
	CompletableFuture<EslFrame> claim(UUID channel) {
		return client.api("uuid_setvar " + channel + " " + OWNER + " " + tag);
	}

	/**
	 * Hangs up a channel of a call the gateway ended as lost, now or once the node is connected. Queues
	 * the kill, then sends it if the node is connected: a connect that happens meanwhile sends the queue
	 * itself, so whichever comes second finds the channel and nothing is lost between them.
	 */
	void hangUpLost(UUID channel) {
		if (orphans.size() >= MAX_ORPHANS) {
			log.warn("{}: {} channels of lost calls already wait to be hung up; not keeping {}", client.name(),
					MAX_ORPHANS, channel);
			return;
		}
		orphans.add(channel);
		if (client.ready() && orphans.remove(channel)) {
			hangUpOrphan(channel);
		}
	}

	private void hangUpOrphans() {
		for (UUID orphan : List.copyOf(orphans)) {
			if (orphans.remove(orphan)) {
				hangUpOrphan(orphan);
			}
		}
	}

	private void hangUpOrphan(UUID channel) {
		kill(channel, "MANAGER_REQUEST").whenComplete((reply, error) -> {
			if (error != null) {
				hangUpLost(channel); // not answered: sent again after the next connect
			}
			else if (reply.ok()) {
				log.info("{}: hung up channel {}, whose call the dialer had closed as lost", client.name(), channel);
			}
		});
	}

	/** Closes the connection, waiting at most a second. */
	void close() {
		client.close();
	}

}
