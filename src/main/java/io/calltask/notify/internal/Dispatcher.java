package io.calltask.notify.internal;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.calltask.api.WebhookUrls;
import io.calltask.notify.NotifySettings;

/**
 * Sends due events, on its own threads, never the dialer's. Each round (every {@code poll}, or as
 * soon as an attempt ends, at least 20 ms apart) writes the attempts that ended, then leases what is
 * due, oldest first: at most {@code max-in-flight} attempts at once and {@code per-receiver} to one
 * receiver ({@code host:port}), so a slow or dead one holds only its own slots; every other receiver
 * with events waiting is asked for its own due events too, so one receiver's backlog at the head of
 * the queue cannot hold the others back. One attempt is bounded
 * by {@code timeout} (the host's addresses are checked again, the connection, the answer's status
 * line); the answer's body is never read. 2xx: delivered; anything else is a failed attempt
 * ({@link Attempts}).
 */
@Component
class Dispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	private final NotifyMetrics metrics;

	/** The shortest time between two rounds. */
	private static final long ROUND_MILLIS = 20;

	private final EventStore store;

	private final WebhookSecrets secrets;

	private final Attempts attempts;

	private final NotifySettings settings;

	private final Clock clock;

	private final AtomicInteger inFlight = new AtomicInteger();

	/** Attempts in progress per receiver. */
	private final Map<String, AtomicInteger> inFlightPerReceiver = new ConcurrentHashMap<>();

	/** How often the receivers with events waiting are looked up again. */
	private static final long RECEIVERS_EVERY_SECONDS = 5;

	/** The receivers with events waiting, as last looked up (dispatcher's thread only), and when. */
	private List<String> receivers = List.of();

	private Instant receiversAt;

	/** When each receiver was last asked for its own due events. */
	private final Map<String, Instant> askedAt = new HashMap<>();

	/** Attempts that ended, waiting to be written by the dispatcher's thread. */
	private final Queue<Attempts.Done> done = new ConcurrentLinkedQueue<>();

	private ExecutorService workers;

	/** Looks up receivers' addresses (a lookup blocks): apart from the HTTP client's threads. */
	private ExecutorService resolver;

	private HttpClient http;

	private volatile Thread thread;

	private volatile boolean running;

	Dispatcher(EventStore store, WebhookSecrets secrets, Attempts attempts, NotifyMetrics metrics, NotifySettings settings,
			Clock clock) {
		this.metrics = metrics;
		this.store = store;
		this.secrets = secrets;
		this.attempts = attempts;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		if (running) {
			return;
		}
		running = true;
		workers = Executors.newFixedThreadPool(4, r -> {
			Thread t = new Thread(r, "notify-worker");
			t.setDaemon(true);
			return t;
		});
		resolver = Executors.newFixedThreadPool(8, r -> {
			Thread t = new Thread(r, "notify-resolver");
			t.setDaemon(true);
			return t;
		});
		http = HttpClient.newBuilder()
			.connectTimeout(settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.executor(workers)
			.build();
		thread = new Thread(this::run, "notify-dispatcher");
		thread.setDaemon(true);
		thread.start();
	}

	@Override
	public synchronized void stop() {
		if (!running) {
			return;
		}
		running = false;
		thread.interrupt();
		try {
			thread.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// Attempts in progress are dropped: their leases run out and they are sent again (at least once).
		workers.shutdownNow();
		resolver.shutdownNow();
		try {
			recordDone();
		}
		catch (RuntimeException ex) {
			log.warn("Webhook attempts that ended at shutdown were not recorded ({}); they are sent again", ex.toString());
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	private void run() {
		while (running) {
			try {
				dispatchDue();
				pruneWhenDue();
				awaitNextRound();
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Webhook dispatch failed: {}", ex.toString());
				try {
					Thread.sleep(1000);
				}
				catch (InterruptedException stop) {
					return;
				}
			}
		}
	}

	/** The next time delivered and failed events past {@code retention} are deleted. */
	private Instant nextPrune = Instant.MIN;

	/**
	 * Hourly (and at start): deletes delivered and failed events older than {@code retention}, 5,000
	 * at a time and at most 100,000 a round, so a first run over a long backlog does not hold the
	 * dispatcher up. Every instance does it; they delete the same rows at worst.
	 */
	void pruneWhenDue() {
		Instant now = clock.instant();
		if (now.isBefore(nextPrune)) {
			return;
		}
		nextPrune = now.plus(Duration.ofHours(1));
		int pruned = 0;
		for (int n = 5000; n == 5000 && pruned < 100_000;) {
			n = store.prune(now.minus(settings.retention()), 5000);
			pruned += n;
		}
		if (pruned > 0) {
			log.info("Deleted {} webhook events delivered or failed more than {} ago", pruned, settings.retention());
		}
	}

	/**
	 * Until an attempt ends (its slot is free again) or {@code poll} passes, whichever is first; rounds
	 * are at least {@value #ROUND_MILLIS} ms apart, so a busy dispatcher writes and leases in batches.
	 */
	private void awaitNextRound() throws InterruptedException {
		long until = System.nanoTime() + settings.poll().toNanos();
		Thread.sleep(ROUND_MILLIS);
		while (done.isEmpty() && running) {
			long left = until - System.nanoTime();
			if (left <= 0) {
				return;
			}
			LockSupport.parkNanos(this, left);
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
	}

	/** Writes the attempts that ended, then leases and starts what is due now, within the in-flight limits. */
	void dispatchDue() {
		recordDone();
		int room = settings.maxInFlight() - inFlight.get();
		if (room <= 0) {
			return;
		}
		Instant now = clock.instant();
		// The lease outlasts an attempt: the address check and the request each take at most the timeout.
		Instant leaseUntil = now.plus(settings.timeout().multipliedBy(3)).plusSeconds(5);
		List<EventStore.Due> chosen = new ArrayList<>();
		Map<String, Integer> planned = new HashMap<>();
		List<EventStore.Due> candidates = new ArrayList<>(store.due(now, room * 2));
		// The oldest due events may all be one receiver's backlog: every other receiver with events waiting
		// is asked for its own (by index), at most once a poll, so none waits behind another.
		Set<String> atHead = new HashSet<>();
		candidates.forEach(d -> atHead.add(d.receiver()));
		for (String receiver : waitingReceivers(now)) {
			int free = settings.perReceiver() - inFlightPerReceiver.computeIfAbsent(receiver, r -> new AtomicInteger()).get();
			if (free > 0 && !atHead.contains(receiver) && askedAt.getOrDefault(receiver, Instant.MIN)
				.plus(settings.poll())
				.isBefore(now)) {
				askedAt.put(receiver, now);
				candidates.addAll(store.dueFor(receiver, now, free));
			}
		}
		Set<java.util.UUID> seen = new HashSet<>();
		for (EventStore.Due due : candidates) {
			if (chosen.size() >= room) {
				break;
			}
			String receiver = due.receiver();
			int already = inFlightPerReceiver.computeIfAbsent(receiver, h -> new AtomicInteger()).get()
					+ planned.getOrDefault(receiver, 0);
			if (already < settings.perReceiver() && seen.add(due.id())) {
				chosen.add(due);
				planned.merge(receiver, 1, Integer::sum);
			}
		}
		if (chosen.isEmpty()) {
			return;
		}
		boolean[] taken = store.lease(chosen, leaseUntil, now);
		Map<java.util.UUID, List<String>> keys = new HashMap<>(); // each agent's secrets, read once a round
		for (int i = 0; i < taken.length; i++) {
			if (!taken[i]) {
				continue;
			}
			EventStore.Due due = chosen.get(i);
			AtomicInteger hostCount = inFlightPerReceiver.get(due.receiver());
			inFlight.incrementAndGet();
			hostCount.incrementAndGet();
			send(due, keys.computeIfAbsent(due.agentId(), secrets::signing)).whenComplete((result, error) -> {
				inFlight.decrementAndGet();
				hostCount.decrementAndGet();
				done.add(new Attempts.Done(due, error == null ? result : Attempts.Result.error(describe(error))));
				LockSupport.unpark(thread);
			});
		}
	}

	/** The receivers with events waiting, looked up every {@value #RECEIVERS_EVERY_SECONDS} s. */
	private List<String> waitingReceivers(Instant now) {
		if (receiversAt == null || now.isAfter(receiversAt.plusSeconds(RECEIVERS_EVERY_SECONDS)) || now.isBefore(receiversAt)) {
			receivers = store.receiversWaiting();
			receiversAt = now;
			askedAt.keySet().retainAll(receivers);
		}
		return receivers;
	}

	/** The attempts that ended since the last round, written in one transaction; kept for the next if that fails. */
	private void recordDone() {
		List<Attempts.Done> batch = new ArrayList<>();
		Attempts.Done d;
		while (batch.size() < 5000 && (d = done.poll()) != null) {
			batch.add(d);
		}
		if (batch.isEmpty()) {
			return;
		}
		try {
			metrics.counted(attempts.record(batch));
		}
		catch (RuntimeException ex) {
			done.addAll(batch);
			throw ex;
		}
	}

	/** One attempt: the address check, then the POST; never reads the answer's body. */
	private CompletableFuture<Attempts.Result> send(EventStore.Due due, List<String> signingSecrets) {
		URI uri;
		try {
			uri = URI.create(due.url());
		}
		catch (IllegalArgumentException ex) {
			return CompletableFuture.completedFuture(Attempts.Result.refused("not a URL"));
		}
		String problem = WebhookUrls.problem(due.url(), settings.allowPrivate());
		if (problem != null) {
			return CompletableFuture.completedFuture(Attempts.Result.refused(problem));
		}
		long timestamp = clock.instant().getEpochSecond();
		String signature = Signatures.header(signingSecrets, due.id().toString(), timestamp, due.body());
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(settings.timeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "calltask-webhooks")
			.header("webhook-id", due.id().toString())
			.header("webhook-timestamp", Long.toString(timestamp))
			.header("webhook-signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(due.body()))
			.build();
		return CompletableFuture.supplyAsync(() -> refusedAddress(uri.getHost()), resolver)
			.orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
			.thenCompose(refused -> refused != null ? CompletableFuture.completedFuture(Attempts.Result.refused(refused))
					: http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
						.orTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)
						.thenApply(Dispatcher::answered));
	}

	private static Attempts.Result answered(HttpResponse<InputStream> response) {
		try {
			response.body().close(); // the body is not read, whatever its size
		}
		catch (java.io.IOException ex) {
			// closing is best effort
		}
		return Attempts.Result.status(response.statusCode());
	}

	/** Why the host's addresses are refused, or null; a host that does not resolve is left to the connection. */
	private String refusedAddress(String host) {
		if (settings.allowPrivate()) {
			return null;
		}
		try {
			for (InetAddress address : InetAddress.getAllByName(host)) {
				if (WebhookUrls.refused(address)) {
					return "address refused: " + host + " is " + address.getHostAddress()
							+ " (calltask.notify.allow-private is false)";
				}
			}
			return null;
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static String describe(Throwable error) {
		Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
		if (cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
			return "timed out";
		}
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
	}

}
