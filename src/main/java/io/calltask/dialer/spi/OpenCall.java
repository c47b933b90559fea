package io.calltask.dialer.spi;

import java.time.Instant;
import java.util.UUID;

/**
 * A call placed before this gateway started, by an earlier run of this dialer node or by a node
 * that died, whose end the dialer never recorded. {@code nodeId} is the FreeSWITCH node of its line
 * (null if the line is gone); {@code answeredAt} null if no answer was recorded; {@code lastSeen} the
 * last moment its dialer is known to have been alive, as of which it ends if it is gone.
 */
public record OpenCall(UUID callId, String nodeId, Instant startAt, Instant answeredAt, Instant lastSeen) {

	/** The cause of a call whose end nobody heard: its dialer and its switch both lost it. */
	public static final String LOST_CAUSE = "SYSTEM_SHUTDOWN";

	/** Its end when it is gone: lost as of {@code lastSeen}, unbilled. */
	public CallEvent.HungUp lost() {
		return CallEvent.HungUp.billed(callId, lastSeen, LOST_CAUSE, answeredAt, 0);
	}

}
