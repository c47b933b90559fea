package io.calltask.freeswitch.esl;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol on one Event Socket connection, after {@link EslFrameDecoder}: the greeting, auth,
 * subscription and filters; then each reply matched to the oldest command still waiting (FreeSWITCH
 * answers in order), each command with a timeout; events read and handed to the listener. When the
 * connection goes, every waiting command fails and the client is told, so it can reconnect.
 * <p>
 * A new one for every connection, living on the connection's event loop: its state needs no locks.
 * A command whose reply is late closes the connection: later replies could no longer be matched, and
 * a stalled FreeSWITCH is better reconnected than waited for.
 */
final class EslConnection extends ChannelInboundHandlerAdapter {

	private static final Logger log = LoggerFactory.getLogger(EslConnection.class);

	private record Pending(String command, CompletableFuture<EslFrame> reply, ScheduledFuture<?> timeout) {
	}

	private final EslClient client;

	private final EslClient.Options options;

	private final EslClient.Listener listener;

	private final ArrayDeque<Pending> pending = new ArrayDeque<>();

	private Channel channel;

	/** Authenticated and subscribed (volatile: {@link EslClient#send} reads it from any thread). */
	private volatile boolean ready;

	/** The connection went: nothing more is written, waits or times out on it. */
	private boolean gone;

	/** Why the connection went, as the log and the listener are told. */
	private String lost = "connection closed";

	EslConnection(EslClient client, EslClient.Options options, EslClient.Listener listener) {
		this.client = client;
		this.options = options;
		this.listener = listener;
	}

	boolean ready() {
		return ready;
	}

	/** Writes {@code command} and waits for its reply, at most the command timeout. On the event loop. */
	void write(String command, CompletableFuture<EslFrame> reply) {
		if (gone || !channel.isActive()) {
			reply.completeExceptionally(new EslException.NotSent(options.name() + ": connection lost"));
			return;
		}
		ScheduledFuture<?> timeout = channel.eventLoop()
			.schedule(() -> timedOut(command), options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
		pending.add(new Pending(command, reply, timeout));
		ByteBuf bytes = channel.alloc().buffer(command.length() + 8);
		bytes.writeCharSequence(command, StandardCharsets.UTF_8);
		bytes.writeByte('\n').writeByte('\n');
		channel.writeAndFlush(bytes, channel.voidPromise());
	}

	/** Closes the connection; completes when it is closed. */
	ChannelFuture close() {
		return channel.close();
	}

	private void timedOut(String command) {
		if (gone) {
			return;
		}
		Pending first = pending.poll();
		if (first != null) {
			first.reply.completeExceptionally(new EslException.Timeout(options.name() + ": no reply to '"
					+ firstWords(first.command) + "' in " + options.commandTimeout().toMillis() + " ms"));
		}
		log.warn("{}: no reply to '{}' in {} ms; reconnecting", options.name(), firstWords(command),
				options.commandTimeout().toMillis());
		channel.close();
	}

	private static String firstWords(String command) {
		int end = command.indexOf('\n');
		String line = end < 0 ? command : command.substring(0, end);
		return line.length() > 60 ? line.substring(0, 60) + "…" : line;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		channel = ctx.channel();
		if (!client.attach(this)) {
			channel.close();
			return;
		}
		// The greeting, auth and subscription must all come within one command timeout.
		channel.eventLoop().schedule(() -> {
			if (!gone && !ready && channel.isActive()) {
				lost = "no greeting, auth or subscription reply in " + options.commandTimeout().toMillis() + " ms";
				log.warn("{}: {}", options.name(), lost);
				channel.close();
			}
		}, options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		EslFrame frame = (EslFrame) msg;
		switch (frame.contentType()) {
			case "auth/request" -> handshake(0);
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
	private void handshake(int step) {
		List<String> filters = options.filters();
		if (step == 2 + filters.size()) {
			ready = true;
			client.connected();
			return;
		}
		String command = switch (step) {
			case 0 -> "auth " + options.password();
			case 1 -> "event " + (options.json() ? "json " : "plain ") + String.join(" ", options.events());
			default -> "filter " + filters.get(step - 2);
		};
		CompletableFuture<EslFrame> replied = new CompletableFuture<>();
		write(command, replied);
		replied.whenComplete((reply, error) -> {
			if (error != null || gone) {
				return;
			}
			if (!reply.ok() && step < 2) {
				lost = (step == 0 ? "FreeSWITCH refused the password (" : "subscription refused (") + reply.replyText()
						+ ")";
				log.error("{}: {}", options.name(), lost);
				channel.close();
				return;
			}
			if (!reply.ok()) {
				log.warn("{}: '{}' refused ({}); receiving more events than needed", options.name(), command,
						reply.replyText());
			}
			handshake(step + 1);
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
			listener.event(client, event);
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
		if (!client.detach(this)) {
			return;
		}
		gone = true;
		boolean wasReady = ready;
		ready = false;
		Pending p;
		while ((p = pending.poll()) != null) {
			p.timeout.cancel(false);
			p.reply.completeExceptionally(new EslException.Lost(options.name() + ": " + lost));
		}
		if (wasReady) {
			log.warn("{}: disconnected: {}", options.name(), lost);
			try {
				listener.disconnected(client, lost);
			}
			catch (RuntimeException ex) {
				log.error("{}: disconnect listener failed", options.name(), ex);
			}
		}
		client.reconnectLater(lost);
	}

}
