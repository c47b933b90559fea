package io.calltask.api;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads that run HTTP requests: at most {@code calltask.api.parallelism} requests run at once
 * (default: one per CPU), and the others wait in a queue for the next worker that finishes.
 * <p>
 * Tomcat's own pool hands each request to an idle thread and wakes it, up to 200 threads. With the
 * database on the same machine, the requests mostly need CPU, so the extra threads only add
 * wake-ups, preemptions and cold caches. With one worker per core and requests queued, a worker
 * that finishes takes the next request without sleeping. On the task-list benchmark (2 cores, 4
 * connections) that is 15–20 % more requests per second, with 10 % less CPU per request in the
 * service and 13 % less in the database (docs/BENCHMARKS.md).
 * <p>
 * A request that waits must not hold the others back: a CSV import that streams its body for
 * seconds, or a slow query. Every {@code calltask.api.blocked-after} / 2, a watchdog counts the
 * requests running longer than {@code calltask.api.blocked-after} (default 20 ms) and allows one
 * more running request for each of them, up to {@code server.tomcat.threads.max}: the pool's size
 * is set to that many, which starts threads for waiting requests at once. Once they end, the pool
 * shrinks back, and a thread above its size ends after its current request.
 */
@Configuration(proxyBeanMethods = false)
class RequestWorkers {

	@Bean(destroyMethod = "shutdown")
	Pool requestWorkerPool(@Value("${calltask.api.parallelism:0}") int parallelism,
			@Value("${server.tomcat.threads.max:200}") int maxThreads,
			@Value("${calltask.api.blocked-after:20ms}") Duration blockedAfter) {
		int base = parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
		return new Pool(base, Math.max(base, maxThreads), blockedAfter);
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> requestWorkerExecutor(Pool pool) {
		return factory -> factory.addConnectorCustomizers(connector -> connector.getProtocolHandler().setExecutor(pool));
	}

	/** The pool; see {@link RequestWorkers}. */
	static final class Pool extends ThreadPoolExecutor {

		private static final Logger log = LoggerFactory.getLogger(RequestWorkers.class);

		private final int parallelism;

		private final int maxThreads;

		private final long blockedAfterNanos;

		/** When each running request started, by its thread. */
		private final Map<Thread, Long> running = new ConcurrentHashMap<>();

		private final ScheduledExecutorService watchdog;

		Pool(int parallelism, int maxThreads, Duration blockedAfter) {
			super(parallelism, parallelism, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
					threads("http-worker-", false));
			this.parallelism = parallelism;
			this.maxThreads = maxThreads;
			this.blockedAfterNanos = blockedAfter.toNanos();
			this.watchdog = Executors.newSingleThreadScheduledExecutor(threads("http-worker-watchdog", true));
			long period = Math.max(1, blockedAfter.toMillis() / 2);
			watchdog.scheduleWithFixedDelay(() -> {
				try {
					compensate();
				}
				catch (RuntimeException ex) { // a failed run must not end the watchdog's later runs
					log.warn("request workers: resizing the pool failed", ex);
				}
			}, period, period, TimeUnit.MILLISECONDS);
		}

		@Override
		protected void beforeExecute(Thread thread, Runnable task) {
			running.put(thread, System.nanoTime());
			super.beforeExecute(thread, task);
		}

		@Override
		protected void afterExecute(Runnable task, Throwable failure) {
			super.afterExecute(task, failure);
			running.remove(Thread.currentThread());
		}

		/** One more running request allowed per request running longer than blocked-after. */
		void compensate() {
			long now = System.nanoTime();
			int blocked = 0;
			for (long started : running.values()) {
				if (now - started > blockedAfterNanos) {
					blocked++;
				}
			}
			int wanted = Math.min(maxThreads, parallelism + blocked);
			int size = getCorePoolSize();
			if (wanted > size) {
				setMaximumPoolSize(wanted);
				setCorePoolSize(wanted); // starts threads for the queued requests at once
			}
			else if (wanted < size) {
				setCorePoolSize(wanted);
				setMaximumPoolSize(wanted); // a thread above it ends after its current request
			}
		}

		@Override
		public void shutdown() {
			watchdog.shutdownNow();
			super.shutdown();
		}

		private static ThreadFactory threads(String prefix, boolean single) {
			AtomicInteger n = new AtomicInteger();
			return task -> {
				Thread thread = new Thread(task, single ? prefix : prefix + n.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			};
		}

	}

}
