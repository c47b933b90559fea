package io.calltask.dialer.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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
 * told of them. In the order first read, which is the order pacing breaks ties in. What the life
 * cycle asks of the database runs on the writer's thread ({@code lifecycle}), never on the pacing
 * thread; each change asks for a reread ({@code changed}).
 */
final class TrackedTasks implements Iterable<TrackedTask> {

	private static final Logger log = LoggerFactory.getLogger(TrackedTasks.class);

	private final Map<Long, TrackedTask> tasks = new LinkedHashMap<>();

	private final TaskRuntime taskRuntime;

	private final ZoneId zone;

	/** Where the life cycle's transactions run (the writer's thread). */
	private final WorkerThread lifecycle;

	/** Told, from the thread of a life cycle transaction, that a task changed: a reread is wanted. */
	private final Runnable changed;

	/** A reread was applied: every task's batch size goes to the list with the next states. */
	private boolean statesDue;

	TrackedTasks(TaskRuntime taskRuntime, ZoneId zone, WorkerThread lifecycle, Runnable changed) {
		this.taskRuntime = taskRuntime;
		this.zone = zone;
		this.lifecycle = lifecycle;
		this.changed = changed;
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
			TrackedTask ts = tasks.get(t.id());
			if (ts == null) {
				tasks.put(t.id(), new TrackedTask(t));
			}
			else {
				ts.update(t);
			}
		}
		for (TrackedTask ts : tasks.values()) {
			if (l.tracked().contains(ts.task().id()) && !present.contains(ts.task().id())) {
				ts.deleted();
			}
		}
		for (DialTask t : l.found()) {
			UUID ruleId = t.pacing().recycleRuleId();
			RecycleRule rule = ruleId == null ? null : l.rules().get(ruleId);
			tasks.get(t.id()).rule(rule != null && rule.enable() && rule.userId().equals(t.userId()) ? rule : null);
		}
	}

	/**
	 * When an enabled task has no numbers left, end_action decides: 0 wait, 1 pause, 2 pause keeping
	 * its lines. Not while it has calls up or ends still to write.
	 */
	void endWhenEmpty(Set<Long> withCalls, boolean endsToWrite) {
		if (endsToWrite) {
			return;
		}
		for (TrackedTask ts : tasks.values()) {
			DialTask t = ts.task();
			if (!t.live() || t.state().numberCount() != 0 || ts.hasNumbers() || withCalls.contains(t.id())) {
				continue;
			}
			int endAction = t.state().endAction();
			if (endAction == 0) {
				if (!ts.finishedSent()) {
					ts.finishedSent(true);
					run(() -> {
						if (taskRuntime.finishedOutOfNumbers(t.id())) {
							log.info("Task {} has no numbers left: finished, waiting for more (end_action 0)", t.uuid());
						}
					});
				}
			}
			else if (ts.lifecycleDue()) {
				ts.lifecycleSent();
				run(() -> {
					if (taskRuntime.pauseWhenOutOfNumbers(t.id(), endAction == 2)) {
						log.info("Task {} has no numbers left: paused (end_action {})", t.uuid(), endAction);
						changed.run();
					}
				});
			}
		}
	}

	/** Forgets idle tasks without calls. */
	void forgetIdle(Set<Long> withCalls) {
		tasks.values().removeIf(ts -> ts.idle() && !withCalls.contains(ts.task().id()));
	}

	/**
	 * stop_time passing pauses a task; restart_at coming starts a paused one; a deleted task's
	 * ringing calls are cancelled ({@code cancelRinging}); a task whose seats all stay offline pauses
	 * ({@code seatless}, its {@code empty_seat_stop}).
	 */
	void lifecycle(Instant now, LongConsumer cancelRinging, java.util.function.Predicate<DialTask> seatless) {
		for (TrackedTask ts : tasks.values()) {
			DialTask t = ts.task();
			if (t.deleted()) {
				cancelRinging.accept(t.id());
				continue;
			}
			if (!ts.lifecycleDue()) {
				continue; // already told; wait for the reread that shows it
			}
			Instant stop = t.window().stopTime();
			Instant restart = t.state().restartAt();
			if (t.enable() && stop != null && !now.isBefore(stop)) {
				ts.lifecycleSent();
				run(() -> {
					if (taskRuntime.pauseByDialer(t.id(), false, TaskStopped.Reason.STOP_TIME)) {
						log.info("Task {} reached its stop_time: paused", t.uuid());
						changed.run();
					}
				});
			}
			else if (t.enable() && seatless.test(t)) {
				ts.lifecycleSent();
				run(() -> {
					if (taskRuntime.pauseByDialer(t.id(), false, TaskStopped.Reason.NO_SEATS)) {
						log.info("Task {} paused: every seat of its bridge group is offline", t.uuid());
						changed.run();
					}
				});
			}
			else if (!t.enable() && restart != null && !now.isBefore(restart)) {
				ts.lifecycleSent();
				run(() -> {
					if (taskRuntime.restartByDialer(t.id())) {
						log.info("Task {} reached its restart_at: started", t.uuid());
						changed.run();
					}
				});
			}
		}
	}

	/** A life cycle transaction, on its thread; a failure is logged and tried again after the next reread. */
	private void run(Runnable transaction) {
		lifecycle.submit(() -> {
			try {
				transaction.run();
			}
			catch (RuntimeException ex) {
				log.warn("Dialer could not change a task's life cycle: {}", ex.toString());
				changed.run();
			}
		});
	}

	/** Which tasks may dial now. */
	void open(Instant now, TrackedLines lines) {
		for (TrackedTask ts : tasks.values()) {
			ts.open(now, zone, lines);
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
			RuntimeState state = ts.stateChange(statesDue);
			if (state != null) {
				batch.states.add(state);
			}
			boolean dialing = ts.shownDialing();
			// Each line on its own: one line's node can go down while the task dials on its others.
			for (DialLine dl : ts.task().pacing().lines()) {
				lineStatus(batch, ts, dl.lineId(), dialing && lines.usable(dl.lineId()) ? 1 : 0);
			}
		}
		statesDue = false;
	}

	/** Writes {@code status} as the line's {@code call_status} for the task, unless it shows it already. */
	private static void lineStatus(AttemptBatch batch, TrackedTask ts, UUID lineId, int status) {
		if (ts.lineStatusChanged(lineId, status)) {
			batch.counts(ts.task().id(), lineId).callStatus = status;
		}
	}

	/** Nobody dials for tasks shown as dialing once this node stops: the list must not say 拨打中. */
	void notDialing(AttemptBatch batch) {
		for (TrackedTask ts : tasks.values()) {
			RuntimeState state = ts.notDialing();
			if (state != null) {
				batch.states.add(state);
				for (DialLine dl : ts.task().pacing().lines()) {
					lineStatus(batch, ts, dl.lineId(), 0);
				}
			}
		}
	}

	/** Every task's batch, taken out to be given back (the engine stops). */
	List<Long> stop() {
		List<Long> held = new ArrayList<>();
		tasks.values().forEach(ts -> held.addAll(ts.stop()));
		return held;
	}

}
