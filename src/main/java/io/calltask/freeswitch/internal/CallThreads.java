package io.calltask.freeswitch.internal;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the gateway's work on calls runs, never on the network thread: {@code event-threads} single
 * threads, each call's work on the one its id picks, so that one call's events, checks and cancel
 * run one at a time in the order they came while calls go on in parallel; and one timer for what
 * waits (a grace period, a retry, the periodic sweep). Owned by the gateway and closed with it.
 */
final class CallThreads implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(CallThreads.class);

	private final ExecutorService[] threads;

	private final ScheduledExecutorService timer;

	CallThreads(int count) {
		this.threads = new ExecutorService[count];
		for (int i = 0; i < count; i++) {
			threads[i] = Executors.newSingleThreadExecutor(daemon("freeswitch-events-" + i));
		}
		this.timer = Executors.newSingleThreadScheduledExecutor(daemon("freeswitch-timer"));
	}

	static ThreadFactory daemon(String name) {
		return r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		};
	}

	/** Runs {@code work} on the call's thread, after whatever was handed to it before; dropped once closed. */
	void run(UUID callId, Runnable work) {
		ExecutorService thread = threads[Math.floorMod(callId.hashCode(), threads.length)];
		try {
			thread.execute(() -> {
				try {
					work.run();
				}
				catch (RuntimeException ex) {
					log.error("call {}: event handling failed", callId, ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			log.debug("call {}: gateway closed", callId);
		}
	}

	/** Runs {@code work} on the call's thread once {@code delay} has passed. */
	void later(UUID callId, Duration delay, Runnable work) {
		try {
			timer.schedule(() -> run(callId, work), delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			log.debug("call {}: gateway closed", callId);
		}
	}

	/** Runs {@code work} on the timer every {@code period}, first after one period; it must only hand work on. */
	void every(Duration period, Runnable work) {
		timer.scheduleWithFixedDelay(work, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Lets the work already handed over finish, at most two seconds a thread, then stops the timer:
	 * what the call threads still schedule while finishing is accepted and dropped with it.
	 */
	@Override
	public void close() {
		for (ExecutorService thread : threads) {
			thread.shutdown();
		}
		try {
			for (ExecutorService thread : threads) {
				thread.awaitTermination(2, TimeUnit.SECONDS);
			}
			timer.shutdownNow();
			timer.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			timer.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

}
