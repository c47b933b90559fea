package io.calltask.dialer.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;

import io.calltask.catalog.RecycleRule;
import io.calltask.dialer.engine.NumberClaims.ClaimedNumber;
import io.calltask.task.TaskRuntime.DialLine;
import io.calltask.task.TaskRuntime.DialTask;
import io.calltask.task.TaskRuntime.RuntimeState;
import io.calltask.task.TaskRuntime.Window;

/**
 * A task the engine holds state for: the task as last read and its recycle rule; the numbers it has
 * claimed and its claim in progress; its calls, tokens and resting slots (what pacing counts); and
 * what the task list was last told of it. Touched by the engine's thread only, through these
 * methods, which keep its counts consistent.
 */
final class TrackedTask {

	private DialTask task;

	/** Its recycle rule, if enabled and the task's owner's. */
	private RecycleRule rule;

	/** Claimed numbers waiting to be dialed, in the order they were claimed. */
	private final ArrayDeque<ClaimedNumber> batch = new ArrayDeque<>();

	private final Map<UUID, Integer> callsByLine = new HashMap<>();

	/** When slots resting after a call (call_pause_second) can be used again. */
	private final PriorityQueue<Instant> resting = new PriorityQueue<>();

	private final TokenBucket cps = new TokenBucket(1);

	/** Calls in progress counted against its limits. */
	private int calls;

	/** When pacing last gave it a call (pacing's own counter): the longest waiting goes first among equals. */
	private long lastServed;

	/** May dial now (this tick). */
	private boolean open;

	/** What the task list shows of it ({@code call_status}); null until first read. */
	private Boolean writtenDialing;

	private int writtenBatch = -1;

	/** What each of its lines shows ({@code call_info.<line>.call_status}) as last written this term. */
	private final Map<UUID, Integer> writtenLineStatus = new HashMap<>();

	private Instant nextClaim = Instant.MIN;

	private final NumberClaims.Cursor cursor = new NumberClaims.Cursor();

	/** The next claim starts from the beginning of the order (numbers went back, the order changed). */
	private boolean cursorReset;

	/** A claim for this task is in progress. */
	private boolean claiming;

	/** A pause or restart was asked of the database since the task was last read. */
	private boolean lifecycleSent;

	/** Its running out of numbers (end_action 0) was told since it last had numbers. */
	private boolean finishedSent;

	TrackedTask(DialTask task) {
		update(task);
	}

	DialTask task() {
		return task;
	}

	RecycleRule rule() {
		return rule;
	}

	// ---------------------------------------------------------------- what a reread found

	void update(DialTask t) {
		lifecycleSent = false;
		if (t.state().numberCount() > 0) {
			finishedSent = false;
		}
		if (task != null && task.pacing().popMode() != t.pacing().popMode()) {
			cursorReset = true;
		}
		task = t;
		if (cps.rate() != t.pacing().cps()) {
			cps.setRate(t.pacing().cps());
		}
		if (writtenDialing == null) {
			writtenDialing = t.state().callStatus();
		}
	}

	/** No longer returned by the database: deleted. */
	void deleted() {
		task = task.asDeleted();
	}

	void rule(RecycleRule rule) {
		this.rule = rule;
	}

	// ---------------------------------------------------------------- may it dial

	boolean open() {
		return open;
	}

	/**
	 * Whether the task may dial at {@code now}: enabled, with a 话术组, inside its start and stop
	 * times, off holiday, inside its work hours (in {@code zone}), with a usable line. Sets {@link #open()}.
	 */
	boolean open(Instant now, ZoneId zone, TrackedLines lines) {
		open = mayDial(now, zone, lines);
		return open;
	}

