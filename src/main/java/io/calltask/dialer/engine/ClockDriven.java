package io.calltask.dialer.engine;

import java.time.Instant;

/**
 * Something that keeps time by the engine's ticks instead of a thread of its own: the simulated
 * gateway, whose calls then end exactly when a stepped test clock says. Every such bean is told the
 * time at the start of each tick, before the engine reads call events.
 */
public interface ClockDriven {

	/** Does everything due at or before {@code now}. */
	void advanceTo(Instant now);

}
