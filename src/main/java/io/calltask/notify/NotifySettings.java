package io.calltask.notify;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code calltask.notify.*}: how webhooks are delivered.
 *
 * @param timeout one attempt, from connecting to the answer's status line
 * @param retryDelays after each failed attempt, the wait before the next (each ±10 %); after the last, failed
 * @param failStopAttempts a {@code call.finished} event of a task with {@code call_notify_fail_stop} that
 * failed this many attempts pauses the task
 * @param allowPrivate URLs may point at loopback, private or link-local addresses
 * @param poll how often due events are looked for
 * @param maxInFlight attempts in progress at once, in all
 * @param perReceiver attempts in progress at once to one host: a slow receiver holds at most these
 * @param secretOverlap how long a rotated secret still signs, as a second signature
 * @param retention how long delivered and failed events are kept (the delivery log's depth); pending
 * ones are kept until they are delivered or fail
 */
@ConfigurationProperties("calltask.notify")
public record NotifySettings(@DefaultValue("5s") Duration timeout,
		@DefaultValue("5s,30s,2m,10m,30m,1h,2h,4h,8h,8h") List<Duration> retryDelays,
		@DefaultValue("3") int failStopAttempts, @DefaultValue("false") boolean allowPrivate,
		@DefaultValue("200ms") Duration poll, @DefaultValue("512") int maxInFlight, @DefaultValue("128") int perReceiver,
		@DefaultValue("24h") Duration secretOverlap, @DefaultValue("30d") Duration retention) {

	public NotifySettings {
		retryDelays = List.copyOf(retryDelays);
		if (timeout.isNegative() || timeout.isZero() || poll.isNegative() || poll.isZero() || retention.isNegative()
				|| retention.isZero()) {
			throw new IllegalArgumentException("calltask.notify.timeout, poll and retention must be positive");
		}
		if (retryDelays.stream().anyMatch(d -> d.isNegative())) {
			throw new IllegalArgumentException("calltask.notify.retry-delays must not be negative");
		}
		if (failStopAttempts < 1 || maxInFlight < 1 || perReceiver < 1) {
			throw new IllegalArgumentException(
					"calltask.notify.fail-stop-attempts, max-in-flight and per-receiver must be at least 1");
		}
	}

	/** Attempts an event gets in all: the first and one after each delay. */
	public int maxAttempts() {
		return retryDelays.size() + 1;
	}

}