	private boolean mayDial(Instant now, ZoneId zone, TrackedLines lines) {
		if (!task.live() || !task.originate().hasBot()) {
			return false; // no 话术组: an answered call would have nowhere to go
		}
		if (!inWindow(task.window(), now, zone)) {
			return false;
		}
		for (DialLine dl : task.pacing().lines()) {
			if (lines.usable(dl.lineId())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether {@code now} is inside the window: its start and stop times, off holiday, in its work hours as
	 * its holiday calendars have them (dates in {@code zone}). Both the claim and the pacer's gate ask it.
	 */
	static boolean inWindow(Window w, Instant now, ZoneId zone) {
		if ((w.startTime() != null && now.isBefore(w.startTime())) || (w.stopTime() != null && !now.isBefore(w.stopTime()))
				|| w.onHoliday(now)) {
			return false;
		}
		return w.inHours(LocalDateTime.ofInstant(now, zone));
	}

	// ---------------------------------------------------------------- pacing

	/** May dial now and holds claimed numbers: what each tick paces. */
	boolean hasNumbersToPace() {
		return open && !batch.isEmpty();
	}

	boolean hasNumbers() {
		return !batch.isEmpty();
	}

	/** The tokens and resting slots as of {@code now}. */
	void refill(Instant now) {
		cps.refill(now);
		while (!resting.isEmpty() && !resting.peek().isAfter(now)) {
			resting.poll();
		}
	}

	boolean cpsAvailable() {
		return cps.available();
	}

	/** Calls in progress counted against its limits. */
	int calls() {
		return calls;
	}

	/** Slots resting after a call (call_pause_second). */
	int resting() {
		return resting.size();
	}

	int callsOn(UUID lineId) {
		return callsByLine.getOrDefault(lineId, 0);
	}

	long lastServed() {
		return lastServed;
	}

	/** The next claimed number, out of the batch. */
	ClaimedNumber nextNumber() {
		return batch.poll();
	}

	/** Pacing gives it a call on {@code lineId}: a token taken, a slot held; {@code served} its turn. */
	void dials(UUID lineId, long served) {
		cps.take();
		occupy(lineId);
		lastServed = served;
	}

	/** A call of this task on {@code lineId} holds a slot (placed, or adopted from an earlier run). */
	void occupy(UUID lineId) {
		calls++;
		callsByLine.merge(lineId, 1, Integer::sum);
	}

	/** A call's slot is free again (it never started). */
	void free(UUID lineId) {
		calls--;
		callsByLine.merge(lineId, -1, Integer::sum);
	}

	/** A call ended: its slot is free, after resting {@code call_pause_second} if the task says so. */
	void ended(UUID lineId, Instant now) {
		free(lineId);
		if (task.pacing().callPauseSecond() > 0) {
			resting.add(now.plusSeconds(task.pacing().callPauseSecond()));
		}
	}

	// ---------------------------------------------------------------- claims

	/** Whether a claim is due: open, none in progress, at most half of {@code target} held. */
	boolean wantsClaim(Instant now, int target) {
		return open && !claiming && !now.isBefore(nextClaim) && batch.size() <= target / 2;
	}

	int batchSize() {
		return batch.size();
	}

	/**
	 * A claim starts: answers the cursor it reads from, reset first if numbers went back or the order
	 * changed. Touched only by that claim until it lands.
	 */
	NumberClaims.Cursor claimStarts() {
		claiming = true;
		if (cursorReset) {
			cursorReset = false;
			cursor.reset();
		}
		return cursor;
	}

	boolean claiming() {
		return claiming;
	}

	/** A claim landed with {@code numbers} of {@code wanted}; answers false if the task closed meanwhile. */
	boolean claimed(List<ClaimedNumber> numbers, int wanted, Instant now) {
		claiming = false;
		if (!open) {
			cursorReset = true; // what goes back comes first again
			return false;
		}
		batch.addAll(numbers);
		// Nothing more is due: look again in a second (imports and redials falling due).
		nextClaim = numbers.size() < wanted ? now.plusSeconds(1) : Instant.MIN;
		return true;
	}

	void claimFailed(Instant now) {
		claiming = false;
		nextClaim = now.plusSeconds(1);
	}

	/** The batch, taken out (to be given back); the next claim starts from the beginning. */
	List<Long> takeBatch() {
		List<Long> ids = new ArrayList<>(batch.size());
		batch.forEach(n -> ids.add(n.id()));
		batch.clear();
		cursorReset = true;
		return ids;
	}

	/** The engine stops: the batch taken out, no claim in progress any more. */
	List<Long> stop() {
		claiming = false;
		return takeBatch();
	}

	/** Numbers of it went back to the queue: the next claim starts from the beginning. */
	void gaveBack() {
		cursorReset = true;
	}

	// ---------------------------------------------------------------- life cycle

	/** Whether a pause or restart may be asked now (not already asked since the last reread). */
	boolean lifecycleDue() {
		return !lifecycleSent;
	}

	void lifecycleSent() {
		lifecycleSent = true;
	}

	/** Whether its running out of numbers was already told since it last had numbers. */
	boolean finishedSent() {
		return finishedSent;
	}

	void finishedSent(boolean sent) {
		finishedSent = sent;
	}

	/**
	 * Nothing to do for this task and nothing shown as dialing: forget it until it is a candidate
	 * again (once no call of it, counted or recovered, is in progress either).
	 */
	boolean idle() {
		boolean runnable = task.live() && task.state().numberCount() > 0;
		boolean reserving = task.state().lineReserved() && task.paused();
		boolean restarting = task.paused() && task.state().restartAt() != null;
		return !runnable && !reserving && !restarting && calls == 0 && batch.isEmpty() && !claiming
				&& !Boolean.TRUE.equals(writtenDialing);
	}

	// ---------------------------------------------------------------- what the task list shows

	/**
	 * What the list should be told of the task now, or null if it shows it already ({@code full}:
	 * the batch size too, after a reread).
	 */
	RuntimeState stateChange(boolean full) {
		boolean dialing = open && (!batch.isEmpty() || calls > 0);
		boolean flipped = writtenDialing == null || writtenDialing != dialing;
		if (!flipped && !(full && writtenBatch != batch.size())) {
			return null;
		}
		writtenDialing = dialing;
		writtenBatch = batch.size();
		return new RuntimeState(task.id(), task.userId(), dialing, batch.size(), null);
	}

	/** Shown as dialing: what the list is told when nobody dials for it any more, else null. */
	RuntimeState notDialing() {
		if (!Boolean.TRUE.equals(writtenDialing)) {
			return null;
		}
		writtenDialing = false;
		return new RuntimeState(task.id(), task.userId(), false, 0, null);
	}

	boolean shownDialing() {
		return Boolean.TRUE.equals(writtenDialing);
	}

	/** Whether {@code status} is news for the line's {@code call_status} (and remembers it as shown). */
	boolean lineStatusChanged(UUID lineId, int status) {
		Integer shown = writtenLineStatus.put(lineId, status);
		return shown == null || shown != status;
	}

}
