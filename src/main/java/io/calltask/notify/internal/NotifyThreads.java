package io.calltask.notify.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named pool of daemon threads of the webhooks (beans of {@link NotifyConfiguration}): closed with
 * the application, after the {@link Dispatcher} has stopped. What is still running then is dropped:
 * its lease runs out and the event is sent again (at least once).
 *
 * <p>Not an {@link Executor}: a bean of that type would stand in for Spring Boot's own task executor.
 */
final class NotifyThreads implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(NotifyThreads.class);

	private final String name;

	private final ExecutorService executor;

	private NotifyThreads(String name, ExecutorService executor) {
		this.name = name;
		this.executor = executor;
	}

	/** {@code count} threads named {@code name}. */
	static NotifyThreads named(String name, int count) {
		return new NotifyThreads(name, Executors.newFixedThreadPool(count, r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		}));
	}

	/**
	 * Threads named {@code name}, as many as there is work at once, each ended after a minute idle:
	 * for work that blocks, one thread each.
	 */
	static NotifyThreads asNeeded(String name) {
		return new NotifyThreads(name, Executors.newCachedThreadPool(r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		}));
	}

	/** For what takes an executor (the HTTP client, {@code supplyAsync}). */
	Executor executor() {
		return executor;
	}

	<T> Future<T> submit(Callable<T> work) {
		return executor.submit(work);
	}

	@Override
	public void close() {
		executor.shutdownNow();
		try {
			if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
				log.warn("Webhook threads {} still busy 5 s after shutdown", name);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
