package io.calltask.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.calltask.notify.NotifySettings;
import io.calltask.task.TaskRuntime;
import io.calltask.task.TaskStopped;

/**
 * What one attempt did to its event: a 2xx delivers it; anything else is due again after the next of
 * {@code retry-delays} (±10 %), or failed after the last. A {@code call.finished} event of a task with
 * {@code call_notify_fail_stop} that failed {@code fail-stop-attempts} attempts pauses the task
 * ({@code task.stopped}, {@code notify_failed}), in the same transaction. A retry that gets through
 * makes the receiver's other waiting events due at once: a receiver back from an outage gets its
 * backlog now, not at the end of each event's back-off.
 */
@Component
class Attempts {

	private static final Logger log = LoggerFactory.getLogger(Attempts.class);

	/** An attempt's result: the answer's status code, or why there was none. */
	record Result(Integer statusCode, String error) {

		static Result status(int code) {
			return new Result(code, code >= 200 && code < 300 ? null : "HTTP " + code);
		}

		static Result error(String error) {
			return new Result(null, error);
		}

		/** Not sent: the URL or its address is refused. */
		static Result refused(String why) {
			return new Result(null, why);
		}

		boolean delivered() {
			return statusCode != null && statusCode >= 200 && statusCode < 300;
		}

	}

	private final EventStore store;

	private final TaskRuntime tasks;

	private final NotifySettings settings;

	private final Clock clock;

	Attempts(EventStore store, TaskRuntime tasks, NotifySettings settings, Clock clock) {
		this.store = store;
		this.tasks = tasks;
		this.settings = settings;
		this.clock = clock;
	}

	/** One attempt's outcome, waiting to be written. */
	record Done(EventStore.Due event, Result result) {
	}

	/**
	 * Writes the outcomes of attempts that ended, in one transaction: deliveries in one batch. Answers
	 * how many attempts there were of each result ({@link NotifyMetrics}).
	 */
	@Transactional
	public Map<String, Integer> record(List<Done> done) {
		Instant now = clock.instant();
		Map<String, Integer> results = new HashMap<>();
		List<Object[]> delivered = new ArrayList<>();
		Set<String> back = new HashSet<>();
		for (Done d : done) {
			if (d.result().delivered()) {
				delivered.add(new Object[] { d.event().id(), d.event().attempts() + 1, d.result().statusCode(), now });
				if (d.event().attempts() > 0) {
					back.add(d.event().receiver()); // a retry got through: the receiver is back
				}
				results.merge(NotifyMetrics.DELIVERED, 1, Integer::sum);
			}
			else {
				results.merge(failed(d.event(), d.result(), now) ? NotifyMetrics.RETRYING : NotifyMetrics.FAILED, 1,
						Integer::sum);
			}
		}
		store.delivered(delivered);
		for (String receiver : back) {
			int due = store.dueNowFor(receiver, now);
			if (due > 0) {
				log.info("Webhook receiver {} answers again: its {} waiting events are due now", receiver, due);
			}
		}
		return results;
	}

	/** Records a failed attempt; true if the event is due again, false if it failed for good. */
	private boolean failed(EventStore.Due event, Result result, Instant now) {
		int attempt = event.attempts() + 1;
		Instant next = attempt < settings.maxAttempts() ? now.plus(jittered(settings.retryDelays().get(attempt - 1)))
				: null;
		store.attemptFailed(event.id(), attempt, result.statusCode(), result.error(), next);
		if (next == null) {
			log.warn("Webhook event {} ({}) failed after {} attempts: {}", event.id(), event.type(), attempt,
					result.error());
		}
		if (event.failStop() && CallFinishedEvents.TYPE.equals(event.type()) && attempt == settings.failStopAttempts()
				&& tasks.pauseByDialer(event.taskId(), false, TaskStopped.Reason.NOTIFY_FAILED)) {
			log.warn("Task {} paused: its call.finished event {} failed {} attempts (call_notify_fail_stop)",
					event.taskId(), event.id(), attempt);
		}
		return next != null;
	}

	/** {@code delay} ±10 %. */
	static Duration jittered(Duration delay) {
		long millis = delay.toMillis();
		long spread = millis / 10;
		return Duration.ofMillis(millis - spread + (spread == 0 ? 0 : ThreadLocalRandom.current().nextLong(2 * spread + 1)));
	}

}
