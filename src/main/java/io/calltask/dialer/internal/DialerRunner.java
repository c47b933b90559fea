package io.calltask.dialer.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import io.calltask.task.TaskChanged;

/**
 * Runs the engine on its own thread, one tick every {@code calltask.dialer.tick}, from start-up
 * (after recovering what this node left behind) to shutdown. With {@code calltask.dialer.auto-run}
 * off the engine only moves when someone calls {@link DialerEngine#tick()} (tests).
 */
@Component
class DialerRunner implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DialerRunner.class);

	private final DialerEngine engine;

	private final DialerSettings settings;

	private ScheduledExecutorService thread;

	private volatile boolean running;

	private long lastFailureLog;

	DialerRunner(DialerEngine engine, DialerSettings settings) {
		this.engine = engine;
		this.settings = settings;
	}

	@Override
	public void start() {
		engine.start();
		running = true;
		if (settings.autoRun()) {
			thread = Executors.newSingleThreadScheduledExecutor(r -> {
				Thread t = new Thread(r, "dialer");
				t.setDaemon(true);
				return t;
			});
			long every = Math.max(1, settings.tick().toMillis());
			thread.scheduleWithFixedDelay(this::tick, every, every, TimeUnit.MILLISECONDS);
			log.info("Dialer node {} running ({} gateway, tick {} ms)", settings.nodeId(), settings.gateway(), every);
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
		if (thread != null) {
			thread.shutdown();
			try {
				if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
					thread.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
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

}
