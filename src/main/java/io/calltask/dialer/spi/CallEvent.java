package io.calltask.dialer.spi;

import java.time.Instant;
import java.util.UUID;

/** What a gateway reports about a call it was asked to place. */
public sealed interface CallEvent {

	UUID callId();

	/** The callee answered. */
	record Answered(UUID callId, Instant at) implements CallEvent {
	}

	/**
	 * The call ended. {@code hangupCause} is the FreeSWITCH cause name; {@code billMillis} the billed
	 * (answered) time; {@code answeredAt} null if never answered; {@code daStatus} what the
	 * announcement detector reported ({@code variable_da_status}), null if nothing.
	 */
	record HungUp(UUID callId, Instant at, String hangupCause, Instant answeredAt, long billMillis,
			String daStatus) implements CallEvent {
	}

}
