package io.calltask.dialer.engine;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.calltask.dialer.cluster.DialerRole;
import io.calltask.seat.SeatsChanged;
import io.calltask.task.TaskChanged;

/**
 * Runs the engine on its own thread from start-up to shutdown (it dials while this instance leads,
 * and only looks at its role while it stands by): one tick every {@code calltask.dialer.tick} while
 * it has calls up or numbers to pace, every {@code calltask.dialer.idle-tick} otherwise, and at once
 * when a task is written, a call event arrives, a read or write of its own finishes or the role
 * changes. With {@code calltask.dialer.auto-run} off
 * the engine only moves when someone calls {@link DialerEngine#tick()} (tests).
 */
@Component
class DialerRunner implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DialerRunner.class);

	private final DialerEngine engine;

	private final DialerSettings settings;

	private final DialerRole role;

	private Ticker ticker;

	private volatile boolean running;

	private long lastFailureLog;

	DialerRunner(DialerEngine engine, DialerSettings settings, DialerRole role) {
		this.engine = engine;
		this.settings = settings;
		this.role = role;
	}

	@Override
	public void start() {
		engine.start();
		running = true;
		if (settings.autoRun()) {
			ticker = new Ticker("dialer", this::tick, engine::busy, settings.tick(), settings.idleTick()).start();
			engine.onWork(ticker::wake);
			role.onChange(ticker::wake);
			log.info("Dialer node {} running ({} gateway, tick {} ms, idle {} ms): {}", role.nodeId(),
					settings.gateway(), settings.tick().toMillis(), settings.idleTick().toMillis(),
					engine.dialing() ? "dialing" : "standing by");
		}
	}

	private void tick() {
		try {
			engine.tick();
		}
		catch (RuntimeException | Error ex) {
			long now = System.currentTimeMillis();
			if (now - lastFailureLog > 10_000) {
				lastFailureLog = now;
				log.error("Dialer tick failed; the engine keeps going", ex);
			}
		}
	}

	@Override
	public void stop() {
		running = false;
		if (ticker != null) {
			engine.onWork(null);
			role.onChange(null);
			try {
				if (!ticker.stop(Duration.ofSeconds(5))) {
					log.warn("Dialer tick still running after 5 s; stopping the engine anyway");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			ticker = null;
		}
		engine.stop();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Stops before the web server and the database pool go away. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1000;
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(TaskChanged changed) {
		engine.taskChanged();
	}

	/** A seat or bridge group written through the API: the engine rereads them (with the tasks) at once. */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void on(SeatsChanged changed) {
		engine.taskChanged();
	}

}
