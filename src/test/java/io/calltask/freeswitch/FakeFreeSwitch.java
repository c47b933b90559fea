package io.calltask.freeswitch;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.calltask.freeswitch.esl.EslFrame;
import io.calltask.freeswitch.esl.EslFrameDecoder;
import io.calltask.freeswitch.esl.SwitchEvent;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Promise;

/**
 * A FreeSWITCH Event Socket server (inbound mode) for tests, on 127.0.0.1 and an ephemeral port,
 * that speaks the protocol byte for byte as {@code mod_event_socket} does (see
 * {@code shared/reference/freeswitch-esl.md}): the auth handshake, {@code api}, {@code bgapi} with
 * its reply always ahead of the job's {@code BACKGROUND_JOB}, {@code event plain|json}
 * subscriptions, filters, and channels whose {@code CHANNEL_ANSWER} / {@code CHANNEL_HANGUP_COMPLETE}
 * look like a real switch's. A client is only as good as the peer it was tested against, so the
 * peer also does what a real switch does to a client: writes split at random points, stalls,
 * dropped connections, restarts that lose every channel, a session-per-second throttle.
 * <p>
 * Everything runs on one Netty event loop thread (connections, channel timers, heartbeats), so the
 * switch's state needs no locks and events come out in one order; test threads only read
 * snapshots or hand work to that loop. Calls are scripted per originate with
 * {@link #script(Function)}: by default each is answered after 50 ms and hung up 100 ms later.
 */
public final class FakeFreeSwitch implements AutoCloseable {

	public static final String DEFAULT_PASSWORD = "ClueCon";

	public static final String HOST = "127.0.0.1";

	static final String DISCONNECT_NOTICE = "Content-Type: text/disconnect-notice\nContent-Length: 67\n\n"
			+ "Disconnected, goodbye.\nSee you at ClueCon! http://www.cluecon.com/\n";

	private static final byte[] AUTH_REQUEST = utf8("Content-Type: auth/request\n\n");

	private static final byte[] NOTICE = utf8(DISCONNECT_NOTICE);

	/** How long a test thread waits for the loop to do something it asked for. */
	private static final long LOOP_WAIT_MS = 10_000;

	private static final int BIND_ATTEMPTS = 100;

	private static final long BIND_RETRY_MS = 20;

	private static final String VERSION = "1.10.12-release~64bit";

	/** {@code switch_event.c}'s {@code EVENT_NAMES}: what {@code event} accepts; anything else is ignored. */
	private static final Set<String> EVENT_NAMES = Set.of("CUSTOM", "CLONE", "CHANNEL_CREATE", "CHANNEL_DESTROY",
			"CHANNEL_STATE", "CHANNEL_CALLSTATE", "CHANNEL_ANSWER", "CHANNEL_HANGUP", "CHANNEL_HANGUP_COMPLETE",
			"CHANNEL_EXECUTE", "CHANNEL_EXECUTE_COMPLETE", "CHANNEL_HOLD", "CHANNEL_UNHOLD", "CHANNEL_BRIDGE",
			"CHANNEL_UNBRIDGE", "CHANNEL_PROGRESS", "CHANNEL_PROGRESS_MEDIA", "CHANNEL_OUTGOING", "CHANNEL_PARK",
			"CHANNEL_UNPARK", "CHANNEL_APPLICATION", "CHANNEL_ORIGINATE", "CHANNEL_UUID", "API", "LOG", "INBOUND_CHAN",
			"OUTBOUND_CHAN", "STARTUP", "SHUTDOWN", "PUBLISH", "UNPUBLISH", "TALK", "NOTALK", "SESSION_CRASH",
			"MODULE_LOAD", "MODULE_UNLOAD", "DTMF", "MESSAGE", "PRESENCE_IN", "NOTIFY_IN", "PRESENCE_OUT",
			"PRESENCE_PROBE", "MESSAGE_WAITING", "MESSAGE_QUERY", "ROSTER", "CODEC", "BACKGROUND_JOB",
			"DETECTED_SPEECH", "DETECTED_TONE", "PRIVATE_COMMAND", "HEARTBEAT", "TRAP", "ADD_SCHEDULE", "DEL_SCHEDULE",
			"EXE_SCHEDULE", "RE_SCHEDULE", "RELOADXML", "NOTIFY", "PHONE_FEATURE", "PHONE_FEATURE_SUBSCRIBE",
			"SEND_MESSAGE", "RECV_MESSAGE", "REQUEST_PARAMS", "CHANNEL_DATA", "GENERAL", "COMMAND",
			"SESSION_HEARTBEAT", "CLIENT_DISCONNECTED", "SERVER_DISCONNECTED", "SEND_INFO", "RECV_INFO",
			"RECV_RTCP_MESSAGE", "SEND_RTCP_MESSAGE", "CALL_SECURE", "NAT", "RECORD_START", "RECORD_STOP",
			"PLAYBACK_START", "PLAYBACK_STOP", "CALL_UPDATE", "FAILURE", "SOCKET_DATA", "MEDIA_BUG_START",
			"MEDIA_BUG_STOP", "CONFERENCE_DATA_QUERY", "CONFERENCE_DATA", "CALL_SETUP_REQ", "CALL_SETUP_RESULT",
			"CALL_DETAIL", "DEVICE_STATE", "TEXT", "SHUTDOWN_REQUESTED", "ALL");

	private final String password;

	private final String hostname = "fake-freeswitch";

	private final EventLoopGroup group;

	private final EventLoop loop;

	/** Where writes are cut; used on the loop only, so a seed replays the same splits for the same traffic. */
	private final Random random;

	private final long seed;

	// Settings: any thread writes, the loop reads.

	private volatile Duration idleTimeout = Duration.ofSeconds(25);

	private volatile boolean splitWrites = true;

	private volatile int sessionsPerSecond;

	private volatile Set<String> gateways = Set.of();

	private volatile Function<Originate, CallScript> script = originate -> CallScript.answer(50, 100);

	// The switch's state: the loop only.

	private Channel server;

	/** The listener's own loop, made at each start and shut down at each stop: only a closed selector surely lets go of the port. */
	private EventLoopGroup acceptor;

	private volatile int port;

	private volatile String coreUuid = UUID.randomUUID().toString();

	private Instant startedAt = Instant.now();

	private boolean stalled;

	private Duration heartbeatInterval = Duration.ZERO;

	private ScheduledFuture<?> heartbeat;

	private final List<Connection> connections = new ArrayList<>();

	private final Map<String, Call> calls = new LinkedHashMap<>();

	private long sequence;

	private int sessionsSinceStartup;

