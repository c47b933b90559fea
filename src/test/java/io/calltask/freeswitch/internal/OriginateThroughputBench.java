package io.calltask.freeswitch.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.freeswitch.CallScript;
import io.calltask.freeswitch.FakeFreeSwitch;
import io.calltask.freeswitch.esl.EslClient;
import io.calltask.freeswitch.esl.EslEvent;

/**
 * Originates through one Event Socket connection at a steady rate against the test peer (writes split
 * at random, every call answered and hung up, so events flow back on the same connection as the
 * replies), and reports command-to-reply latency and whether every reply matched its command.
 * Run by {@code bench/esl-originate-bench.sh}; arguments: rate per second (500), seconds (30), talk ms (2000).
 */
public final class OriginateThroughputBench {

	public static void main(String[] args) throws Exception {
		int rate = args.length > 0 ? Integer.parseInt(args[0]) : 500;
		int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
		long talkMs = args.length > 2 ? Long.parseLong(args[2]) : 2000;
		int total = rate * seconds;
		long[] latencyNanos = new long[total];
		AtomicInteger mismatched = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		AtomicLong hangups = new AtomicLong();
		AtomicLong events = new AtomicLong();
		Map<String, Boolean> ended = new ConcurrentHashMap<>();
		CountDownLatch replies = new CountDownLatch(total);
		CountDownLatch ready = new CountDownLatch(1);

		EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
		try (FakeFreeSwitch peer = new FakeFreeSwitch("ClueCon")) {
			peer.script(CallScript.answer(100, talkMs));
			EslClient client = new EslClient(new EslClient.Options("bench", "127.0.0.1", peer.port(), "ClueCon",
					FreeSwitchNode.EVENTS, false, FreeSwitchNode.filters("bench"), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(60),
					Duration.ofMillis(100), Duration.ofSeconds(1)), group, new EslClient.Listener() {
						@Override
						public void connected(EslClient c) {
							ready.countDown();
						}

						@Override
						public void disconnected(EslClient c, String why) {
							System.err.println("disconnected: " + why);
						}

						@Override
						public void event(EslClient c, EslEvent e) {
							events.incrementAndGet();
							if (e.name().equals("CHANNEL_HANGUP_COMPLETE") && ended.put(e.header("Unique-ID"), true) == null) {
								hangups.incrementAndGet();
							}
						}
					});
			client.start();
			if (!ready.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("no connection to the peer");
			}
			UUID task = UUID.randomUUID();
			UUID line = UUID.randomUUID();
			long period = 1_000_000_000L / rate;
			long start = System.nanoTime();
			for (int i = 0; i < total; i++) {
				long due = start + i * period;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				UUID id = UUID.randomUUID();
				String job = id.toString();
				String command = OriginateCommand.of(new OriginateRequest(new OriginateRequest.Identity(id, task, i),
						new OriginateRequest.Callee("138" + i, "0138" + i, java.util.Map.of()),
						new OriginateRequest.Route(line, "carrier_a", "fs1", "95555", 30),
						new OriginateRequest.Destination("102", "XML", "default",
								java.util.Map.of("execute_on_media", "start_da"))), "bench");
				int n = i;
				long sent = System.nanoTime();
				client.bgapi(command, job).whenComplete((reply, error) -> {
					latencyNanos[n] = System.nanoTime() - sent;
					if (error != null) {
						failed.incrementAndGet();
					}
					else if (!job.equals(reply.header("Job-UUID"))) {
						mismatched.incrementAndGet();
					}
					replies.countDown();
				});
			}
			long sendSeconds = System.nanoTime() - start;
			boolean all = replies.await(30, TimeUnit.SECONDS);
			long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(talkMs + 10_000);
			while (hangups.get() < total && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			long[] sorted = latencyNanos.clone();
			Arrays.sort(sorted);
			System.out.printf("originates: %d at %d/s over %.1f s (achieved %.1f/s)%n", total, rate, sendSeconds / 1e9,
					total / (sendSeconds / 1e9));
			System.out.printf("replies: %s, mismatched %d, failed %d%n", all ? "all" : "MISSING", mismatched.get(),
					failed.get());
			System.out.printf("command-to-reply ms: p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", pct(sorted, 50),
					pct(sorted, 90), pct(sorted, 99), pct(sorted, 99.9), sorted[sorted.length - 1] / 1e6);
			System.out.printf("events received: %d; calls hung up: %d of %d%n", events.get(), hangups.get(), total);
			client.close();
			if (!all || mismatched.get() > 0 || failed.get() > 0 || hangups.get() < total) {
				System.exit(1);
			}
		}
		finally {
			group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
		}
	}

	private static double pct(long[] sorted, double p) {
		int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
		return sorted[Math.max(0, i)] / 1e6;
	}

	private OriginateThroughputBench() {
	}

}
