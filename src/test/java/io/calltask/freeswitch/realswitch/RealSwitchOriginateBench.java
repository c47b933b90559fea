package io.calltask.freeswitch.realswitch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.freeswitch.FreeSwitchSettings;
import io.calltask.freeswitch.internal.FreeSwitchGateway;

/**
 * The FreeSWITCH gateway against the real switch of {@code ../shared/freeswitch}: calls placed at a
 * steady rate through {@code sipp_uas} (answered, 2 s in context {@code default}, hung up), each
 * followed to its hangup. Reports the rate achieved, how the calls ended (over the switch's
 * {@code sessions-per-second}, FreeSWITCH refuses calls), the time from originate to answer, and the
 * CPU the gateway's own threads (network, call events) spent per call: the event handling cost.
 * The first {@code warm-up} seconds' calls are placed and counted like the others, but their CPU is
 * not (the JIT compiles the gateway's paths meanwhile).
 * Run by {@code bench/freeswitch-real-bench.sh}; arguments: rate per second (30), seconds (20), warm-up seconds (10), event format (plain or json).
 */
public final class RealSwitchOriginateBench {

	public static void main(String[] args) throws Exception {
		int rate = args.length > 0 ? Integer.parseInt(args[0]) : 30;
		int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
		int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10;
		int measured = rate * seconds;
		int total = rate * (warmup + seconds);
		String format = args.length > 3 ? args[3] : "plain";
		Map<UUID, Long> sentAt = new ConcurrentHashMap<>();
		Map<UUID, Long> answerNanos = new ConcurrentHashMap<>();
		Map<String, Integer> causes = new ConcurrentHashMap<>();
		FreeSwitchSettings settings = new FreeSwitchSettings(
				Map.of("fs1", new FreeSwitchSettings.Node(RealSwitch.HOST, RealSwitch.PORT, RealSwitch.PASSWORD)), format,
				Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMillis(500),
				Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofMinutes(10), 2);
		try (FreeSwitchGateway gateway = new FreeSwitchGateway(settings, Clock.systemUTC())) {
			gateway.start("bench", List.of(), event -> {
				if (event instanceof CallEvent.Answered a) {
					answerNanos.put(a.callId(), System.nanoTime() - sentAt.get(a.callId()));
				}
				else if (event instanceof CallEvent.HungUp h) {
					causes.merge(h.hangupCause(), 1, Integer::sum);
				}
			});
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!gateway.nodeUp("fs1")) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(RealSwitch.HOW_TO_RUN);
				}
				Thread.sleep(50);
			}
			long cpuBefore = 0;
			long userBefore = 0;
			UUID task = UUID.randomUUID();
			UUID line = UUID.randomUUID();
			long period = 1_000_000_000L / rate;
			long start = System.nanoTime();
			for (int i = 0; i < total; i++) {
				long wait = start + i * period - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				if (i == total - measured) {
					cpuBefore = gatewayCpuNanos(false);
					userBefore = gatewayCpuNanos(true);
				}
				UUID id = UUID.randomUUID();
				sentAt.put(id, System.nanoTime());
				String phone = "1388" + String.format("%07d", i);
				gateway.originate(new OriginateRequest(new OriginateRequest.Identity(id, task, i),
						new OriginateRequest.Callee(phone, phone, Map.of()),
						new OriginateRequest.Route(line, "sipp_uas", "fs1", "02100000000", 30),
						new OriginateRequest.Destination("102", "XML", "default", Map.of())));
			}
			double sendSeconds = (System.nanoTime() - start) / 1e9;
			deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (causes.values().stream().mapToInt(Integer::intValue).sum() < total && System.nanoTime() < deadline) {
				Thread.sleep(100);
			}
			long cpu = gatewayCpuNanos(false) - cpuBefore;
			long user = gatewayCpuNanos(true) - userBefore;
			int ended = causes.values().stream().mapToInt(Integer::intValue).sum();
			long[] answers = answerNanos.values().stream().mapToLong(Long::longValue).sorted().toArray();
			System.out.printf("originates: %d at %d/s over %.1f s (%.1f/s placed)%n", total, rate, sendSeconds,
					total / sendSeconds);
			System.out.printf("ended: %d of %d; by cause: %s%n", ended, total, new TreeMap<>(causes));
			System.out.printf("answered: %d; originate-to-answer ms: p50 %.1f  p99 %.1f  max %.1f%n", answers.length,
					pct(answers, 50), pct(answers, 99), answers.length == 0 ? 0 : answers[answers.length - 1] / 1e6);
			System.out.printf("gateway threads' CPU after the warm-up, %d calls: %.0f ms (user %.0f ms), %.1f µs per call"
					+ " (user %.1f µs)%n", measured, cpu / 1e6, user / 1e6, cpu / 1e3 / measured, user / 1e3 / measured);
			perThread(measured);
			if (ended < total) {
				System.exit(1);
			}
		}
	}

	/** CPU time (or user time only) of the gateway's threads: its network thread, call-event threads and timer. */
	private static long gatewayCpuNanos(boolean userOnly) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long sum = 0;
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && (info.getThreadName().startsWith("freeswitch"))) {
				long t = userOnly ? threads.getThreadUserTime(info.getThreadId()) : threads.getThreadCpuTime(info.getThreadId());
				sum += Math.max(0, t);
			}
		}
		return sum;
	}

	/** Each gateway thread's whole CPU time per measured call, for where it goes. */
	private static void perThread(int calls) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith("freeswitch")) {
				System.out.printf("  %-22s %.1f µs per call (whole run)%n", info.getThreadName(),
						threads.getThreadCpuTime(info.getThreadId()) / 1e3 / calls);
			}
		}
	}

	private static double pct(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
		return sorted[Math.max(0, i)] / 1e6;
	}

	private RealSwitchOriginateBench() {
	}

}
