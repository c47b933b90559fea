package io.calltask.freeswitch.esl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.calltask.freeswitch.FakeFreeSwitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Event Socket client against the peer: reply matching, subscriptions, and every way a connection goes. */
class EslClientTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

	private final List<AutoCloseable> closing = new ArrayList<>();

	private final AtomicInteger connects = new AtomicInteger();

	private final List<String> disconnects = new CopyOnWriteArrayList<>();

	private final List<EslEvent> events = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (int i = closing.size() - 1; i >= 0; i--) {
			closing.get(i).close();
		}
		group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
	}

	private FakeFreeSwitch peer() {
		FakeFreeSwitch peer = new FakeFreeSwitch("ClueCon");
		closing.add(peer);
		return peer;
	}

	private EslClient client(FakeFreeSwitch peer, String password, Duration commandTimeout, Duration liveness) {
		EslClient client = new EslClient(new EslClient.Options("test", "127.0.0.1", peer.port(), password,
				List.of("BACKGROUND_JOB", "HEARTBEAT"), false, List.of(), Duration.ofSeconds(1), commandTimeout, liveness,
				Duration.ofMillis(40), Duration.ofMillis(80)), group, new EslClient.Listener() {
					@Override
					public void connected(EslClient c) {
						connects.incrementAndGet();
					}

					@Override
					public void disconnected(EslClient c, String why) {
						disconnects.add(why);
					}

					@Override
					public void event(EslClient c, EslEvent event) {
						events.add(event);
					}
				});
		closing.add(client);
		return client;
	}

	private EslClient connected(FakeFreeSwitch peer) {
		EslClient client = client(peer, "ClueCon", Duration.ofSeconds(5), Duration.ofSeconds(30));
		client.start();
		await(client::ready, "ready");
		return client;
	}

	private static void await(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for " + what);
			}
			sleep(5);
		}
	}

	private static void sleep(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Throwable failure(CompletableFuture<?> future) {
		try {
			future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			throw new AssertionError("expected a failure");
		}
		catch (ExecutionException ex) {
			return ex.getCause();
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	@Test
	void everyReplyReachesTheCommandItAnswersThoughWritesAreSplitAnywhere() throws Exception {
		FakeFreeSwitch peer = peer();
		EslClient client = connected(peer);
		Map<String, CompletableFuture<EslFrame>> sent = new ConcurrentHashMap<>();
		ExecutorService senders = Executors.newFixedThreadPool(4);
		try {
			List<CompletableFuture<?>> all = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				all.add(CompletableFuture.runAsync(() -> {
					for (int i = 0; i < 500; i++) {
						String job = UUID.randomUUID().toString();
						sent.put(job, i % 5 == 0 ? client.api("uuid_exists " + job) : client.bgapi("status", job));
					}
				}, senders));
			}
			CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		finally {
			senders.shutdownNow();
		}
		for (Map.Entry<String, CompletableFuture<EslFrame>> e : sent.entrySet()) {
			EslFrame reply = e.getValue().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			if (reply.contentType().equals("api/response")) {
				assertThat(reply.bodyText()).isEqualTo("false");
			}
			else {
				assertThat(reply.replyText()).isEqualTo("+OK Job-UUID: " + e.getKey());
				assertThat(reply.header("Job-UUID")).isEqualTo(e.getKey());
			}
		}
		assertThat(sent).hasSize(2000);
		await(() -> events.stream().filter(e -> e.name().equals("BACKGROUND_JOB")).count() == 1600, "1600 job results");
		assertThat(connects.get()).isEqualTo(1);
	}

	@Test
	void subscriptionsAreRenewedAfterAReconnect() {
		FakeFreeSwitch peer = peer();
		EslClient client = connected(peer);
		peer.fire(peer.newEvent("HEARTBEAT"));
		await(() -> events.size() == 1, "heartbeat");
		peer.dropConnections();
		await(() -> connects.get() == 2 && client.ready(), "reconnected");
		assertThat(disconnects).hasSize(1);
		peer.fire(peer.newEvent("HEARTBEAT"));
		await(() -> events.size() == 2, "heartbeat after reconnect");
		assertThat(peer.commands().stream().filter(c -> c.startsWith("event plain ")).count()).isEqualTo(2);
		assertThat(peer.auths()).isEqualTo(2);
	}

	@Test
	void aDroppedConnectionFailsWhatWaitsAtOnce() {
		FakeFreeSwitch peer = peer();
		EslClient client = client(peer, "ClueCon", Duration.ofMinutes(5), Duration.ofMinutes(5));
		client.start();
		await(client::ready, "ready");
		peer.stall(true);
		CompletableFuture<EslFrame> waiting = client.api("status");
		await(() -> peer.commands().contains("api status"), "command read");
		peer.dropConnections();
		assertThat(failure(waiting)).isInstanceOf(EslException.Lost.class);
	}

	@Test
	void aLateReplyTimesOutAndTheConnectionIsRenewed() {
		FakeFreeSwitch peer = peer();
		EslClient client = client(peer, "ClueCon", Duration.ofMillis(300), Duration.ofMinutes(5));
		client.start();
		await(client::ready, "ready");
		peer.stall(true);
		assertThat(failure(client.api("status"))).isInstanceOf(EslException.Timeout.class);
		await(() -> !client.ready(), "closed");
		peer.unstall(false);
		await(() -> connects.get() == 2 && client.ready(), "reconnected");
		assertThat(client.api("status").join().bodyText()).isNotEmpty();
	}

	@Test
	void aSilentConnectionIsConsideredDeadUnlessTheSwitchHeartbeats() {
		FakeFreeSwitch quiet = peer();
		EslClient client = client(quiet, "ClueCon", Duration.ofSeconds(5), Duration.ofMillis(500));
		client.start();
		await(() -> quiet.auths() >= 2, "reconnect after silence");
		assertThat(disconnects.get(0)).contains("nothing heard");
		client.close();

		FakeFreeSwitch beating = peer().heartbeat(Duration.ofMillis(50));
		EslClient alive = client(beating, "ClueCon", Duration.ofSeconds(5), Duration.ofSeconds(1));
		alive.start();
		await(alive::ready, "second client ready");
		sleep(3000);
		assertThat(beating.auths()).as("heartbeats keep a quiet connection alive").isEqualTo(1);
		assertThat(alive.ready()).isTrue();
	}

	@Test
	void aWrongPasswordNeverConnectsButKeepsTrying() {
		FakeFreeSwitch peer = peer();
		EslClient client = client(peer, "wrong", Duration.ofSeconds(5), Duration.ofSeconds(30));
		client.start();
		await(() -> peer.commands().stream().filter(c -> c.equals("auth wrong")).count() >= 3, "three tries");
		assertThat(peer.auths()).isZero();
		assertThat(client.ready()).isFalse();
		assertThat(connects.get()).isZero();
		assertThat(failure(client.api("status"))).isInstanceOf(EslException.NotSent.class);
	}

	@Test
	void commandsCannotCarryASecondCommand() {
		FakeFreeSwitch peer = peer();
		EslClient client = connected(peer);
		assertThat(failure(client.bgapi("status\n\nexit", "j"))).isInstanceOf(IllegalArgumentException.class);
		assertThat(failure(client.api("status\nexit"))).isInstanceOf(IllegalArgumentException.class);
		assertThat(failure(client.send("api status\n\napi exit"))).isInstanceOf(IllegalArgumentException.class);
		assertThat(peer.commands()).noneMatch(c -> c.contains("exit"));
		assertThat(client.ready()).isTrue();
	}

	@Test
	void nothingIsSentBeforeTheConnectionIsReady() {
		FakeFreeSwitch peer = peer();
		EslClient client = client(peer, "ClueCon", Duration.ofSeconds(5), Duration.ofSeconds(30));
		assertThatThrownBy(() -> client.api("status").join()).hasCauseInstanceOf(EslException.NotSent.class);
	}

}
