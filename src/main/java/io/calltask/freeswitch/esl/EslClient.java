package io.calltask.freeswitch.esl;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Event Socket connection to one FreeSWITCH, inbound mode, kept up: it authenticates, subscribes
 * to its events, matches replies to commands in order (each with a timeout), fails every waiting
 * command when the connection goes, and reconnects with backoff, subscribing again.
 * <p>
 * All connection state lives on the channel's event loop; commands can be sent from any thread and
 * never block. A command whose reply is late closes the connection: later replies could no longer be
 * matched, and a stalled FreeSWITCH is better reconnected than waited for.
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

	private record Pending(String command, CompletableFuture<EslFrame> reply, ScheduledFuture<?> timeout) {
	}

	private final Options options;

	private final Listener listener;

	private final Bootstrap bootstrap;

	private final EventLoop loop;

	/** The current connection, null while there is none (event loop only, volatile for {@link #ready}). */
	private volatile Channel channel;

	private volatile boolean ready;

	private volatile boolean closed;

	private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();

	private final ArrayDeque<Pending> pending = new ArrayDeque<>();

	private int failures;

	private ScheduledFuture<?> reconnect;

	public EslClient(Options options, EventLoopGroup group, Listener listener) {
		this.options = options;
		this.listener = listener;
		this.loop = group.next();
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
						.addLast(new Connection());
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
		return ready;
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
		Channel ch = channel;
		if (ch == null || !ready) {
			reply.completeExceptionally(new EslException.NotSent(options.name() + ": not connected"));
			return reply;
		}
		loop.execute(() -> write(ch, command, reply));
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
			Channel ch = channel;
			if (ch != null) {
				ch.close().addListener(f -> done.complete(null));
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

	private void write(Channel ch, String command, CompletableFuture<EslFrame> reply) {
		if (ch != channel || !ch.isActive()) {
			reply.completeExceptionally(new EslException.NotSent(options.name() + ": connection lost"));
			return;
		}
		ScheduledFuture<?> timeout = loop.schedule(() -> timedOut(ch, command), options.commandTimeout().toMillis(),
				TimeUnit.MILLISECONDS);
		pending.add(new Pending(command, reply, timeout));
		ByteBuf bytes = ch.alloc().buffer(command.length() + 8);
		bytes.writeCharSequence(command, StandardCharsets.UTF_8);
		bytes.writeByte('\n').writeByte('\n');
		ch.writeAndFlush(bytes, ch.voidPromise());
	}

	private void timedOut(Channel ch, String command) {
		if (ch != channel) {
			return;
		}
		Pending first = pending.poll();
		if (first != null) {
			first.reply.completeExceptionally(new EslException.Timeout(options.name() + ": no reply to '"
					+ firstWords(first.command) + "' in " + options.commandTimeout().toMillis() + " ms"));
		}
		log.warn("{}: no reply to '{}' in {} ms; reconnecting", options.name(), firstWords(command),
				options.commandTimeout().toMillis());
		ch.close();
	}

	private static String firstWords(String command) {
		int end = command.indexOf('\n');
		String line = end < 0 ? command : command.substring(0, end);
		return line.length() > 60 ? line.substring(0, 60) + "…" : line;
	}

	private void connect() {
		reconnect = null;
		if (closed) {
			return;
		}
		ChannelFuture attempt = bootstrap.connect(options.host(), options.port());
		attempt.addListener(f -> {
			if (!f.isSuccess()) {
				retry("connect to " + options.host() + ":" + options.port() + " failed: " + f.cause().getMessage());
			}
		});
	}

	private void retry(String why) {
		if (closed) {
			return;
		}
		failures++;
		long min = Math.max(1, options.backoffMin().toMillis());
		long delay = Math.min(options.backoffMax().toMillis(), min << Math.min(failures - 1, 20));
		delay = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
		if (failures == 1 || failures % 20 == 0) {
			log.warn("{}: {}; retrying in {} ms", options.name(), why, delay);
		}
		reconnect = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
	}

	private void failPending(String why) {
		Pending p;
		while ((p = pending.poll()) != null) {
			p.timeout.cancel(false);
			p.reply.completeExceptionally(new EslException.Lost(options.name() + ": " + why));
		}
	}

	/** The protocol on one connection: auth, subscribe, then replies and events. */
	private final class Connection extends ChannelInboundHandlerAdapter {

		private String lost = "connection closed";

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			Channel ch = ctx.channel();
			if (closed) {
				ch.close();
				return;
			}
			channel = ch;
			// The greeting, auth and subscription must all come within one command timeout.
			loop.schedule(() -> {
				if (ch == channel && !ready && ch.isActive()) {
					lost = "no greeting, auth or subscription reply in " + options.commandTimeout().toMillis() + " ms";
					log.warn("{}: {}", options.name(), lost);
					ch.close();
				}
			}, options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
			ctx.fireChannelActive();
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			EslFrame frame = (EslFrame) msg;
			String type = frame.contentType();
			switch (type) {
				case "auth/request" -> handshake(ctx.channel(), 0);
				case "command/reply", "api/response" -> reply(frame);
				case "text/disconnect-notice" -> {
					lost = "FreeSWITCH said goodbye";
					ctx.close();
				}
				case "text/rude-rejection" -> {
					lost = "FreeSWITCH refused this address (event_socket.conf.xml apply-inbound-acl): "
							+ frame.bodyText().strip();
					log.error("{}: {}", options.name(), lost);
					ctx.close();
				}
				case "text/event-plain", "text/event-json" -> event(frame);
				default -> log.debug("{}: ignoring {}", options.name(), frame);
			}
		}

		/**
		 * Authenticates, subscribes, then adds the filters, each command after the previous reply; then
		 * the connection is ready. A refused password or subscription closes it; a refused filter only
		 * means more events than needed.
		 */
		private void handshake(Channel ch, int step) {
			List<String> filters = options.filters();
			if (step == 2 + filters.size()) {
				failures = 0;
				ready = true;
				log.info("{}: connected to {}:{}", options.name(), options.host(), options.port());
				listener.connected(EslClient.this);
				return;
			}
			String command = switch (step) {
				case 0 -> "auth " + options.password();
				case 1 -> "event " + (options.json() ? "json " : "plain ") + String.join(" ", options.events());
				default -> "filter " + filters.get(step - 2);
			};
			CompletableFuture<EslFrame> replied = new CompletableFuture<>();
			write(ch, command, replied);
			replied.whenComplete((reply, error) -> {
				if (error != null || ch != channel) {
					return;
				}
				if (!reply.ok() && step < 2) {
					lost = (step == 0 ? "FreeSWITCH refused the password (" : "subscription refused (")
							+ reply.replyText() + ")";
					log.error("{}: {}", options.name(), lost);
					ch.close();
					return;
				}
				if (!reply.ok()) {
					log.warn("{}: '{}' refused ({}); receiving more events than needed", options.name(), command,
							reply.replyText());
				}
				handshake(ch, step + 1);
			});
		}

		private void reply(EslFrame frame) {
			Pending p = pending.poll();
			if (p == null) {
				log.warn("{}: a reply nobody waits for: {}", options.name(), frame);
				return;
			}
			p.timeout.cancel(false);
			p.reply.complete(frame);
		}

		private void event(EslFrame frame) {
			EslEvent event;
			try {
				event = EslEvent.of(frame);
			}
			catch (RuntimeException ex) {
				log.warn("{}: an event that cannot be read: {}", options.name(), ex.getMessage());
				return;
			}
			try {
				listener.event(EslClient.this, event);
			}
			catch (RuntimeException ex) {
				log.error("{}: event listener failed on {}", options.name(), event, ex);
			}
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
			if (evt instanceof IdleStateEvent) {
				lost = "nothing heard for " + options.liveness().toMillis() + " ms";
				log.warn("{}: {}; reconnecting", options.name(), lost);
				ctx.close();
			}
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			lost = cause.getClass().getSimpleName() + ": " + cause.getMessage();
			log.warn("{}: {}", options.name(), lost);
			ctx.close();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			if (ctx.channel() != channel) {
				return;
			}
			boolean wasReady = ready;
			ready = false;
			channel = null;
			failPending(lost);
			if (wasReady) {
				log.warn("{}: disconnected: {}", options.name(), lost);
				try {
					listener.disconnected(EslClient.this, lost);
				}
				catch (RuntimeException ex) {
					log.error("{}: disconnect listener failed", options.name(), ex);
				}
			}
			retry(lost);
		}

	}

}
