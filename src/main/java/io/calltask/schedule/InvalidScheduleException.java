package io.calltask.schedule;

/** A schedule that cannot be: a malformed time, an empty interval, a weekday out of range. */
public class InvalidScheduleException extends RuntimeException {

	public InvalidScheduleException(String message) {
		super(message, null, false, false);
	}

}
