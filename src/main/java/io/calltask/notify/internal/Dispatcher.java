package io.calltask.notify.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.calltask.notify.NotifySettings;

/**
 * Sends due events, on its own thread ({@code notifyDispatcher}), never the dialer's. Each round
 * (every {@code poll}, or as soon as an attempt ends, at least {@value #ROUND_MILLIS} ms apart)
 * writes the attempts that ended ({@link Attempts}), leases what is due ({@link DueEvents}) and
 * starts an attempt for each ({@link WebhookSender}), then deletes old events when that is due
 * ({@link Retention}).
 */
@Component
class Dispatcher implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

	/**
	 * The shortest time between two rounds: under load each round writes and leases more at once
	 * (at 500 events a second, about 25 each), a due event waits at most this long for its round.
	 */
	private static final long ROUND_MILLIS = 50;

	private final DueEvents due;

	private final WebhookSender sender;

	private final WebhookSecrets secrets;

	private final Attempts attempts;

	private final Retention retention;

	private final NotifyMetrics metrics;

	private final NotifySettings settings;

	private final Clock clock;

	private final NotifyThreads loopThread;

	/** Attempts that ended, waiting to be written by the dispatcher's thread. */
	private final Queue<Attempts.Done> done = new ConcurrentLinkedQueue<>();

	/** The thread running the rounds, while one does. */
	private volatile Thread thread;

	private Future<?> loop;

	private volatile boolean running;

	Dispatcher(DueEvents due, WebhookSender sender, WebhookSecrets secrets, Attempts attempts, Retention retention,
			NotifyMetrics metrics, NotifySettings settings, Clock clock,
			@Qualifier("notifyDispatcher") NotifyThreads loopThread) {
		this.due = due;
		this.sender = sender;
		this.secrets = secrets;
		this.attempts = attempts;
		this.retention = retention;
		this.metrics = metrics;
		this.settings = settings;
		this.clock = clock;
		this.loopThread = loopThread;
	}

	@Override
	public synchronized void start() {
		if (running) {
			return;
		}
		running = true;
		loop = loopThread.submit(() -> {
			thread = Thread.currentThread();
			try {
				run();
			}
			finally {
				thread = null;
				Thread.interrupted(); // the pool's thread goes back clean
			}
			return null;
		});
	}

	/**
	 * Stops the rounds and writes what ended. Attempts in progress are dropped: their leases run out
	 * and they are sent again (at least once).
	 */
	@Override
	public synchronized void stop() {
		if (!running) {
			return;
		}
		running = false;
		Thread t = thread;
		if (t != null) {
			t.interrupt();
		}
		try {
			loop.get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			log.warn("Webhook dispatcher did not stop cleanly: {}", ex.toString());
		}
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
				retention.pruneWhenDue();
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
		Instant now = clock.instant();
		// The lease outlasts an attempt: the address check and the request each take at most the timeout.
		Instant leaseUntil = now.plus(settings.timeout().multipliedBy(3)).plusSeconds(5);
		List<EventStore.Due> leased = due.lease(now, leaseUntil);
		Map<UUID, List<String>> keys = new HashMap<>(); // each agent's secrets, read once a round
		try {
			leased.forEach(event -> keys.computeIfAbsent(event.agentId(), secrets::signing));
		}
		catch (RuntimeException ex) {
			leased.forEach(due::ended); // not sent: their leases run out and they are due again
			throw ex;
		}
		for (EventStore.Due event : leased) {
			sender.send(event, keys.get(event.agentId())).thenAccept(result -> {
				due.ended(event);
				done.add(new Attempts.Done(event, result));
				Thread t = thread;
				if (t != null) {
					LockSupport.unpark(t);
				}
			});
		}
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

}
