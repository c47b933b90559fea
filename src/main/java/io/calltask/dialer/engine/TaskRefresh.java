package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.catalog.Catalog;
import io.calltask.catalog.RecycleRule;
import io.calltask.line.Line;
import io.calltask.line.Lines;
import io.calltask.seat.SeatBoardStore;
import io.calltask.task.TaskRuntime;
import io.calltask.task.TaskRuntime.DialTask;

/**
 * Rereads tasks, their lines and recycle rules: every {@code calltask.dialer.refresh}, and soon after
 * a task is written. On the reader's thread (the pacing thread never waits for these queries; what
 * was read is applied on a later tick), inline when the engine is stepped by hand.
 */
final class TaskRefresh {

	private static final Logger log = LoggerFactory.getLogger(TaskRefresh.class);

	/**
	 * What a reread found: tasks, their lines and recycle rules, for the tasks tracked when it started;
	 * every seat and bridge group, and the hold audio of the tasks' backgrounds.
	 */
	record Loaded(Set<Long> tracked, List<DialTask> found, Map<UUID, Line> lineRows, Map<UUID, RecycleRule> rules,
			SeatBoard.Read seats) {
	}

	private final TaskRuntime taskRuntime;

	private final Lines lineDirectory;

	private final Catalog catalog;

	private final SeatBoardStore seatStore;

	private final WorkerThread reader;

	private final Duration every;

	/** Told when a reread finished (the runner's wake-up). */
	private final Runnable arrived;

	private final ConcurrentLinkedQueue<Loaded> loaded = new ConcurrentLinkedQueue<>();

	private volatile boolean wanted = true;

	private Instant next = Instant.MIN;

	private Future<?> reading;

	TaskRefresh(TaskRuntime taskRuntime, Lines lineDirectory, Catalog catalog, SeatBoardStore seatStore,
			WorkerThread reader, Duration every, Runnable arrived) {
		this.taskRuntime = taskRuntime;
		this.lineDirectory = lineDirectory;
		this.catalog = catalog;
		this.seatStore = seatStore;
		this.reader = reader;
		this.every = every;
		this.arrived = arrived;
	}

	/** Reread on the next tick (a task was written, a task was paused). */
	void want() {
		wanted = true;
	}

	/** A reread was asked for and has not started. */
	boolean wanted() {
		return wanted;
	}

	boolean due(Instant now) {
		return wanted || !now.isBefore(next);
	}

	/** Asked for, or read and not yet applied. */
	boolean pending() {
		return wanted || !loaded.isEmpty();
	}

	boolean inProgress() {
		return reading != null && !reading.isDone();
	}

	/**
	 * Starts a reread of the candidates and of {@code tracked} (tasks the engine holds, and the
	 * tasks and lines of its calls); the reread in progress, if any, will do instead.
	 */
	void start(Instant now, Set<Long> tracked, Set<UUID> callLines) {
		wanted = false;
		next = now.plus(every);
		reading = reader.submit(() -> {
			try {
				loaded.add(load(now, tracked, callLines));
			}
			catch (RuntimeException ex) {
				wanted = true;
				log.warn("Dialer could not reread tasks: {}", ex.toString());
			}
			arrived.run();
		});
	}

	/** The next reread that finished, or null. */
	Loaded poll() {
		return loaded.poll();
	}

	/** Forgets the reread in progress (the engine stopped and waited for its reader). */
	void stopped() {
		reading = null;
	}

	/** Reads at once, on the caller's thread (recovering a node's calls). */
	Loaded load(Instant now, Set<Long> tracked, Set<UUID> callLines) {
		List<DialTask> found = new ArrayList<>(taskRuntime.candidates(now));
		Set<Long> seen = new HashSet<>();
		found.forEach(t -> seen.add(t.id()));
		Set<Long> missing = new HashSet<>(tracked);
		missing.removeAll(seen);
		found.addAll(taskRuntime.byIds(missing));
		Set<UUID> lineIds = new HashSet<>(callLines);
		Set<UUID> ruleIds = new HashSet<>();
		Set<Long> backgroundIds = new HashSet<>();
		for (DialTask t : found) {
			t.pacing().lines().forEach(l -> lineIds.add(l.lineId()));
			if (t.pacing().recycleRuleId() != null) {
				ruleIds.add(t.pacing().recycleRuleId());
			}
			Long background = backgroundId(t.transfer().backgroundFileId());
			if (t.transfer().enabled() && background != null) {
				backgroundIds.add(background);
			}
		}
		Map<Long, String> holdAudio = new HashMap<>();
		catalog.backgrounds(backgroundIds).forEach((id, b) -> holdAudio.put(id, b.url()));
		return new Loaded(tracked, found, lineDirectory.byIds(lineIds), catalog.recycleRules(ruleIds),
				new SeatBoard.Read(seatStore.seats(), seatStore.groups(), holdAudio));
	}

	/** A task's {@code background_file_id} as a background's id; null if it names none. */
	static Long backgroundId(String text) {
		if (text == null || text.isBlank() || text.length() > 18) {
			return null;
		}
		try {
			return Long.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
