package io.calltask.dialer.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;

import io.calltask.catalog.RecycleRule;
import io.calltask.dialer.engine.NumberClaims.ClaimedNumber;
import io.calltask.task.TaskRuntime.DialLine;
import io.calltask.task.TaskRuntime.DialTask;

/**
 * A task the engine holds state for: the task as last read and its recycle rule; the numbers it
 * has claimed; its calls, tokens and resting slots (what pacing counts); and what the task list was
 * last told of it. Touched by the engine's thread only.
 */
final class TrackedTask {

	DialTask task;

	/** Its recycle rule, if enabled and the task's owner's. */
	RecycleRule rule;

	/** Claimed numbers waiting to be dialed, in the order they were claimed. */
	final ArrayDeque<ClaimedNumber> batch = new ArrayDeque<>();

	final Map<UUID, Integer> callsByLine = new HashMap<>();

	/** When slots resting after a call (call_pause_second) can be used again. */
	final PriorityQueue<Instant> resting = new PriorityQueue<>();

	final TokenBucket cps = new TokenBucket(1);

	/** Calls in progress counted against its limits. */
	int calls;

	/** When pacing last gave it a call (pacing's own counter): the longest waiting goes first among equals. */
	long lastServed;

	/** May dial now (this tick). */
	boolean open;

	/** What the task list shows of it ({@code call_status}); null until first read. */
	Boolean writtenDialing;

	int writtenBatch = -1;

	/** What each of its lines shows ({@code call_info.<line>.call_status}) as last written this term. */
	final Map<UUID, Integer> writtenLineStatus = new HashMap<>();

	Instant nextClaim = Instant.MIN;

	final NumberClaims.Cursor cursor = new NumberClaims.Cursor();

	/** The next claim starts from the beginning of the order (numbers went back, the order changed). */
	boolean cursorReset;

	/** A claim for this task is in progress. */
	boolean claiming;

	/** A pause or restart was asked of the database since the task was last read. */
	boolean lifecycleSent;

	/** Its running out of numbers (end_action 0) was told since it last had numbers. */
	boolean finishedSent;

	/** May dial now and holds claimed numbers: what each tick paces. */
	boolean hasNumbersToPace() {
		return open && !batch.isEmpty();
	}

	void update(DialTask t) {
		lifecycleSent = false;
		if (t.numberCount() > 0) {
			finishedSent = false;
		}
		if (task != null && task.popMode() != t.popMode()) {
			cursorReset = true;
		}
		task = t;
		if (cps.rate() != t.cps()) {
			cps.setRate(t.cps());
		}
		if (writtenDialing == null) {
			writtenDialing = t.callStatus();
		}
	}

	int callsOn(UUID lineId) {
		return callsByLine.getOrDefault(lineId, 0);
	}

	/** A call of this task on {@code lineId} starts (pacing) or ends. */
	void occupy(UUID lineId) {
		calls++;
		callsByLine.merge(lineId, 1, Integer::sum);
	}

	void free(UUID lineId) {
		calls--;
		callsByLine.merge(lineId, -1, Integer::sum);
	}

	/** Slots whose rest is over are usable again. */
	void rest(Instant now) {
		while (!resting.isEmpty() && !resting.peek().isAfter(now)) {
			resting.poll();
		}
	}

	/**
	 * Whether the task may dial at {@code now}: enabled, with a 话术组, inside its start and stop
	 * times, off holiday, inside its work hours (in {@code zone}), with a usable line.
	 */
	boolean mayDial(Instant now, ZoneId zone, TrackedLines lines) {
		DialTask t = task;
		if (!t.enable() || t.deleted()) {
			return false;
		}
		if (t.destinationExtension() == null || t.destinationExtension().isBlank()) {
			return false; // no 话术组: an answered call would have nowhere to go
		}
		if (t.startTime() != null && now.isBefore(t.startTime())) {
			return false;
		}
		if (t.stopTime() != null && !now.isBefore(t.stopTime())) {
			return false;
		}
		if (t.onHoliday(now)) {
			return false;
		}
		ZonedDateTime local = now.atZone(zone);
		if (!t.schedule().allows(local.getDayOfWeek().getValue() % 7, local.getHour() * 60 + local.getMinute())) {
			return false;
		}
		for (DialLine dl : t.lines()) {
			if (lines.usable(dl.lineId())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Nothing to do for this task and nothing shown as dialing: forget it until it is a candidate
	 * again (once no call of it, counted or recovered, is in progress either).
	 */
	boolean idle() {
		boolean runnable = task.enable() && !task.deleted() && task.numberCount() > 0;
		boolean reserving = task.lineReserved() && !task.enable() && !task.deleted();
		boolean restarting = !task.enable() && !task.deleted() && task.restartAt() != null;
		return !runnable && !reserving && !restarting && calls == 0 && batch.isEmpty() && !claiming
				&& !Boolean.TRUE.equals(writtenDialing);
	}

}