	private long throttleWindowStart;

	private int throttleCount;

	// What tests read: any thread.

	private final List<String> commands = new CopyOnWriteArrayList<>();

	private final List<Originate> originates = new CopyOnWriteArrayList<>();

	private final Set<String> liveChannels = ConcurrentHashMap.newKeySet();

	private final AtomicInteger openConnections = new AtomicInteger();

	private final AtomicInteger auths = new AtomicInteger();

	private volatile boolean running;

	/** A switch with password {@code ClueCon}, listening at once. */
	public FakeFreeSwitch() {
		this(DEFAULT_PASSWORD);
	}

	public FakeFreeSwitch(String password) {
		this(password, new Random().nextLong());
	}

	/** A switch whose write splits follow {@code seed}, listening at once. */
	public FakeFreeSwitch(String password, long seed) {
		this.password = password;
		this.seed = seed;
		this.random = new Random(seed);
		this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fake-freeswitch", true),
				NioIoHandler.newFactory());
		this.loop = group.next();
		try {
			start();
		}
		catch (RuntimeException ex) {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
			throw ex;
		}
	}

	// ---- Settings ----

	/**
	 * Disconnects (notice, close) a connection that has not authenticated and sends no command for
	 * this long; zero: never. Default 25 s. As in {@code mod_event_socket}, only the auth phase
	 * reads with a timeout: an authenticated connection may stay silent for ever.
	 */
	public FakeFreeSwitch idleTimeout(Duration timeout) {
		this.idleTimeout = timeout;
		return this;
	}

	/** Fires {@code HEARTBEAT} at this interval; zero (the default): none. */
	public FakeFreeSwitch heartbeat(Duration interval) {
		onLoop(() -> {
			heartbeatInterval = interval;
			scheduleHeartbeat();
			return null;
		});
		return this;
	}

	/** Whether each frame goes out in 1–4 pieces, each flushed (default on), so a reader sees any TCP split. */
	public FakeFreeSwitch splitWrites(boolean split) {
		this.splitWrites = split;
		return this;
	}

	/** The switch's {@code sessions-per-second}; an originate over it fails {@code DESTINATION_OUT_OF_ORDER} with no channel. 0 (the default): no limit. */
	public FakeFreeSwitch sessionsPerSecond(int sps) {
		this.sessionsPerSecond = sps;
		return this;
	}

	/** The gateways that exist; an originate through another fails {@code INVALID_GATEWAY}. None given (the default): any name exists. */
	public FakeFreeSwitch gateways(String... names) {
		this.gateways = Set.of(names);
		return this;
	}

	/** How each originate goes from now on; called on the switch's thread, once per originate that gets as far as a channel. */
	public FakeFreeSwitch script(Function<Originate, CallScript> script) {
		this.script = script;
		return this;
	}

	/** Every originate from now on goes as {@code script} says. */
	public FakeFreeSwitch script(CallScript script) {
		return script(originate -> script);
	}

	// ---- Faults ----

	/**
	 * {@code true}: the switch hangs: commands are read (and listed by {@link #commands()}) but not
	 * run, nothing is written, channels go on and their events are held. {@code false}: as
	 * {@link #unstall(boolean) unstall(true)}.
	 */
	public FakeFreeSwitch stall(boolean stall) {
		if (!stall) {
			return unstall(true);
		}
		onLoop(() -> {
			stalled = true;
			return null;
		});
		return this;
	}

	/**
	 * Ends a stall. {@code resume}: what was held is written and the held commands run, in order,
	 * as a switch that was only slow. Otherwise held output and commands are forgotten, as if the
	 * switch had lost them: the client never gets those replies.
	 */
	public FakeFreeSwitch unstall(boolean resume) {
		onLoop(() -> {
			stalled = false;
			for (Connection connection : List.copyOf(connections)) {
				connection.unstall(resume);
			}
			return null;
		});
		return this;
	}

	/** Closes every client connection at once, with no notice; channels go on (their events are lost until someone subscribes again). */
	public void dropConnections() {
		List<Connection> dropped = onLoop(() -> {
			List<Connection> all = List.copyOf(connections);
			for (Connection connection : all) {
				connection.closing = true;
				connection.channel.close();
			}
			return all;
		});
		awaitTrue(() -> onLoop(() -> dropped.stream().noneMatch(connections::contains)), "dropped connections to close");
	}

	/** Stops listening and drops every connection without notice; every channel is lost, with no events, as when the process dies. */
	public void stop() {
		EventLoopGroup closing = onLoop(() -> {
			if (!running) {
				return null;
			}
			running = false;
			if (heartbeat != null) {
				heartbeat.cancel(false);
				heartbeat = null;
			}
			for (Call call : List.copyOf(calls.values())) {
				call.lose();
			}
			calls.clear();
			liveChannels.clear();
			stalled = false;
			for (Connection connection : List.copyOf(connections)) {
				connection.closing = true;
				connection.channel.close();
			}
			server.close();
			server = null;
			EventLoopGroup listenerLoop = acceptor;
			acceptor = null;
			return listenerLoop;
		});
		if (closing != null && !closing.shutdownGracefully(0, 1, TimeUnit.SECONDS)
			.awaitUninterruptibly(LOOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("timed out waiting for the listener to close");
		}
		awaitTrue(() -> openConnections.get() == 0, "connections to close");
	}

	/** Listens again on the same port, as a switch started anew: a new {@code Core-UUID}, no channels. */
	public FakeFreeSwitch start() {
		Promise<Channel> bound = onLoop(() -> {
			Promise<Channel> promise = loop.newPromise();
			if (running) {
				promise.setSuccess(server);
				return promise;
			}
			coreUuid = UUID.randomUUID().toString();
			startedAt = Instant.now();
			sessionsSinceStartup = 0;
			acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fake-freeswitch-accept", true),
					NioIoHandler.newFactory());
			bind(promise, BIND_ATTEMPTS);
			return promise;
		});
		if (!bound.awaitUninterruptibly(LOOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("timed out waiting for the listener to bind");
		}
		if (!bound.isSuccess()) {
			throw new IllegalStateException("FakeFreeSwitch cannot listen on " + HOST + ":" + port, bound.cause());
		}
		return this;
	}

	/**
	 * Binds the listener, the same port again after a stop; a bind refused as "in use" (the old
	 * port's sockets still going away) is tried again shortly, a bounded number of times.
	 */
	private void bind(Promise<Channel> promise, int attemptsLeft) {
		ServerBootstrap bootstrap = new ServerBootstrap().group(acceptor, group)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_REUSEADDR, true)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline().addLast(new EslFrameDecoder(), new Connection());
				}
			});
		bootstrap.bind(new InetSocketAddress(HOST, port)).addListener((ChannelFuture future) -> loop.execute(() -> {
			if (future.isSuccess()) {
				server = future.channel();
				port = ((InetSocketAddress) server.localAddress()).getPort();
				running = true;
				scheduleHeartbeat();
				promise.setSuccess(server);
			}
			else if (future.cause() instanceof BindException && port != 0 && attemptsLeft > 1) {
				loop.schedule(() -> bind(promise, attemptsLeft - 1), BIND_RETRY_MS, TimeUnit.MILLISECONDS);
			}
			else {
				acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
				acceptor = null;
				promise.setFailure(future.cause());
			}
		}));
	}

	public FakeFreeSwitch restart() {
		stop();
		return start();
	}

	/**
	 * Ends a live channel without a word: no event, no job result, as when an event is lost on the
	 * way (FreeSWITCH's event queue overflowed, a listener was briefly gone). False if there is no such channel.
	 */
	public boolean vanish(String uuid) {
		return onLoop(() -> {
			Call call = calls.remove(uuid);
			if (call == null) {
				return false;
			}
			call.lose();
			liveChannels.remove(uuid);
			return true;
		});
	}

	/** Ends a live channel as the far end would (a BYE, or a refusal if unanswered) with {@code cause}; false if there is no such channel. */
	public boolean hangup(String uuid, String cause) {
		return onLoop(() -> {
			Call call = calls.get(uuid);
			if (call == null) {
				return false;
			}
			call.end(cause, false);
			return true;
		});
	}

	/**
	 * The channel's dialplan sets {@code variables} and parks it ({@code CHANNEL_PARK}), as a bot does
	 * that asks for a seat ({@code calltask_transfer=1}); false if there is no such channel.
	 */
	public boolean park(String uuid, Map<String, String> variables) {
		return onLoop(() -> {
			Call call = calls.get(uuid);
			if (call == null || call.ended) {
				return false;
			}
			variables.forEach(call.channel::set);
			call.fire("CHANNEL_PARK");
			return true;
		});
	}

	/** Fires any event to the connections subscribed to it (a {@code CUSTOM} one, say). */
	public void fire(SwitchEvent event) {
		onLoop(() -> {
			deliver(event);
			return null;
		});
	}

	/** A new event from this switch, stamped as FreeSWITCH stamps them, to fill and {@link #fire(SwitchEvent)}. */
	public SwitchEvent newEvent(String eventName) {
		return onLoop(() -> stamp(new SwitchEvent(eventName), "switch_event.c", "switch_event_fire_detailed", 2052));
	}

	// ---- What tests read ----

	public String host() {
		return HOST;
	}

	public int port() {
		return port;
	}

	public InetSocketAddress address() {
		return new InetSocketAddress(HOST, port());
	}

	public String password() {
		return password;
	}

	/** The seed of the write splits: a failure seen with it comes back with {@code new FakeFreeSwitch(password, seed)}. */
	public long seed() {
		return seed;
	}

	/** The switch's {@code Core-UUID}, new at each start. */
	public String coreUuid() {
		return coreUuid;
	}

	public String hostname() {
		return hostname;
	}

	public boolean isRunning() {
		return running;
	}

	/** Every command's first line as received (including {@code auth …}), in order, over all connections. */
	public List<String> commands() {
		return List.copyOf(commands);
	}

	/** Every originate received ({@code api} or {@code bgapi}) that parsed, in order, whatever became of it. */
	public List<Originate> originates() {
		return List.copyOf(originates);
	}

	/** The uuids of the channels that exist now. */
	public Set<String> liveChannels() {
		return Set.copyOf(liveChannels);
	}

	/** Client connections open now. */
	public int connections() {
		return openConnections.get();
	}

	/** Successful {@code auth} commands so far, over all connections and restarts. */
	public int auths() {
		return auths.get();
	}

	/** Stops, then shuts the event loop down; waits at most a few seconds. */
	@Override
	public void close() {
		try {
			if (running) {
				stop();
			}
		}
		finally {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
		}
	}

	@Override
	public String toString() {
		return "FakeFreeSwitch " + HOST + ":" + port + (running ? "" : " (stopped)");
	}

	// ---- The switch ----

	private SwitchEvent stamp(SwitchEvent event, String file, String function, int line) {
		return event.stamp(coreUuid, hostname, Instant.now(), ++sequence, file, function, line);
	}

	/** Sends {@code event} to every connection subscribed to it, each in its own format, each serialization made once. */
	private void deliver(SwitchEvent event) {
		for (Connection connection : List.copyOf(connections)) {
			if (connection.wants(event)) {
				connection.write(event.frame(connection.json));
			}
		}
	}

	private void scheduleHeartbeat() {
		if (heartbeat != null) {
			heartbeat.cancel(false);
			heartbeat = null;
		}
		long ms = heartbeatInterval.toMillis();
		if (running && ms > 0) {
			heartbeat = loop.scheduleAtFixedRate(this::fireHeartbeat, ms, ms, TimeUnit.MILLISECONDS);
		}
	}

	private void fireHeartbeat() {
		long uptimeMs = Duration.between(startedAt, Instant.now()).toMillis();
		SwitchEvent event = stamp(new SwitchEvent("HEARTBEAT"), "switch_core.c", "send_heartbeat", 81);
		event.add("Event-Info", "System Ready");
		event.add("Up-Time", upTime(uptimeMs));
		event.add("FreeSWITCH-Version", VERSION);
		event.add("Uptime-msec", Long.toString(uptimeMs));
		event.add("Session-Count", Integer.toString(calls.size()));
		event.add("Max-Sessions", "1000");
		event.add("Session-Per-Sec", Integer.toString(sessionsPerSecond == 0 ? 30 : sessionsPerSecond));
		event.add("Session-Per-Sec-Last", "0");
		event.add("Session-Per-Sec-Max", "0");
		event.add("Session-Per-Sec-FiveMin", "0");
		event.add("Session-Since-Startup", Integer.toString(sessionsSinceStartup));
		event.add("Session-Peak-Max", Integer.toString(calls.size()));
		event.add("Session-Peak-FiveMin", Integer.toString(calls.size()));
		event.add("Idle-CPU", "98.000000");
		deliver(event);
	}

	private static String upTime(long ms) {
		long s = ms / 1000;
		return "0 years, " + s / 86_400 + " days, " + s / 3600 % 24 + " hours, " + s / 60 % 60 + " minutes, " + s % 60
				+ " seconds, " + ms % 1000 + " milliseconds, 0 microseconds";
	}

	/** {@code api} (and the job of {@code bgapi}) for what is not an originate: the response body. */
	private String api(String command, String arguments) {
		switch (command) {
			case "uuid_exists":
				return calls.containsKey(arguments.trim()) ? "true" : "false";
			case "uuid_kill": {
				if (arguments.isBlank()) {
					return "-USAGE: <uuid> [cause]\n";
				}
				String[] words = arguments.trim().split(" +", 2);
				Call call = calls.get(words[0]);
				if (call == null) {
					return "-ERR No Such Channel!\n"; // sic: mod_commands' capitals
				}
				String cause = causeOr(words.length > 1 ? words[1] : null, "NORMAL_CLEARING");
				call.killed = true; // events after the response, as the listener sends them
				loop.execute(() -> call.end(cause, true));
				return "+OK\n";
			}
			case "uuid_setvar": {
				String[] words = arguments.trim().split(" +", 3);
				if (words.length < 2) {
					return "-USAGE: <uuid> <var> [value]\n";
				}
				Call call = calls.get(words[0]);
				if (call == null) {
					return "-ERR No such channel!\n";
				}
				call.channel.set(words[1], words.length > 2 ? words[2] : "");
				return "+OK\n";
			}
			case "uuid_transfer": {
				String[] words = arguments.trim().split(" +", 2);
				if (words.length < 2) {
					return "-USAGE: <uuid> [-bleg|-both] <dest-exten> [<dialplan>] [<context>]\n";
				}
				Call call = calls.get(words[0]);
				if (call == null) {
					return "-ERR No such channel!\n";
				}
				loop.execute(() -> call.transfer(words[1].trim()));
				return "+OK\n";
			}
			case "hupall": {
				String[] words = arguments.isBlank() ? new String[0] : arguments.trim().split(" +");
				String cause = causeOr(words.length > 0 ? words[0] : null, "MANAGER_REQUEST");
				String name = words.length > 2 ? words[1] : null;
				String value = words.length > 2 ? words[2] : null;
				for (Call call : List.copyOf(calls.values())) {
					if (!call.killed && (name == null || value.equals(call.variable(name)))) {
						call.killed = true;
						loop.execute(() -> call.end(cause, true));
					}
				}
				return name == null ? "+OK hangup all channels with cause " + cause + "\n"
						: "+OK hangup all channels matching [" + name + "]=[" + value + "] with cause: " + cause + "\n";
			}
			case "status":
				return status();
			case "version":
				return "FreeSWITCH Version " + VERSION + " (git a88d069 2024-08-02 21:02:27Z 64bit)\n";
			default:
				return "-ERR " + command + " Command not found!\n";
		}
	}

	/** The cause a name or code stands for, or {@code otherwise} when there is none or it is unknown. */
	private static String causeOr(String text, String otherwise) {
		FakeChannel.Cause cause = FakeChannel.Cause.of(text);
		return cause == null ? otherwise : cause.name();
	}

	private String status() {
		long uptimeMs = Duration.between(startedAt, Instant.now()).toMillis();
		int sps = sessionsPerSecond == 0 ? 30 : sessionsPerSecond;
		return "UP " + upTime(uptimeMs) + "\n" + "FreeSWITCH (Version " + VERSION + ") is ready\n" + sessionsSinceStartup
				+ " session(s) since startup\n" + calls.size() + " session(s) - peak " + calls.size() + ", last 5min "
				+ calls.size() + " \n" + "0 session(s) per Sec out of max " + sps + ", peak 0, last 5min 0 \n"
				+ "1000 session(s) max\n" + "min idle cpu 0.00/98.00\n" + "Current Stack Size/Max 240K/8192K\n";
	}

	/**
	 * Runs an originate as FreeSWITCH's {@code originate} does and hands its result ({@code +OK <uuid>}
	 * or {@code -ERR <CAUSE>}, with a newline) to {@code done} when it returns: on answer, or when
	 * the call fails. Failures before a channel exists (throttle, duplicate uuid, unknown or down
	 * gateway) return at once with no channel events.
	 */
	private void originate(String arguments, String line, String jobUuid, Consumer<String> done) {
		Originate originate;
		try {
			originate = Originate.parse(arguments).received(jobUuid, line);
		}
		catch (IllegalArgumentException ex) {
			done.accept("-USAGE: <call url> <exten>|&<application_name>(<app_args>) [<dialplan>] [<context>] "
					+ "[<cid_name>] [<cid_num>] [<timeout_sec>]\n");
			return;
		}
		originates.add(originate);
		if (!throttleAllows() || calls.containsKey(originate.uuid())) {
			done.accept("-ERR DESTINATION_OUT_OF_ORDER\n");
			return;
		}
		Set<String> known = gateways;
		if (originate.gateway() != null && !known.isEmpty() && !known.contains(originate.gateway())) {
			done.accept("-ERR INVALID_GATEWAY\n");
			return;
		}
		CallScript how;
		try {
			how = script.apply(originate);
		}
		catch (RuntimeException ex) {
			// A broken script is the test's bug: say so loudly, and fail this call the way a switch fails.
			new IllegalStateException("FakeFreeSwitch script failed for " + originate.line(), ex).printStackTrace();
			done.accept("-ERR NORMAL_TEMPORARY_FAILURE\n");
			return;
		}
		if (!how.createsChannel()) {
			done.accept("-ERR " + how.cause() + "\n");
			return;
		}
		Call call = new Call(originate, how, done);
		calls.put(originate.uuid(), call);
		liveChannels.add(originate.uuid());
		call.begin();
	}

	/** {@code sessions-per-second} as the core counts it: a budget refilled each second. */
	private boolean throttleAllows() {
		int sps = sessionsPerSecond;
		if (sps <= 0) {
			return true;
		}
		long now = System.nanoTime();
		if (throttleCount == 0 || now - throttleWindowStart >= 1_000_000_000L) {
			throttleWindowStart = now;
			throttleCount = 0;
		}
		if (throttleCount >= sps) {
			return false;
		}
		throttleCount++;
		return true;
	}

	private void fireBackgroundJob(String jobUuid, String command, String arguments, String result) {
		SwitchEvent event = stamp(new SwitchEvent("BACKGROUND_JOB"), "mod_event_socket.c", "api_exec", 1557);
		event.add("Job-UUID", jobUuid);
		event.add("Job-Command", command);
		if (!arguments.isEmpty()) {
			event.add("Job-Command-Arg", arguments);
		}
		event.body(result);
		deliver(event);
	}

	/** A channel's life on the switch: ringing, maybe answered, ended; and the originate waiting on it. */
	private final class Call {

		private final FakeChannel channel;

		private final CallScript how;

		/** The originate's caller, until it has its result. */
		private Consumer<String> waiting;

		private final List<ScheduledFuture<?>> timers = new ArrayList<>(2);

		private boolean ended;

		/** A kill was accepted; the hangup runs right after the response. */
		private boolean killed;

		/** Counts transfers: an inline dialplan stops when another transfer replaces it. */
		private int program;

		/** The leg its {@code bridge} rings or is bridged to; null when none. */
		private Call bridgeLeg;

		private boolean bridged;

		/** For a bridge's leg: the channel that rang it. */
		private Call bridgedTo;

		Call(Originate originate, CallScript how, Consumer<String> waiting) {
			this.channel = new FakeChannel(originate, coreUuid, hostname, ++sessionsSinceStartup, Instant.now());
			this.how = how;
			this.waiting = waiting;
		}

		String variable(String name) {
			return channel.variable(name);
		}

		void begin() {
			fire("CHANNEL_CREATE");
			long ringLimitMs = ringLimitMs();
			if (how.answers()) {
				if (how.answerAfterMs() >= ringLimitMs) {
					after(ringLimitMs, () -> end("NO_ANSWER", true));
				}
				else {
					after(how.answerAfterMs(), this::answer);
				}
			}
			else if (how.endAfterMs() >= 0 && how.endAfterMs() < ringLimitMs) {
				after(how.endAfterMs(), () -> end(how.cause(), how.endedByUs()));
			}
			else {
				after(ringLimitMs, () -> end("NO_ANSWER", true));
			}
		}

		/** {@code originate_timeout} (seconds, FreeSWITCH's default 60) bounds the ringing. */
		private long ringLimitMs() {
			String timeout = variable("originate_timeout");
			try {
				return timeout == null ? 60_000 : Math.max(0, Long.parseLong(timeout.trim()) * 1000);
			}
			catch (NumberFormatException ex) {
				return 60_000;
			}
		}

		private void answer() {
			if (ended) {
				return;
			}
			channel.answer(Instant.now());
			fire("CHANNEL_ANSWER");
			complete("+OK " + channel.uuid() + "\n");
			if ("&park()".equals(channel.originate().extension())) {
				fire("CHANNEL_PARK"); // originated to the park application instead of a dialplan
			}
			if (how.endAfterMs() >= 0) {
				after(how.endAfterMs(), () -> end(how.cause(), how.endedByUs()));
			}
		}

		/** Hangs up: {@code CHANNEL_HANGUP}, the originate's {@code -ERR} if it still waited, {@code CHANNEL_HANGUP_COMPLETE}, {@code CHANNEL_DESTROY}. */
		void end(String cause, boolean byUs) {
			if (ended) {
				return;
			}
			ended = true;
			cancelTimers();
			for (Map.Entry<String, String> variable : how.variables().entrySet()) {
				channel.variable(variable.getKey(), variable.getValue());
			}
			channel.hangup(cause, byUs, Instant.now());
			fire("CHANNEL_HANGUP");
			complete("-ERR " + cause + "\n");
			calls.remove(channel.uuid());
			liveChannels.remove(channel.uuid());
			dropBridge(); // the bridge's leg goes first, as on the switch
			Call a = bridgedTo;
			bridgedTo = null;
			fire("CHANNEL_HANGUP_COMPLETE");
			fire("CHANNEL_DESTROY");
			if (a != null && a.bridgeLeg == this && a.bridged) {
				a.bridgeLeg = null;
				a.bridged = false;
				if ("true".equals(a.variable("hangup_after_bridge"))) {
					a.end("NORMAL_CLEARING", false);
				}
			}
		}

		/**
		 * {@code uuid_transfer}: what the channel did is abandoned (a bridge that rings is cancelled, a
		 * bridged leg hung up), then an inline dialplan ({@code '[m:X:]app:data,…' inline}) runs: {@code set},
		 * {@code unset}, {@code bridge}, {@code park} ({@code CHANNEL_PARK}); {@code endless_playback} and
		 * {@code transfer} (into a dialplan this switch does not have) keep the channel where it is. A
		 * transfer into a dialplan only abandons.
		 */
		void transfer(String destination) {
			if (ended) {
				return;
			}
			program++;
			dropBridge();
			if (!destination.startsWith("'") || !destination.endsWith("' inline")) {
				return;
			}
			String list = destination.substring(1, destination.length() - "' inline".length());
			char delimiter = ',';
			if (list.length() > 3 && list.charAt(0) == 'm' && list.charAt(1) == ':' && list.charAt(3) == ':') {
				delimiter = list.charAt(2);
				list = list.substring(4);
			}
			run(List.of(list.split(Pattern.quote(String.valueOf(delimiter)))), 0, program);
		}

		/** Runs the inline dialplan's applications from {@code next} on, while {@code run} is still the channel's program. */
		private void run(List<String> applications, int next, int run) {
			for (int i = next; i < applications.size() && !ended && run == program; i++) {
				String application = applications.get(i);
				int colon = application.indexOf(':');
				String name = colon < 0 ? application : application.substring(0, colon);
				String data = colon < 0 ? "" : application.substring(colon + 1);
				switch (name) {
					case "set" -> {
						int equals = data.indexOf('=');
						channel.set(data.substring(0, equals), data.substring(equals + 1));
					}
					case "unset" -> channel.unset(data);
					case "park" -> {
						fire("CHANNEL_PARK");
						return;
					}
					case "bridge" -> {
						int after = i + 1;
						bridge(data, result -> {
							if (ended || run != program) {
								return;
							}
							if (result.startsWith("+OK")) {
								bridged = true;
								return;
							}
							String cause = result.substring("-ERR".length()).strip();
							bridgeLeg = null;
							channel.set("originate_disposition", cause);
							if ("true".equals(variable("continue_on_fail"))) {
								run(applications, after, run);
							}
							else {
								end(cause, true);
							}
						});
						return;
					}
					default -> {
						return; // endless_playback, transfer, …: the channel stays with it
					}
				}
			}
		}

		/**
		 * Rings the {@code {vars}endpoint} of a {@code bridge} as a new channel, scripted like an originate;
		 * {@code done} gets its result after the leg's own events (a failed leg's hangup comes first, as on
		 * the switch).
		 */
		private void bridge(String dialString, Consumer<String> result) {
			Consumer<String> done = text -> loop.execute(() -> result.accept(text));
			Originate leg;
			try {
				leg = Originate.parse(dialString).received(null, "bridge " + dialString);
			}
			catch (IllegalArgumentException ex) {
				done.accept("-ERR INVALID_NUMBER_FORMAT\n");
				return;
			}
			CallScript legScript = script.apply(leg);
			if (!legScript.createsChannel()) {
				done.accept("-ERR " + legScript.cause() + "\n");
				return;
			}
			Call b = new Call(leg, legScript, done);
			b.bridgedTo = this;
			bridgeLeg = b;
			calls.put(leg.uuid(), b);
			liveChannels.add(leg.uuid());
			b.begin();
		}

		/** The bridge leg goes: cancelled while it rings, hung up once bridged. */
		private void dropBridge() {
			Call b = bridgeLeg;
			bridgeLeg = null;
			boolean wasBridged = bridged;
			bridged = false;
			if (b != null) {
				b.bridgedTo = null;
				b.end(wasBridged ? "NORMAL_CLEARING" : "ORIGINATOR_CANCEL", true);
			}
		}

		/** The switch died: nothing more happens, nothing is said. */
		void lose() {
			ended = true;
			waiting = null;
			cancelTimers();
		}

		private void complete(String result) {
			Consumer<String> caller = waiting;
			waiting = null;
			if (caller != null) {
				caller.accept(result);
			}
		}

		private void fire(String eventName) {
			Instant now = Instant.now();
			deliver(channel.event(eventName, ++sequence, now));
		}

		private void after(long ms, Runnable action) {
			timers.add(loop.schedule(action, ms, TimeUnit.MILLISECONDS));
		}

		private void cancelTimers() {
			for (ScheduledFuture<?> timer : timers) {
				timer.cancel(false);
			}
			timers.clear();
		}

	}

	/** One client connection: its auth, subscriptions, filters, and the commands it has queued. */
	private final class Connection extends ChannelInboundHandlerAdapter {

		private Channel channel;

		private boolean authed;

		/** A notice went out (or the connection is being dropped): nothing more is written or run. */
		private boolean closing;

		/** An {@code api} that blocks (originate) is running: later commands wait, as on the switch. */
		private boolean busy;

		private boolean json;

		/** {@code event} has succeeded ({@code LFLAG_EVENTS}) and no {@code noevents} since. */
		private boolean listening;

		private boolean allEvents;

		private final Set<String> events = new HashSet<>();

		private final Set<String> subclasses = new HashSet<>();

		/** {@code filter} header/value pairs, in order. */
		private final List<String[]> filters = new ArrayList<>();

		private final ArrayDeque<EslFrame> pending = new ArrayDeque<>();

		private final List<byte[]> held = new ArrayList<>();

		private ScheduledFuture<?> idle;

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			channel = ctx.channel();
			connections.add(this);
			openConnections.incrementAndGet();
			write(AUTH_REQUEST);
			armIdle();
			ctx.fireChannelActive();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			connections.remove(this);
			openConnections.decrementAndGet();
			closing = true;
			if (idle != null) {
				idle.cancel(false);
			}
			pending.clear();
			held.clear();
			ctx.fireChannelInactive();
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			EslFrame frame = (EslFrame) msg;
			commands.add(frame.firstLine());
			if (closing) {
				return;
			}
			if (!authed) {
				armIdle();
			}
			pending.add(frame);
			drain();
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			closing = true;
			ctx.close();
		}

		void unstall(boolean resume) {
			List<byte[]> out = List.copyOf(held);
			held.clear();
			if (!resume) {
				pending.clear();
				return;
			}
			for (byte[] bytes : out) {
				write(bytes);
			}
			drain();
		}

		private void drain() {
			while (!stalled && !busy && !closing && !pending.isEmpty()) {
				run(pending.poll());
			}
		}

		private void armIdle() {
			if (idle != null) {
				idle.cancel(false);
				idle = null;
			}
			long ms = idleTimeout.toMillis();
			if (ms > 0) {
				idle = loop.schedule(() -> {
					if (stalled) {
						armIdle();
					}
					else if (!closing && !authed) {
						closeWithNotice();
					}
				}, ms, TimeUnit.MILLISECONDS);
			}
		}

		/** One command, as {@code mod_event_socket}'s {@code parse_command} reads it. */
		private void run(EslFrame frame) {
			String line = frame.firstLine().trim();
			int space = line.indexOf(' ');
			String word = (space < 0 ? line : line.substring(0, space)).toLowerCase(Locale.ROOT);
			String rest = space < 0 ? "" : line.substring(space + 1).trim();
			if (word.equals("exit") || word.equals("...")) {
				reply("+OK bye");
				closeWithNotice();
				return;
			}
			if (!authed) {
				if (word.equals("auth")) {
					if (rest.equals(password)) {
						authed = true;
						if (idle != null) {
							idle.cancel(false);
							idle = null;
						}
						auths.incrementAndGet();
						reply("+OK accepted");
					}
					else {
						reply("-ERR invalid");
						closeWithNotice();
					}
				}
				else {
					reply("-ERR command not found");
				}
				return;
			}
			switch (word) {
				case "api" -> {
					if (rest.isEmpty()) {
						reply("-ERR command not found"); // "api" needs its space and a command
						return;
					}
					api(rest, line);
				}
				case "bgapi" -> {
					if (rest.isEmpty()) {
						reply("-ERR command not found");
						return;
					}
					bgapi(rest, line, frame.header("Job-UUID"));
				}
				case "event" -> event(rest);
				case "nixevent" -> nixevent(rest);
				case "noevents" -> {
					if (!listening) {
						reply("-ERR not listening for events");
						return;
					}
					listening = false;
					allEvents = false;
					events.clear();
					subclasses.clear();
					reply("+OK no longer listening for events");
				}
				case "filter" -> filter(rest);
				case "linger", "nolinger" -> reply("-ERR not controlling a session"); // inbound: no session to linger on
				default -> reply("-ERR command not found");
			}
		}

		private void api(String text, String line) {
			int space = text.indexOf(' ');
			String command = space < 0 ? text : text.substring(0, space);
			String arguments = space < 0 ? "" : text.substring(space + 1).trim();
			if (command.equals("originate")) {
				busy = true; // api originate holds the connection until the call is answered or fails
				originate(arguments, line, null, result -> {
					busy = false;
					respond(result);
					drain();
				});
				return;
			}
			respond(FakeFreeSwitch.this.api(command, arguments));
		}

		private void bgapi(String text, String line, String jobUuidHeader) {
			String jobUuid = jobUuidHeader == null || jobUuidHeader.isBlank() ? UUID.randomUUID().toString()
					: jobUuidHeader.trim();
			write(utf8("Content-Type: command/reply\nReply-Text: +OK Job-UUID: " + jobUuid + "\nJob-UUID: " + jobUuid
					+ "\n\n"));
			int space = text.indexOf(' ');
			String command = space < 0 ? text : text.substring(0, space);
			String arguments = space < 0 ? "" : text.substring(space + 1).trim();
			if (command.equals("originate")) {
				originate(arguments, line, jobUuid, result -> fireBackgroundJob(jobUuid, command, arguments, result));
				return;
			}
			String result = FakeFreeSwitch.this.api(command, arguments);
			loop.execute(() -> fireBackgroundJob(jobUuid, command, arguments, result));
		}

		/** {@code event [plain|json] NAME…}: names add up over commands; {@code ALL} is every event; after {@code CUSTOM} come subclasses. */
		private void event(String text) {
			String[] words = text.isEmpty() ? new String[0] : text.split(" +");
			int keys = 0;
			boolean custom = false;
			for (int i = 0; i < words.length; i++) {
				String word = words[i];
				if (i == 0) {
					if (word.equalsIgnoreCase("plain") || word.equalsIgnoreCase("json")) {
						json = word.equalsIgnoreCase("json");
						continue;
					}
					if (word.equalsIgnoreCase("xml")) {
						reply("-ERR FakeFreeSwitch does not speak event xml");
						return;
					}
				}
				if (custom) {
					subclasses.add(word);
					continue;
				}
				String name = eventName(word);
				if (name != null) {
					keys++;
					if (name.equals("ALL")) {
						allEvents = true;
					}
					events.add(name);
					custom |= name.equals("CUSTOM");
				}
			}
			if (keys == 0) {
				reply("-ERR no keywords supplied");
				return;
			}
			listening = true;
			reply("+OK event listener enabled " + (json ? "json" : "plain"));
		}

		/**
		 * {@code nixevent NAME…}: {@code ALL} unsubscribes everything; one name taken out of
		 * {@code ALL} leaves every other; after {@code CUSTOM} come subclasses to drop.
		 */
		private void nixevent(String text) {
			int keys = 0;
			boolean custom = false;
			for (String word : text.isEmpty() ? new String[0] : text.split(" +")) {
				if (custom) {
					subclasses.remove(word);
					continue;
				}
				String name = eventName(word);
				if (name == null) {
					continue;
				}
				keys++;
				if (name.equals("CUSTOM")) {
					custom = true;
				}
				else if (name.equals("ALL")) {
					allEvents = false;
					events.clear();
				}
				else {
					if (allEvents) {
						allEvents = false;
						events.addAll(EVENT_NAMES);
						events.remove("ALL");
					}
					events.remove(name);
				}
			}
			if (keys == 0) {
				reply("-ERR no keywords supplied");
				return;
			}
			listening = true;
			reply("+OK events nixed");
		}

		/** {@code filter [add] <Header> <value>}, {@code filter delete <Header> [<value>]}, {@code filter delete all}. */
		private void filter(String text) {
			String[] words = text.split(" ", 2);
			String name = words[0];
			String value = words.length > 1 ? words[1] : null;
			if (name.equalsIgnoreCase("delete") && value != null) {
				String[] target = value.split(" ", 2);
				String header = target[0];
				String targetValue = target.length > 1 ? target[1] : null;
				if (header.equalsIgnoreCase("all")) {
					filters.clear();
				}
				else {
					filters.removeIf(filter -> filter[0].equalsIgnoreCase(header)
							&& (targetValue == null || filter[1].equals(targetValue)));
				}
				reply("+OK filter deleted. [" + header + "][" + (targetValue == null ? "" : targetValue) + "]");
				return;
			}
			if (value == null) {
				reply("-ERR invalid syntax");
				return;
			}
			if (name.equalsIgnoreCase("add")) {
				String[] added = value.split(" ", 2);
				name = added[0];
				value = added.length > 1 ? added[1] : null;
				if (value == null) {
					reply("-ERR invalid syntax");
					return;
				}
			}
			filters.add(new String[] { name, value });
			reply("+OK filter added. [" + name + "]=[" + value + "]");
		}

		/** Subscribed, and through the filters: any positive filter that matches lets it pass, a matching {@code -} filter vetoes. */
		boolean wants(SwitchEvent event) {
			if (!authed || closing) {
				return false;
			}
			String name = event.name();
			boolean send = allEvents || events.contains(name) && (!name.equals("CUSTOM")
					|| event.header("Event-Subclass") == null || subclasses.contains(event.header("Event-Subclass")));
			if (!send || filters.isEmpty()) {
				return send;
			}
			send = false;
			for (String[] filter : filters) {
				String value = event.header(filter[0]);
				if (value == null) {
					continue;
				}
				String compare = filter[1];
				boolean positive = true;
				int k = 0;
				while (k < compare.length() && (compare.charAt(k) == '+' || compare.charAt(k) == '-' || compare.charAt(k) == ' ')) {
					if (compare.charAt(k) != ' ') {
						positive = compare.charAt(k) == '+';
					}
					k++;
				}
				compare = compare.substring(k);
				if (send && positive) {
					continue;
				}
				boolean match;
				if (filter[1].startsWith("/")) {
					String regex = compare.startsWith("/") ? compare.substring(1) : compare;
					regex = regex.endsWith("/") ? regex.substring(0, regex.length() - 1) : regex;
					match = Pattern.compile(regex).matcher(value).find();
				}
				else {
					match = value.equalsIgnoreCase(compare);
				}
				if (match) {
					if (!positive) {
						return false;
					}
					send = true;
				}
			}
			return send;
		}

		private void reply(String replyText) {
			write(utf8("Content-Type: command/reply\nReply-Text: " + replyText + "\n\n"));
		}

		private void respond(String body) {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			byte[] head = utf8("Content-Type: api/response\nContent-Length: " + bytes.length + "\n\n");
			byte[] frame = new byte[head.length + bytes.length];
			System.arraycopy(head, 0, frame, 0, head.length);
			System.arraycopy(bytes, 0, frame, head.length, bytes.length);
			write(frame);
		}

		private void closeWithNotice() {
			write(NOTICE);
			closing = true;
			channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
		}

		/** Writes one frame, cut in 1–4 flushed pieces when splitting; held while the switch is stalled. */
		void write(byte[] frame) {
			if (closing || !channel.isActive()) {
				return;
			}
			if (stalled) {
				held.add(frame);
				return;
			}
			if (!splitWrites || frame.length < 2) {
				channel.writeAndFlush(Unpooled.wrappedBuffer(frame));
				return;
			}
			int headEnd = headerEnd(frame);
			int pieces = 1 + random.nextInt(4);
			TreeSet<Integer> cuts = new TreeSet<>();
			for (int i = 1; i < pieces; i++) {
				int cut = switch (random.nextInt(3)) {
					case 0 -> 1 + random.nextInt(Math.max(1, headEnd)); // inside the header block
					case 1 -> headEnd + random.nextInt(3) - 1; // at the blank line or the body's first byte
					default -> 1 + random.nextInt(frame.length - 1);
				};
				if (cut > 0 && cut < frame.length) {
					cuts.add(cut);
				}
			}
			int from = 0;
			for (int cut : cuts) {
				channel.writeAndFlush(Unpooled.wrappedBuffer(frame, from, cut - from));
				from = cut;
			}
			channel.writeAndFlush(Unpooled.wrappedBuffer(frame, from, frame.length - from));
		}

	}

	/** Where a frame's header block ends (just past its blank line), or its length. */
	private static int headerEnd(byte[] frame) {
		for (int i = 1; i < frame.length; i++) {
			if (frame[i] == '\n' && frame[i - 1] == '\n') {
				return i + 1;
			}
		}
		return frame.length;
	}

	private static String eventName(String word) {
		String name = word.toUpperCase(Locale.ROOT);
		if (name.startsWith("SWITCH_EVENT_")) {
			name = name.substring("SWITCH_EVENT_".length());
		}
		return EVENT_NAMES.contains(name) ? name : null;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Runs {@code task} on the switch's thread and waits for it (at most {@link #LOOP_WAIT_MS}). */
	private <T> T onLoop(Callable<T> task) {
		if (loop.inEventLoop()) {
			try {
				return task.call();
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		try {
			return loop.submit(task).get(LOOP_WAIT_MS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted waiting for FakeFreeSwitch", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("FakeFreeSwitch's thread did not answer in " + LOOP_WAIT_MS + " ms", ex);
		}
	}

	private void awaitTrue(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOOP_WAIT_MS);
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("timed out waiting for " + what);
			}
			onLoop(() -> null); // one more turn of the loop, where closes complete
		}
	}

	/**
	 * An originate as the switch parsed it: {@code {k=v,…}} channel variables (single quotes around
	 * values with spaces, {@code \,} for a comma, {@code ^^X} for another delimiter; {@code [..]}
	 * per-leg blocks merged), the endpoint {@code sofia/gateway/<gateway>/<dial>}, then extension,
	 * dialplan and context.
	 *
	 * @param jobUuid the bgapi's {@code Job-UUID}, null for {@code api originate}
	 * @param uuid {@code origination_uuid}, or one the switch made up
	 * @param variables the block's variables in order, quotes and escapes removed
	 * @param gateway null when the endpoint is not {@code sofia/gateway/…}
	 * @param dial the number dialled (the endpoint itself when not through a gateway)
	 * @param line the command's first line as received
	 */
	public record Originate(String jobUuid, String uuid, Map<String, String> variables, String gateway, String dial,
			String extension, String dialplan, String context, String line) {

		/** The value of a channel variable from the block, or null. */
		public String variable(String name) {
			return variables.get(name);
		}

		/** Parses what follows {@code originate }; throws IllegalArgumentException when there is no endpoint. */
		public static Originate parse(String arguments) {
			Map<String, String> variables = new LinkedHashMap<>();
			String text = arguments.trim();
			int pos = 0;
			while (pos < text.length() && (text.charAt(pos) == '{' || text.charAt(pos) == '[' || text.charAt(pos) == '<')) {
				char close = switch (text.charAt(pos)) {
					case '{' -> '}';
					case '[' -> ']';
					default -> '>';
				};
				int end = blockEnd(text, pos + 1, close);
				if (end < 0) {
					throw new IllegalArgumentException("unterminated variable block in: " + arguments);
				}
				parseBlock(text.substring(pos + 1, end), variables);
				pos = end + 1;
			}
			String[] words = text.substring(pos).trim().split(" +");
			if (words.length == 0 || words[0].isEmpty()) {
				throw new IllegalArgumentException("no endpoint in: " + arguments);
			}
			String endpoint = words[0];
			String gateway = null;
			String dial = endpoint;
			if (endpoint.startsWith("sofia/gateway/")) {
				String rest = endpoint.substring("sofia/gateway/".length());
				int slash = rest.indexOf('/');
				if (slash <= 0 || slash == rest.length() - 1) {
					throw new IllegalArgumentException("gateway endpoint without a number: " + endpoint);
				}
				gateway = rest.substring(0, slash);
				dial = rest.substring(slash + 1);
			}
			String extension = words.length > 1 ? words[1] : null;
			String dialplan = words.length > 2 ? words[2] : "XML";
			String context = words.length > 3 ? words[3] : "default";
			String uuid = variables.get("origination_uuid");
			if (uuid == null || uuid.isEmpty()) {
				uuid = UUID.randomUUID().toString();
			}
			return new Originate(null, uuid, Collections.unmodifiableMap(variables), gateway, dial, extension, dialplan,
					context, arguments);
		}

		Originate received(String jobUuid, String line) {
			return new Originate(jobUuid, uuid, variables, gateway, dial, extension, dialplan, context, line);
		}

		/** The index of the block's closing character, skipping quoted text and escaped characters; -1 if none. */
		private static int blockEnd(String text, int from, char close) {
			boolean quoted = false;
			for (int i = from; i < text.length(); i++) {
				char c = text.charAt(i);
				if (c == '\\') {
					i++;
				}
				else if (c == '\'') {
					quoted = !quoted;
				}
				else if (c == close && !quoted) {
					return i;
				}
			}
			return -1;
		}

		private static void parseBlock(String block, Map<String, String> variables) {
			char delimiter = ',';
			String body = block;
			if (body.startsWith("^^") && body.length() > 2) {
				delimiter = body.charAt(2);
				body = body.substring(3);
			}
			StringBuilder item = new StringBuilder();
			boolean quoted = false;
			for (int i = 0; i <= body.length(); i++) {
				char c = i < body.length() ? body.charAt(i) : delimiter;
				if (i < body.length() && c == '\\' && i + 1 < body.length()) {
					item.append(body.charAt(++i));
					continue;
				}
				if (i < body.length() && c == '\'') {
					quoted = !quoted;
					continue;
				}
				if (c == delimiter && (!quoted || i == body.length())) {
					String pair = item.toString();
					int equals = pair.indexOf('=');
					if (equals > 0) {
						variables.put(pair.substring(0, equals).trim(), pair.substring(equals + 1));
					}
					item.setLength(0);
					continue;
				}
				item.append(c);
			}
		}

	}

}
