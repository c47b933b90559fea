package io.calltask.dialer.engine;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Runs a tick on its own thread: every {@code tick} while {@code busy} says the next one has work
 * that cannot wait, else every {@code idleTick} until {@link #wake()} asks for one at once. An idle
 * dialer (nothing to pace, no call up) thus wakes ten times a second instead of five hundred.
 */
final class Ticker {

	private final Runnable tick;

	private final BooleanSupplier busy;

	private final long tickNanos;

	private final long idleNanos;

	private final Thread thread;

	private volatile boolean running = true;

	/**
	 * The thread is in (or about to enter) an idle wait: only then does {@link #wake()} cut it
	 * short, so a busy engine keeps its rhythm instead of ticking on every call event.
	 */
	private volatile boolean idle;

	Ticker(String name, Runnable tick, BooleanSupplier busy, Duration every, Duration idleEvery) {
		this.tick = tick;
		this.busy = busy;
		this.tickNanos = Math.max(1_000_000, every.toNanos());
		this.idleNanos = Math.max(tickNanos, idleEvery.toNanos());
		this.thread = new Thread(this::run, name);
		this.thread.setDaemon(true);
	}

	Ticker start() {
		thread.start();
		return this;
	}

	/** Something arrived that a tick should see now (a task write, a call event, a finished read). */
	void wake() {
		if (idle) {
			LockSupport.unpark(thread);
		}
	}

	/** Stops after the tick in progress; waits for it at most {@code timeout}. */
	boolean stop(Duration timeout) throws InterruptedException {
		running = false;
		LockSupport.unpark(thread);
		thread.join(Math.max(1, timeout.toMillis()));
		return !thread.isAlive();
	}

	private void run() {
		while (running) {
			tick.run();
			if (!running) {
				return;
			}
			// Idle first, then asked: work that arrived before the flag was up shows in busy, work
			// arriving after it unparks (a permit given before parkNanos makes it return at once).
			idle = true;
			if (busy.getAsBoolean()) {
				idle = false;
				LockSupport.parkNanos(this, tickNanos);
			}
			else {
				LockSupport.parkNanos(this, idleNanos);
				idle = false;
			}
		}
	}

}
