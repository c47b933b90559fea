package io.calltask.dialer.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.catalog.RecycleRule;
import io.calltask.task.TaskRuntime;
import io.calltask.task.TaskRuntime.DialLine;
import io.calltask.task.TaskRuntime.DialTask;
import io.calltask.task.TaskRuntime.RuntimeState;
import io.calltask.task.TaskStopped;

/**
 * The tasks the engine tracks: what a reread found, their life cycle (stop_time pauses, restart_at
 * starts, end_action when the numbers run out), whether each may dial now, and what the task list is
 * told of them. In the order first read, which is the order pacing breaks ties in.
 */
final class TrackedTasks implements Iterable<TrackedTask> {

	private static final Logger log = LoggerFactory.getLogger(TrackedTasks.class);

	private final Map<Long, TrackedTask> tasks = new LinkedHashMap<>();

	private final TaskRuntime taskRuntime;

	private final ZoneId zone;

	/** A reread was applied: every task's batch size goes to the list with the next states. */
	private boolean statesDue;

	TrackedTasks(TaskRuntime taskRuntime, ZoneId zone) {
		this.taskRuntime = taskRuntime;
		this.zone = zone;
	}

	@Override
	public Iterator<TrackedTask> iterator() {
		return tasks.values().iterator();
	}

	TrackedTask get(long taskId) {
		return tasks.get(taskId);
	}

	Set<Long> ids() {
		return tasks.keySet();
	}

	/** The tasks as just read: a tracked task no longer found is deleted; rules are kept if enabled and the owner's. */
	void apply(TaskRefresh.Loaded l) {
		statesDue = true;
		Set<Long> present = new HashSet<>();
		for (DialTask t : l.found()) {
			present.add(t.id());
			tasks.computeIfAbsent(t.id(), id -> new TrackedTask()).update(t);
		}
		for (TrackedTask ts : tasks.values()) {
			if (l.tracked().contains(ts.task.id()) && !present.contains(ts.task.id())) {
				ts.task = ts.task.asDeleted(); // no longer returned by the database: deleted
			}
		}
		for (DialTask t : l.found()) {
			RecycleRule rule = t.recycleRuleId() == null ? null : l.rules().get(t.recycleRuleId());
			tasks.get(t.id()).rule = rule != null && rule.enable() && rule.userId().equals(t.userId()) ? rule : null;
		}
	}

	/**
	 * When an enabled task has no numbers left, end_action decides: 0 wait, 1 pause, 2 pause keeping
	 * its lines. Not while it has calls up or ends still to write. True if a task was paused.
	 */
	boolean endWhenEmpty(Set<Long> withCalls, boolean endsToWrite) {
		boolean paused = false;
		for (TrackedTask ts : tasks.values()) {
			DialTask t = ts.task;
			if (t.enable() && !t.deleted() && t.numberCount() == 0 && ts.batch.isEmpty() && !withCalls.contains(t.id())
					&& !endsToWrite) {
				if (t.endAction() == 0) {
					if (!ts.finishedSent && taskRuntime.finishedOutOfNumbers(t.id())) {
						log.info("Task {} has no numbers left: finished, waiting for more (end_action 0)", t.uuid());
					}
					ts.finishedSent = true;
				}
				else if (taskRuntime.pauseWhenOutOfNumbers(t.id(), t.endAction() == 2)) {
					log.info("Task {} has no numbers left: paused (end_action {})", t.uuid(), t.endAction());
					paused = true;
				}
			}
		}
		return paused;
	}

	/** Forgets idle tasks without calls. */
	void forgetIdle(Set<Long> withCalls) {
		tasks.values().removeIf(ts -> ts.idle() && !withCalls.contains(ts.task.id()));
	}

	/**
	 * stop_time passing pauses a task; restart_at coming starts a paused one; a deleted task's
	 * ringing calls are cancelled ({@code cancelRinging}). True if anything changed.
	 */
	boolean lifecycle(Instant now, LongConsumer cancelRinging) {
		boolean changed = false;
		for (TrackedTask ts : tasks.values()) {
			DialTask t = ts.task;
			if (t.deleted()) {
				cancelRinging.accept(t.id());
				continue;
			}
			if (ts.lifecycleSent) {
				continue; // already told; wait for the reread that shows it
			}
			if (t.enable() && t.stopTime() != null && !now.isBefore(t.stopTime())) {
				ts.lifecycleSent = true;
				if (taskRuntime.pauseByDialer(t.id(), false, TaskStopped.Reason.STOP_TIME)) {
					changed = true;
					log.info("Task {} reached its stop_time: paused", t.uuid());
				}
			}
			else if (!t.enable() && t.restartAt() != null && !now.isBefore(t.restartAt())) {
				ts.lifecycleSent = true;
				if (taskRuntime.restartByDialer(t.id())) {
					changed = true;
					log.info("Task {} reached its restart_at: started", t.uuid());
				}
			}
		}
		return changed;
	}

	/** Which tasks may dial now. */
	void open(Instant now, TrackedLines lines) {
		for (TrackedTask ts : tasks.values()) {
			ts.open = ts.mayDial(now, zone, lines);
		}
	}

	boolean anyToPace() {
		for (TrackedTask ts : tasks.values()) {
			if (ts.hasNumbersToPace()) {
				return true;
			}
		}
		return false;
	}

	/** What the task list shows: whether each task is dialing now, and the size of its batch. */
	void states(AttemptBatch batch, TrackedLines lines) {
		for (TrackedTask ts : tasks.values()) {
			boolean dialing = ts.open && (!ts.batch.isEmpty() || ts.calls > 0);
			boolean flipped = ts.writtenDialing == null || ts.writtenDialing != dialing;
			if (flipped || (statesDue && ts.writtenBatch != ts.batch.size())) {
				batch.states.add(new RuntimeState(ts.task.id(), ts.task.userId(), dialing, ts.batch.size(), null));
				ts.writtenDialing = dialing;
				ts.writtenBatch = ts.batch.size();
			}
			// Each line on its own: one line's node can go down while the task dials on its others.
			for (DialLine dl : ts.task.lines()) {
				lineStatus(batch, ts, dl.lineId(), dialing && lines.usable(dl.lineId()) ? 1 : 0);
			}
		}
		statesDue = false;
	}

	/** Writes {@code status} as the line's {@code call_status} for the task, unless it shows it already. */
	private static void lineStatus(AttemptBatch batch, TrackedTask ts, UUID lineId, int status) {
		Integer shown = ts.writtenLineStatus.put(lineId, status);
		if (shown == null || shown != status) {
			batch.counts(ts.task.id(), lineId).callStatus = status;
		}
	}

	/** Nobody dials for tasks shown as dialing once this node stops: the list must not say 拨打中. */
	void notDialing(AttemptBatch batch) {
		for (TrackedTask ts : tasks.values()) {
			if (Boolean.TRUE.equals(ts.writtenDialing)) {
				batch.states.add(new RuntimeState(ts.task.id(), ts.task.userId(), false, 0, null));
				for (DialLine dl : ts.task.lines()) {
					lineStatus(batch, ts, dl.lineId(), 0);
				}
				ts.writtenDialing = false;
			}
		}
	}

}
