package io.calltask.dialer.callrecord;

import java.time.Instant;

/**
 * How a call ended, as its record keeps it: {@code answeredAt} null if never answered,
 * {@code durationSeconds} from the start, {@code billMillis} the answered time, {@code status} the
 * {@link CallStatusCode}; {@code intention} and {@code recordingUrl} what the bot left, null if nothing;
 * {@code bridge} what became of its transfer to a person.
 */
public record CallEnd(Instant answeredAt, Instant endAt, int durationSeconds, long billMillis, String hangupCause,
		CallOutcome outcome, int status, String intention, String recordingUrl, Bridge bridge) {

	public CallEnd {
		bridge = bridge == null ? Bridge.NONE : bridge;
	}

	/** This ending with its transfer's result. */
	public CallEnd with(Bridge bridge) {
		return new CallEnd(answeredAt, endAt, durationSeconds, billMillis, hangupCause, outcome, status, intention,
				recordingUrl, bridge);
	}

	public boolean answered() {
		return answeredAt != null;
	}

}
