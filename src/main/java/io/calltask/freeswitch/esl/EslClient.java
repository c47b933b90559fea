package io.calltask.freeswitch.esl;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Event Socket connection to one FreeSWITCH, inbound mode, kept up: commands ({@link #api},
 * {@link #bgapi}) answered by futures, events to the {@link Listener}, and a new connection after
 * every lost one, {@link ReconnectBackoff} apart, subscribing again.
 * <p>
 * The layers below: {@link EslFrameDecoder} cuts frames out of the bytes, {@link EslConnection} speaks
 * the protocol on one connection (handshake, reply matching, timeouts, events). This class picks the
 * connection and keeps it up. Commands can be sent from any thread and never block; everything else
 * happens on the connection's event loop.
 */
public final class EslClient implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(EslClient.class);

	/**
	 * Where and how to connect. {@code events} are subscribed on every connect ({@code json}: as
	 * {@code text/event-json}); {@code liveness} is how long the connection may be silent (FreeSWITCH
	 * sends {@code HEARTBEAT} every 20 s when subscribed) before it is considered dead. {@code filters}
	 * ({@code "<header> <value>"}, sent as {@code filter …} after subscribing) narrow what FreeSWITCH
	 * sends: an event passes if any of them matches.
	 */
	public record Options(String name, String host, int port, String password, List<String> events, boolean json,
			List<String> filters, Duration connectTimeout, Duration commandTimeout, Duration liveness,
			Duration backoffMin, Duration backoffMax) {
	}

	/** What the connection tells its owner, on the event loop: must not block. */
	public interface Listener {

		/** Authenticated and subscribed: commands can be sent. */
		void connected(EslClient client);

		/** The connection went; every waiting command has failed. A reconnect is scheduled unless closed. */
		void disconnected(EslClient client, String why);

		void event(EslClient client, EslEvent event);

	}

	private final Options options;

	private final Listener listener;

	private final Bootstrap bootstrap;

	private final EventLoop loop;

	/** Event loop only. */
	private final ReconnectBackoff backoff;

	/** The current connection, null while there is none (set on the event loop, read anywhere). */
	private volatile EslConnection connection;

	private volatile boolean closed;

	private final AtomicBoolean started = new AtomicBoolean();

	/** Event loop only. */
	private ScheduledFuture<?> reconnect;

	public EslClient(Options options, EventLoopGroup group, Listener listener) {
		this.options = options;
		this.listener = listener;
		this.loop = group.next();
		this.backoff = new ReconnectBackoff(options.backoffMin(), options.backoffMax(), new Random());
		this.bootstrap = new Bootstrap().group(loop)
			.channel(NioSocketChannel.class)
			.option(ChannelOption.TCP_NODELAY, true)
			.option(ChannelOption.SO_KEEPALIVE, true)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
			.handler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel ch) {
					ch.pipeline()
						.addLast(new IdleStateHandler(options.liveness().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
						.addLast(new EslFrameDecoder())
						.addLast(new EslConnection(EslClient.this, options, listener));
				}
			});
	}

	public String name() {
		return options.name();
	}

	/** Starts connecting (and keeps reconnecting until {@link #close}); once. */
	public void start() {
		if (!started.getAndSet(true)) {
			loop.execute(this::connect);
		}
	}

	/** Authenticated and subscribed. */
	public boolean ready() {
		EslConnection c = connection;
		return c != null && c.ready();
	}

	/**
	 * Sends {@code command} (one line, optionally followed by {@code Name: value} header lines) and
	 * completes with its reply, or exceptionally with {@link EslException} (not connected, connection
	 * lost, or timed out). Never blocks.
	 */
	public CompletableFuture<EslFrame> send(String command) {
		CompletableFuture<EslFrame> reply = new CompletableFuture<>();
		if (command.isEmpty() || command.indexOf('\r') >= 0 || command.contains("\n\n") || command.endsWith("\n")) {
			reply.completeExceptionally(new IllegalArgumentException("an ESL command is non-empty lines without a blank one"));
			return reply;
		}
		EslConnection c = connection;
		if (c == null || !c.ready()) {
			reply.completeExceptionally(new EslException.NotSent(options.name() + ": not connected"));
			return reply;
		}
		loop.execute(() -> c.write(command, reply));
		return reply;
	}

	/** {@code api <command>}: the reply's body is the command's output. Blocks the connection on FreeSWITCH while it runs. */
	public CompletableFuture<EslFrame> api(String command) {
		return oneLine(command) ? send("api " + command) : invalid();
	}

	/** {@code bgapi <command>} under our own {@code Job-UUID}: the result comes as a {@code BACKGROUND_JOB} event. */
	public CompletableFuture<EslFrame> bgapi(String command, String jobUuid) {
		return oneLine(command) && oneLine(jobUuid) ? send("bgapi " + command + "\nJob-UUID: " + jobUuid) : invalid();
	}

	private static boolean oneLine(String text) {
		return text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
	}

	private static CompletableFuture<EslFrame> invalid() {
		return CompletableFuture.failedFuture(new IllegalArgumentException("an ESL command is one line"));
	}

	/** Stops reconnecting, closes the connection and fails what waits. Waits at most a second. */
	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		CompletableFuture<Void> done = new CompletableFuture<>();
		if (loop.isShuttingDown()) {
			return;
		}
		loop.execute(() -> {
			if (reconnect != null) {
				reconnect.cancel(false);
			}
			EslConnection c = connection;
			if (c != null) {
				c.close().addListener(f -> done.complete(null));
			}
			else {
				done.complete(null);
			}
		});
		try {
			done.get(1, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			log.debug("{}: close did not finish in time", options.name());
		}
	}

	private void connect() {
		reconnect = null;
		if (closed) {
			return;
		}
		ChannelFuture attempt = bootstrap.connect(options.host(), options.port());
		attempt.addListener(f -> {
			if (!f.isSuccess()) {
				reconnectLater("connect to " + options.host() + ":" + options.port() + " failed: " + f.cause().getMessage());
			}
		});
	}

	// What the connection tells its client, on the event loop.

	/** A connection opened: it becomes the current one, unless the client is closed (then it is refused). */
	boolean attach(EslConnection opened) {
		if (closed) {
			return false;
		}
		connection = opened;
		return true;
	}

	/** Authenticated and subscribed. */
	void connected() {
		backoff.reset();
		log.info("{}: connected to {}:{}", options.name(), options.host(), options.port());
		listener.connected(this);
	}

	/** A connection closed: false if it was not the current one (refused by {@link #attach}). */
	boolean detach(EslConnection closing) {
		if (closing != connection) {
			return false;
		}
		connection = null;
		return true;
	}

	void reconnectLater(String why) {
		if (closed) {
			return;
		}
		long delay = backoff.next().toMillis();
		if (backoff.failures() == 1 || backoff.failures() % 20 == 0) {
			log.warn("{}: {}; retrying in {} ms", options.name(), why, delay);
		}
		reconnect = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
	}

}
