package io.calltask.dialer.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the engine's two worker threads: the reader (task rereads, claims) and the writer (one
 * transaction per batch, then the originates). Work runs in the order given, off the pacing thread,
 * so pacing never waits for the database. Inline, on the caller's thread, when the engine is stepped
 * by hand. Beans of {@link DialerConfiguration}: closed with the application, after the engine has
 * stopped and waited for its work.
 *
 * <p>Not an {@link java.util.concurrent.Executor}: a bean of that type would stand in for Spring
 * Boot's own task executor.
 */
final class WorkerThread implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(WorkerThread.class);

	private final String name;

	/** Null: inline. */
	private final ExecutorService executor;

	private WorkerThread(String name, ExecutorService executor) {
		this.name = name;
		this.executor = executor;
	}

	/** A thread of its own, named {@code name} (a daemon: it never holds the JVM up). */
	static WorkerThread named(String name) {
		return new WorkerThread(name, Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		}));
	}

	/** Runs work at once on the caller's thread. */
	static WorkerThread inline() {
		return new WorkerThread("inline", null);
	}

	/** Runs {@code work} after what was given before; inline, before returning. */
	Future<?> submit(Runnable work) {
		if (executor == null) {
			work.run();
			return CompletableFuture.completedFuture(null);
		}
		return executor.submit(work);
	}

	/** Waits, at most {@code timeout}, until what was given so far has run. False if it has not. */
	boolean drain(Duration timeout) {
		return await(submit(() -> {
		}), timeout);
	}

	/** Waits for {@code work} at most {@code timeout}; false if it is still running. */
	boolean await(Future<?> work, Duration timeout) {
		try {
			work.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			log.warn("Dialer {} work failed: {}", name, ex.getCause().toString());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void close() {
		if (executor == null) {
			return;
		}
		executor.shutdown();
		try {
			if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
				log.warn("Dialer {} thread still busy 5 s after shutdown", name);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
