package io.calltask.task;

import java.util.UUID;

/**
 * Published inside the transaction that stops a task's dialing until someone acts, or for good: the
 * webhooks' {@code task.stopped} event is stored with it. Waiting outside work hours or on a holiday
 * is not a stop.
 */
public record TaskStopped(long taskId, UUID userId, UUID taskUuid, Reason reason) {

	public enum Reason {

		/** No number left to dial and no redial pending (end_action 0: it stays enabled). */
		FINISHED,
		/** Its {@code stop_time} passed. */
		STOP_TIME,
		/** Paused through the API, or by end_action 1 or 2. */
		PAUSED,
		DELETED,
		/** Its {@code call.finished} events failed too often ({@code call_notify_fail_stop}). */
		NOTIFY_FAILED,
		/** {@code empty_seat_stop}: every seat of its bridge group stayed offline (API.md section 8.2). */
		NO_SEATS;

		/** As the event's {@code reason} says it. */
		public String word() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
