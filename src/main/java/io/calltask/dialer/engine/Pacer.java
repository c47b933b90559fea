package io.calltask.dialer.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.calltask.dialer.engine.NumberClaims.ClaimedNumber;
import io.calltask.task.TaskRuntime.DialLine;

/**
 * Who dials next, and on which line. Hands out originates one at a time, each to the ready task
 * with the fewest calls in progress (the one served longest ago among equals), until no task's own
 * limits (cps, its {@link TaskCapacity}) or lines (cps, limit less what paused tasks keep, the
 * task's share) allow another: tasks sharing a line hold equal parts of it and none starves. Each
 * call goes to the task's line with the most room left; a number the {@link CallEligibility} refuses
 * is set aside ({@link Originate#notNow}).
 *
 * <p>Pure: no threads, no IO, the time is given. It takes the tokens and holds the slots of each
 * call it hands out; whoever sees the call end frees them.
 */
final class Pacer {

	/** Told of each call pacing hands out, and of each number it may not dial now. */
	interface Originate {

		/** {@code number} of {@code task} on {@code line}, at {@code now}. */
		void call(TrackedTask task, TrackedLine line, ClaimedNumber number, Instant now);

		/** {@code number} of {@code task} may not be dialed now: it goes back to the queue. */
		default void notNow(TrackedTask task, ClaimedNumber number, Instant now) {
		}

	}

	private final TaskCapacity capacity;

	private final CallEligibility eligibility;

	/** Reused from tick to tick. */
	private final List<TrackedTask> ready = new ArrayList<>();

	/** Calls handed out so far: orders tasks by when they were last served. */
	private long served;

	Pacer(TaskCapacity capacity, CallEligibility eligibility) {
		this.capacity = capacity;
		this.eligibility = eligibility;
	}

	/** One round of pacing at {@code now} over the tasks (those that may dial and hold numbers take part). */
	void pace(Iterable<TrackedTask> tasks, TrackedLines lines, Instant now, Originate originate) {
		ready.clear();
		for (TrackedTask ts : tasks) {
			if (ts.hasNumbersToPace()) {
				ts.refill(now);
				ready.add(ts);
			}
		}
		if (ready.isEmpty()) {
			return;
		}
		lines.refill(now);
		while (!ready.isEmpty()) {
			TrackedTask next = ready.get(0);
			for (TrackedTask ts : ready) {
				if (ts.calls() < next.calls() || (ts.calls() == next.calls() && ts.lastServed() < next.lastServed())) {
					next = ts;
				}
			}
			TrackedLine line = lineFor(next, lines);
			if (line == null) {
				ready.remove(next);
				continue;
			}
			ClaimedNumber number = next.nextNumber();
			if (!eligibility.mayDial(next.task(), number, now)) {
				originate.notNow(next, number, now);
				continue;
			}
			line.cps.take();
			next.dials(line.line.id(), ++served);
			line.calls++;
			originate.call(next, line, number, now);
		}
		ready.clear();
	}

	/** The line the task's next call goes on, or null if the task may not place one now. */
	private TrackedLine lineFor(TrackedTask ts, TrackedLines lines) {
		if (!ts.hasNumbers() || !ts.cpsAvailable() || ts.calls() >= capacity.calls(ts)) {
			return null;
		}
		TrackedLine best = null;
		int bestFree = 0;
		for (DialLine dl : ts.task().pacing().lines()) {
			TrackedLine ls = lines.get(dl.lineId());
			if (ls == null || !ls.usable() || !ls.cps.available()) {
				continue;
			}
			int free = ls.free();
			if (dl.share() != null) {
				free = Math.min(free, dl.share() - ts.callsOn(dl.lineId()));
			}
			if (free > bestFree) {
				best = ls;
				bestFree = free;
			}
		}
		return best;
	}

}
