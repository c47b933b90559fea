package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * Hears from {@link Transfers} what pacing by seats learns from (API.md section 9): a call's ask (that
 * long after it was placed), then exactly one of bridged within {@code calltask.pacing.abandon-seconds}
 * or abandoned; and each seat's handling time when it is free again.
 */
interface TransferObserver {

	void asked(long taskId, Instant at, Duration sincePlaced);

	void bridged(long taskId, Instant at, Duration wait);

	void abandoned(long taskId, Instant at);

	void handled(long seatId, Instant at, Duration handling);

}
