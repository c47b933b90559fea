package io.calltask.dialer.engine;

import java.time.Instant;
import java.time.ZoneId;

import io.calltask.dialer.engine.NumberClaims.ClaimedNumber;
import io.calltask.task.TaskRuntime.DialTask;

/**
 * The step between the queue and the originate: whether a claimed number may be dialed now. The
 * {@link Pacer} asks it for each number it is about to hand out; a number refused goes back to the
 * queue, to be claimed again later. Where a contact policy plugs in (issue 25: a phone's calls
 * across all of a user's tasks, the callee's local hours), beside today's check:
 * <ul>
 * <li>{@link #workHours}: the task's work hours, start and stop times and holidays, and its holiday
 * calendars (a holiday not dialed, a 调休 workday in its weekday's hours). A task outside
 * them does not claim at all (its batch is given back), so today this refuses only a number claimed
 * just before its window closed;</li>
 * <li>the blacklist is checked where the number's start is written: a number blacklisted after its
 * claim is no longer {@code claimed}, its start does not take and it is not dialed
 * ({@link io.calltask.dialer.number.NumberStates#dial}).</li>
 * </ul>
 * Pure and fast: it runs on the pacing thread, for every call.
 */
interface CallEligibility {

	boolean mayDial(DialTask task, ClaimedNumber number, Instant now);

	/** The task's window at {@code now}, in {@code zone}. */
	static CallEligibility workHours(ZoneId zone) {
		return (task, number, now) -> TrackedTask.inWindow(task.window(), now, zone);
	}

}
