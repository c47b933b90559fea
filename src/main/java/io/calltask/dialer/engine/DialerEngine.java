package io.calltask.dialer.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.time.DateTimes;
import io.calltask.catalog.Catalog;
import io.calltask.catalog.RecycleRule;
import io.calltask.dialer.callrecord.CallOutcome;
import io.calltask.dialer.callrecord.CallStatusCode;
import io.calltask.dialer.engine.AttemptLog.Batch;
import io.calltask.dialer.engine.DialerNodes.LostCall;
import io.calltask.dialer.engine.NumberClaims.ClaimedNumber;
import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.line.Line;
import io.calltask.line.Lines;
import io.calltask.task.TaskRuntime;
import io.calltask.task.TaskRuntime.DialLine;
import io.calltask.task.TaskRuntime.DialTask;
import io.calltask.task.TaskRuntime.RuntimeState;

/**
 * The engine. One thread calls {@link #tick()} every few milliseconds; each tick takes in what the
 * gateway reported, rereads tasks when they changed, claims numbers for the tasks that may dial
 * now, paces originates inside every task and line limit, writes everything in one transaction
 * and only then hands the calls to the gateway, so a crash never leaves a call nobody can account
 * for. Time is the injected clock's, so tests step through days of schedule without sleeping.
 */
public class DialerEngine {

	private static final Logger log = LoggerFactory.getLogger(DialerEngine.class);

	/** The cause a call gets when the node that placed it died before learning how it ended. */
	static final String LOST_CAUSE = "SYSTEM_SHUTDOWN";

	private final DialerSettings settings;

	private final CallGateway gateway;

	private final List<ClockDriven> clockDriven;

	private final TaskRuntime taskRuntime;

	private final Lines lineDirectory;

	private final Catalog catalog;

	private final NumberClaims claims;

	private final AttemptLog attempts;

	private final DialerNodes nodes;

	private final Clock clock;

	private final ZoneId zone;

	private final ConcurrentLinkedQueue<CallEvent> events = new ConcurrentLinkedQueue<>();

	private boolean gatewayStarted;

	private final Map<Long, TaskState> tasks = new LinkedHashMap<>();

	private final Map<UUID, LineState> lines = new HashMap<>();

	private final Map<UUID, CallState> calls = new HashMap<>();

	/** Writes of this tick, or of earlier ticks whose transaction failed (retried until written). */
	private Batch batch = new Batch();

	/** The calls of {@code batch.starts}, in the same order: placed once their start is written. */
	private List<OriginateRequest> toPlace = new ArrayList<>();

	/** The writer's thread (null: writes run inline, when tests step the engine). */
	private java.util.concurrent.ExecutorService writer;

	private java.util.concurrent.Future<?> writing;

	private final ConcurrentLinkedQueue<Written> written = new ConcurrentLinkedQueue<>();

	/** The last write failed: no new calls are paced until a write succeeds again. */
	private boolean writeFailing;

	/** The reader's thread (null: rereads run inline). */
	private java.util.concurrent.ExecutorService reader;

	private java.util.concurrent.Future<?> reading;

	private final ConcurrentLinkedQueue<Loaded> loaded = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Claimed> claimed = new ConcurrentLinkedQueue<>();

	private volatile boolean refreshWanted = true;

	private Instant nextRefresh = Instant.MIN;

	private Instant nextHeartbeat = Instant.MIN;

	private boolean statesDue;

	private long ticks;

	/** Originates handed out so far: orders tasks by when they were last served. */
	private long served;

	private boolean started;

	/** Told when something arrives that the next tick should see now (the runner's wake-up). */
	private volatile Runnable onWork;

	DialerEngine(DialerSettings settings, CallGateway gateway, List<ClockDriven> clockDriven, TaskRuntime taskRuntime, Lines lineDirectory,
			Catalog catalog, NumberClaims claims, AttemptLog attempts, DialerNodes nodes, Clock clock, DateTimes time) {
		this.settings = settings;
		this.gateway = gateway;
		this.clockDriven = List.copyOf(clockDriven);
		this.taskRuntime = taskRuntime;
		this.lineDirectory = lineDirectory;
		this.catalog = catalog;
		this.claims = claims;
		this.attempts = attempts;
		this.nodes = nodes;
		this.clock = clock;
		this.zone = time.zone();
	}

	private static java.util.concurrent.ExecutorService thread(String name) {
		return java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		});
	}

	// ---------------------------------------------------------------- life cycle

	/**
	 * Registers this node and recovers what it left behind last time it ran: claimed numbers go
	 * back to the queue, and calls whose outcome was lost are closed ({@value #LOST_CAUSE}) and
	 * then follow their task's recycle rule like any other call.
	 */
	public synchronized void start() {
		if (started) {
			return;
		}
		Instant now = clock.instant();
		if (settings.autoRun()) {
			writer = thread("dialer-writer");
			reader = thread("dialer-reader");
		}
		if (!gatewayStarted) {
			gateway.start(event -> { // once: after a restart of the engine the gateway goes on as it was
				events.add(event);
				arrived();
			});
			gatewayStarted = true;
		}
		nodes.register(settings.nodeId(), now).ifPresent(lastHeartbeat -> recover(settings.nodeId(), lastHeartbeat));
		nextHeartbeat = now.plus(heartbeatEvery());
		started = true;
	}

	/** Gives claimed numbers back; calls in progress are closed as lost when a node next starts. */
	public synchronized void stop() {
		if (!started) {
			return;
		}
		awaitWriter();
		List<Long> held = new ArrayList<>();
		// Calls paced but never written (a failing database): not placed now, their numbers go back.
		for (AttemptLog.Start start : batch.starts) {
			undo(calls.get(start.callId()));
			held.add(start.numberId());
		}
		batch.starts.clear();
		toPlace.clear();
		for (TaskState ts : tasks.values()) {
			ts.batch.forEach(n -> held.add(n.id()));
			ts.batch.clear();
			if (Boolean.TRUE.equals(ts.writtenDialing)) {
				// Nobody dials for it once this node is gone: the list must not say 拨打中.
				batch.states.add(new RuntimeState(ts.task.id(), ts.task.userId(), false, 0, null));
				for (DialLine dl : ts.task.lines()) {
					batch.counts(ts.task.id(), dl.lineId()).callStatus = 0;
				}
				ts.writtenDialing = false;
			}
		}
		flush(clock.instant());
		awaitWriter();
		if (writer != null) {
			writer.shutdown();
			writer = null;
		}
		if (reader != null) {
			reader.shutdown();
			try {
				reader.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			reader = null;
		}
		reading = null;
		writing = null;
		for (TaskState ts : tasks.values()) {
			ts.claiming = false;
		}
		Claimed late;
		while ((late = claimed.poll()) != null) {
			late.numbers().forEach(n -> held.add(n.id()));
		}
		giveBack(held, clock.instant());
		started = false;
	}

	/** This node, restarted: what it claimed goes back, what it was calling is closed as lost. */
	private void recover(String nodeId, Instant lastHeartbeat) {
		int released = nodes.releaseClaims(nodeId, clock.instant());
		closeLost(nodeId, released, nodes.lostCalls(nodeId), lastHeartbeat);
	}

	private void closeLost(String nodeId, int released, List<LostCall> lost, Instant lastHeartbeat) {
		Instant now = clock.instant();
		for (LostCall c : lost) {
			CallState cs = new CallState(c.callId(), c.taskId(), null, c.numberId(), c.lineId(), c.attempt(),
					c.startAt(), false);
			cs.answeredAt = c.answeredAt();
			calls.put(c.callId(), cs);
			// The last moment the node is known to have been alive, and never before what the call saw.
			Instant end = latest(latest(c.startAt(), c.answeredAt()), lastHeartbeat);
			events.add(new CallEvent.HungUp(c.callId(), end, LOST_CAUSE, c.answeredAt(), 0, null));
		}
		if (released > 0 || !lost.isEmpty()) {
			log.info("Recovered dialer node {}: {} claimed numbers back in the queue, {} lost calls closed", nodeId,
					released, lost.size());
		}
		// The lost calls' tasks (and their recycle rules) are known before their hangups are handled.
		apply(load(now, trackedTasks(), callLines()));
		refreshWanted = true;
		for (LostCall c : lost) {
			LineState ls = lines.get(c.lineId());
			gateway.hangUpLost(c.callId(), ls == null ? null : ls.line.nodeId());
		}
	}

	private static Instant latest(Instant a, Instant b) {
		return b != null && b.isAfter(a) ? b : a;
	}

	/** Task writes make the engine reread tasks on its next tick. */
	void taskChanged() {
		refreshWanted = true;
		arrived();
	}

	/** {@code wake} is run whenever work arrives from another thread; null for nobody. */
	void onWork(Runnable wake) {
		this.onWork = wake;
	}

	private void arrived() {
		Runnable wake = onWork;
		if (wake != null) {
			wake.run();
		}
	}

	/**
	 * Whether the next tick has work that cannot wait: calls up (their events, their slots), numbers
	 * to pace, results or events to apply, writes to make or retry. When not, the runner ticks slowly
	 * until {@link #onWork} wakes it; what only time brings (a schedule opening, a refresh, the
	 * heartbeat) is then seen within one idle tick.
	 */
	synchronized boolean busy() {
		if (!calls.isEmpty() || !events.isEmpty() || !loaded.isEmpty() || !claimed.isEmpty() || !written.isEmpty()
				|| refreshWanted || writeFailing || !batch.isEmpty()) {
			return true;
		}
		for (TaskState ts : tasks.values()) {
			if (ts.hasNumbersToPace()) {
				return true;
			}
		}
		return false;
	}

	// ---------------------------------------------------------------- the tick

	/** One round of the engine. Safe to call from one thread at a time; tests call it directly. */
	public synchronized void tick() {
		if (!started) {
			start();
		}
		Instant now = clock.instant();
		ticks++;
		for (ClockDriven driven : clockDriven) {
			driven.advanceTo(now);
		}
		if (refreshWanted || !now.isBefore(nextRefresh)) {
			refresh(now);
		}
		applyLoaded();
		drainEvents(now);
		if (lifecycle(now)) {
			refresh(now);
			applyLoaded();
		}
		for (TaskState ts : tasks.values()) {
			ts.open = mayDial(ts, now);
		}
		giveBackClosed(now);
		claimNumbers(now);
		applyWritten();
		if (!writeFailing) {
			pace(now);
		}
		states(now);
		flush(now);
		if (!now.isBefore(nextHeartbeat)) {
			heartbeat(now);
		}
	}

	/** Calls placed and not yet ended, over all tasks. */
	public synchronized int callsInProgress() {
		return calls.size();
	}

	// ---------------------------------------------------------------- tasks, lines, rules

	/** What a reread found: tasks, their lines and recycle rules, for the tasks tracked when it started. */
	private record Loaded(Set<Long> tracked, List<DialTask> found, Map<UUID, Line> lineRows,
			Map<UUID, RecycleRule> rules) {
	}

	/**
	 * Rereads tasks, lines and rules: on the reader's thread in production (the pacing thread never
	 * waits for these queries; the result is applied on a later tick), inline when stepped by hand.
	 */
	private void refresh(Instant now) {
		if (reading != null && !reading.isDone()) {
			return; // the reread in progress will do; refreshWanted stays as it is
		}
		refreshWanted = false;
		nextRefresh = now.plus(settings.refresh());
		Set<Long> tracked = trackedTasks();
		Set<UUID> callLines = callLines();
		if (reader == null) {
			loaded.add(load(now, tracked, callLines));
		}
		else {
			reading = reader.submit(() -> {
				try {
					loaded.add(load(now, tracked, callLines));
				}
				catch (RuntimeException ex) {
					refreshWanted = true;
					log.warn("Dialer could not reread tasks: {}", ex.toString());
				}
				arrived();
			});
		}
	}

	/** Tasks the engine holds state for, and the tasks of its calls (a recovered call's may be untracked). */
	private Set<Long> trackedTasks() {
		Set<Long> tracked = new HashSet<>(tasks.keySet());
		tracked.addAll(tasksWithCalls());
		return tracked;
	}

	private Set<Long> tasksWithCalls() {
		Set<Long> ids = new HashSet<>();
		for (CallState c : calls.values()) {
			ids.add(c.taskId);
		}
		return ids;
	}

	private Set<UUID> callLines() {
		Set<UUID> ids = new HashSet<>();
		for (CallState c : calls.values()) {
			ids.add(c.lineId);
		}
		return ids;
	}

	private Loaded load(Instant now, Set<Long> tracked, Set<UUID> callLines) {
		List<DialTask> found = new ArrayList<>(taskRuntime.candidates(now));
		Set<Long> seen = new HashSet<>();
		found.forEach(t -> seen.add(t.id()));
		Set<Long> missing = new HashSet<>(tracked);
		missing.removeAll(seen);
		found.addAll(taskRuntime.byIds(missing));
		Set<UUID> lineIds = new HashSet<>(callLines);
		Set<UUID> ruleIds = new HashSet<>();
		for (DialTask t : found) {
			t.lines().forEach(l -> lineIds.add(l.lineId()));
			if (t.recycleRuleId() != null) {
				ruleIds.add(t.recycleRuleId());
			}
		}
		return new Loaded(tracked, found, lineDirectory.byIds(lineIds), catalog.recycleRules(ruleIds));
	}

	private void applyLoaded() {
		Loaded l;
		while ((l = loaded.poll()) != null) {
			apply(l);
		}
	}

	private void apply(Loaded l) {
		statesDue = true;
		Set<Long> present = new HashSet<>();
		for (DialTask t : l.found()) {
			present.add(t.id());
			tasks.computeIfAbsent(t.id(), id -> new TaskState()).update(t);
		}
		for (TaskState ts : tasks.values()) {
			if (l.tracked().contains(ts.task.id()) && !present.contains(ts.task.id())) {
				ts.task = ts.task.asDeleted(); // no longer returned by the database: deleted
			}
		}
		for (Line line : l.lineRows().values()) {
			lines.computeIfAbsent(line.id(), id -> new LineState()).update(line);
		}
		lines.entrySet().removeIf(e -> !l.lineRows().containsKey(e.getKey()) && e.getValue().calls == 0);
		for (DialTask t : l.found()) {
			RecycleRule rule = t.recycleRuleId() == null ? null : l.rules().get(t.recycleRuleId());
			tasks.get(t.id()).rule = rule != null && rule.enable() && rule.userId().equals(t.userId()) ? rule : null;
		}
		reserveLines();
		Set<Long> withCalls = tasksWithCalls();
		endWhenEmpty(withCalls);
		tasks.values().removeIf(ts -> ts.idle() && !withCalls.contains(ts.task.id()));
	}

	/** end_action 2: a paused task keeps its share of each line (its explicit share, else up to its maximumcall). */
	private void reserveLines() {
		lines.values().forEach(l -> l.reserved = 0);
		for (TaskState ts : tasks.values()) {
			DialTask t = ts.task;
			if (t.lineReserved() && !t.enable() && !t.deleted()) {
				for (DialLine dl : t.lines()) {
					LineState ls = lines.get(dl.lineId());
					if (ls != null) {
						int share = dl.share() != null ? dl.share() : ls.line.limit();
						ls.reserved += Math.min(share, t.maximumcall());
					}
				}
			}
		}
	}

	/** When an enabled task has no numbers left, end_action decides: 0 wait, 1 pause, 2 pause keeping its lines. */
	private void endWhenEmpty(Set<Long> withCalls) {
		for (TaskState ts : tasks.values()) {
			DialTask t = ts.task;
			if (t.enable() && !t.deleted() && t.numberCount() == 0 && ts.batch.isEmpty() && !withCalls.contains(t.id())
					&& batch.finishes.isEmpty() && t.endAction() != 0) {
				if (taskRuntime.pauseWhenOutOfNumbers(t.id(), t.endAction() == 2)) {
					log.info("Task {} has no numbers left: paused (end_action {})", t.uuid(), t.endAction());
					refreshWanted = true;
				}
			}
		}
	}

	/** stop_time passing pauses a task; restart_at coming starts a paused one. True if anything changed. */
	private boolean lifecycle(Instant now) {
		boolean changed = false;
		for (TaskState ts : tasks.values()) {
			DialTask t = ts.task;
			if (t.deleted()) {
				cancelRinging(t.id());
				continue;
			}
			if (ts.lifecycleSent) {
				continue; // already told; wait for the reread that shows it
			}
			if (t.enable() && t.stopTime() != null && !now.isBefore(t.stopTime())) {
				ts.lifecycleSent = true;
				if (taskRuntime.pauseByDialer(t.id(), false)) {
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

	/** A deleted task's calls that are still ringing are hung up; answered ones finish. */
	private void cancelRinging(long taskId) {
		for (CallState c : calls.values()) {
			if (c.taskId == taskId && c.answeredAt == null && !c.cancelRequested && c.placed) {
				c.cancelRequested = true;
				gateway.cancel(c.callId);
			}
		}
	}

	private boolean mayDial(TaskState ts, Instant now) {
		DialTask t = ts.task;
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
			if (usable(lines.get(dl.lineId()))) {
				return true;
			}
		}
		return false;
	}

	private boolean usable(LineState ls) {
		return ls != null && ls.line.limit() - ls.reserved > 0 && gateway.nodeUp(ls.line.nodeId());
	}

	// ---------------------------------------------------------------- numbers

	/** Tasks that may not dial now give their batch back, so nothing sits claimed while nobody dials it. */
	private void giveBackClosed(Instant now) {
		List<Long> back = new ArrayList<>();
		for (TaskState ts : tasks.values()) {
			if (!ts.open && !ts.batch.isEmpty()) {
				ts.batch.forEach(n -> back.add(n.id()));
				ts.batch.clear();
				ts.cursorReset = true; // what went back comes first again
			}
		}
		giveBack(back, now);
	}

	/** Claimed numbers back to the queue; if the database fails, they stay claimed until this node restarts. */
	private void giveBack(List<Long> numberIds, Instant now) {
		if (numberIds.isEmpty()) {
			return;
		}
		try {
			claims.release(numberIds, settings.nodeId(), now);
		}
		catch (RuntimeException ex) {
			log.warn("Could not give back {} claimed numbers; they go back when this node next starts: {}",
					numberIds.size(), ex.toString());
		}
	}

	/** What a claim brought for a task, or why it failed. */
	private record Claimed(long taskId, List<ClaimedNumber> numbers, int wanted, RuntimeException failure) {
	}

	/**
	 * Tops up the batch of every task that may dial and runs low. Claims run on the reader's thread
	 * in production (one at a time per task) and land on a later tick; inline when stepped by hand.
	 */
	private void claimNumbers(Instant now) {
		for (TaskState ts : tasks.values()) {
			if (!ts.open || ts.claiming || now.isBefore(ts.nextClaim)) {
				continue;
			}
			int target = Math.max(4, Math.min(settings.claimBatch(), ts.task.cps() * 2));
			if (ts.batch.size() > target / 2) {
				continue;
			}
			int wanted = target - ts.batch.size();
			boolean freshFirst = ts.rule == null || ts.rule.firstCallFirst();
			long taskId = ts.task.id();
			int popMode = ts.task.popMode();
			boolean resetCursor = ts.cursorReset;
			ts.cursorReset = false;
			ts.claiming = true;
			NumberClaims.Cursor cursor = ts.cursor; // touched only by the one claim of this task in progress
			Runnable claim = () -> {
				try {
					if (resetCursor) {
						cursor.reset();
					}
					claimed.add(new Claimed(taskId,
							claims.claim(taskId, popMode, freshFirst, wanted, cursor, settings.nodeId(), now), wanted,
							null));
				}
				catch (RuntimeException ex) {
					claimed.add(new Claimed(taskId, List.of(), wanted, ex));
				}
				arrived();
			};
			if (reader == null) {
				claim.run();
			}
			else {
				reader.execute(claim);
			}
		}
		applyClaimed(now);
	}

	private void applyClaimed(Instant now) {
		List<Long> back = new ArrayList<>();
		Claimed c;
		while ((c = claimed.poll()) != null) {
			TaskState ts = tasks.get(c.taskId());
			if (ts == null) {
				c.numbers().forEach(n -> back.add(n.id()));
				continue;
			}
			ts.claiming = false;
			if (c.failure() != null) {
				ts.nextClaim = now.plusSeconds(1);
				log.warn("Could not claim numbers of task {}: {}", ts.task.uuid(), c.failure().toString());
				continue;
			}
			if (!ts.open) {
				// Closed while the claim ran: the numbers go straight back.
				c.numbers().forEach(n -> back.add(n.id()));
				ts.cursorReset = true;
				continue;
			}
			ts.batch.addAll(c.numbers());
			// Nothing more is due: look again in a second (imports and redials falling due).
			ts.nextClaim = c.numbers().size() < c.wanted() ? now.plusSeconds(1) : Instant.MIN;
		}
		giveBack(back, now);
	}

	// ---------------------------------------------------------------- pacing

	/**
	 * Hands out originates one at a time, each to the ready task with the fewest calls in progress
	 * (the one served longest ago among equals), until no task's own limits or lines allow another:
	 * tasks sharing a line hold equal parts of it and none starves.
	 */
	private void pace(Instant now) {
		List<TaskState> ready = new ArrayList<>();
		for (TaskState ts : tasks.values()) {
			if (ts.hasNumbersToPace()) {
				ts.cps.refill(now);
				ts.rest(now);
				ready.add(ts);
			}
		}
		if (ready.isEmpty()) {
			return;
		}
		for (LineState ls : lines.values()) {
			ls.cps.refill(now);
		}
		while (!ready.isEmpty()) {
			TaskState next = ready.get(0);
			for (TaskState ts : ready) {
				if (ts.calls < next.calls || (ts.calls == next.calls && ts.lastServed < next.lastServed)) {
					next = ts;
				}
			}
			if (originate(next, now)) {
				next.lastServed = ++served;
			}
			else {
				ready.remove(next);
			}
		}
	}

	private boolean originate(TaskState ts, Instant now) {
		DialTask t = ts.task;
		if (ts.batch.isEmpty() || !ts.cps.available() || ts.calls + ts.resting.size() >= t.maximumcall()) {
			return false;
		}
		LineState best = null;
		int bestFree = 0;
		for (DialLine dl : t.lines()) {
			LineState ls = lines.get(dl.lineId());
			if (!usable(ls) || !ls.cps.available()) {
				continue;
			}
			int free = ls.line.limit() - ls.reserved - ls.calls;
			if (dl.share() != null) {
				free = Math.min(free, dl.share() - ts.callsOn(dl.lineId()));
			}
			if (free > bestFree) {
				best = ls;
				bestFree = free;
			}
		}
		if (best == null) {
			return false;
		}
		ClaimedNumber number = ts.batch.poll();
		ts.cps.take();
		best.cps.take();
		Line line = best.line;
		CallState call = new CallState(UUID.randomUUID(), t.id(), t.userId(), number.id(), line.id(),
				number.attempts() + 1, now, true);
		calls.put(call.callId, call);
		ts.calls++;
		ts.callsByLine.merge(line.id(), 1, Integer::sum);
		best.calls++;
		batch.starts.add(new AttemptLog.Start(call.callId, t.id(), t.userId(), number.id(), number.phone(), line.id(),
				call.attempt, now));
		String callerId = t.callerIdNumber().isEmpty() ? line.callerNumber() : t.callerIdNumber();
		toPlace.add(new OriginateRequest(call.callId, t.uuid(), number.id(), number.phone(),
				DialFormat.apply(t.dialFormat(), number.phone()), line.id(), line.gateway(), line.nodeId(), callerId,
				t.originateTimeout(), t.originateVariables(), t.destinationExtension(), t.destinationDialplan(),
				t.destinationContext()));
		return true;
	}

	// ---------------------------------------------------------------- results

	private void drainEvents(Instant now) {
		CallEvent event;
		while ((event = events.poll()) != null) {
			if (event instanceof CallEvent.Answered a) {
				answered(a);
			}
			else {
				hungUp((CallEvent.HungUp) event, now);
			}
		}
	}

	private void answered(CallEvent.Answered a) {
		CallState c = calls.get(a.callId());
		if (c == null || c.answeredAt != null) {
			return;
		}
		c.answeredAt = a.at();
		batch.answers.add(new AttemptLog.Answer(c.callId, c.taskId, c.lineId, a.at()));
	}

	private void hungUp(CallEvent.HungUp h, Instant now) {
		CallState c = calls.remove(h.callId());
		if (c == null) {
			return; // unknown or already ended: events are merged once
		}
		TaskState ts = tasks.get(c.taskId);
		boolean answered = c.answeredAt != null || h.answeredAt() != null || h.billMillis() > 0;
		Instant answeredAt = c.answeredAt != null ? c.answeredAt
				: h.answeredAt() != null ? h.answeredAt() : answered ? h.at() : null;
		String cause = h.hangupCause() == null || h.hangupCause().isBlank() ? "NORMAL_UNSPECIFIED" : h.hangupCause();
		CallOutcome outcome = CallOutcome.of(cause, answered);
		int status = CallStatusCode.of(h.daStatus(), cause, answered);
		long bill = answered ? Math.max(0, h.billMillis()) : 0;
		RecycleRule rule = ts == null ? null : ts.rule;
		boolean redial = rule != null && c.attempt - 1 < rule.maxTimes()
				&& (rule.hangupCauses().contains(cause) || rule.callStatuses().contains(outcome.word()));
		Instant end = h.at().isBefore(c.startAt) ? c.startAt : h.at();
		UUID userId = c.userId != null ? c.userId : ts != null ? ts.task.userId() : null;
		batch.finishes.add(new AttemptLog.Finish(c.callId, c.taskId, userId, c.numberId, c.lineId, c.answeredAt != null,
				answeredAt, end, (int) Duration.between(c.startAt, end).toSeconds(), bill, cause, outcome, status,
				redial ? "pending" : "done", redial ? end.plus(Duration.ofMinutes(rule.intervalMinutes())) : null));
		if (c.counted) {
			freeSlots(c);
			if (ts != null && ts.task.callPauseSecond() > 0) {
				ts.resting.add(now.plusSeconds(ts.task.callPauseSecond()));
			}
		}
	}

	// ---------------------------------------------------------------- writing

	/** What the task list shows: whether each task is dialing now, and the size of its batch. */
	private void states(Instant now) {
		for (TaskState ts : tasks.values()) {
			boolean dialing = ts.open && (!ts.batch.isEmpty() || ts.calls > 0);
			boolean flipped = ts.writtenDialing == null || ts.writtenDialing != dialing;
			if (flipped || (statesDue && ts.writtenBatch != ts.batch.size())) {
				batch.states.add(new RuntimeState(ts.task.id(), ts.task.userId(), dialing, ts.batch.size(), null));
				ts.writtenDialing = dialing;
				ts.writtenBatch = ts.batch.size();
			}
			if (flipped) {
				for (DialLine dl : ts.task.lines()) {
					batch.counts(ts.task.id(), dl.lineId()).callStatus = dialing && usable(lines.get(dl.lineId())) ? 1 : 0;
				}
			}
		}
		statesDue = false;
	}

	/**
	 * Hands the batch to the writer: its own thread in production, so pacing never waits for the
	 * database (a write in progress lets the next batch grow meanwhile); inline when the engine is
	 * stepped by hand. Calls are placed by the writer only after their batch committed.
	 */
	private void flush(Instant now) {
		applyWritten();
		if (batch.isEmpty() || (writing != null && !writing.isDone())) {
			return;
		}
		Batch b = batch;
		List<OriginateRequest> place = toPlace;
		batch = new Batch();
		toPlace = new ArrayList<>();
		if (writer == null) {
			written.add(write(b, place, now));
			applyWritten();
		}
		else {
			writing = writer.submit(() -> {
				written.add(write(b, place, now));
				arrived();
			});
		}
	}

	/** What a write did: which starts took ({@code ok}), or the failure that wrote nothing. */
	private record Written(Batch batch, List<OriginateRequest> place, boolean[] ok, RuntimeException failure) {
	}

	/** On the writer's thread: one transaction, then the calls it opened go to the gateway. */
	private Written write(Batch b, List<OriginateRequest> place, Instant now) {
		boolean[] ok;
		try {
			ok = attempts.write(b, settings.nodeId(), now);
		}
		catch (RuntimeException ex) {
			return new Written(b, place, null, ex);
		}
		for (int i = 0; i < place.size(); i++) {
			if (!ok[i]) {
				continue;
			}
			try {
				gateway.originate(place.get(i));
			}
			catch (RuntimeException ex) {
				log.warn("Gateway refused call {}: {}", place.get(i).callId(), ex.toString());
				events.add(new CallEvent.HungUp(place.get(i).callId(), clock.instant(), "GATEWAY_DOWN", null, 0, null));
			}
		}
		return new Written(b, place, ok, null);
	}

	/** On the engine's thread: the outcome of finished writes. */
	private void applyWritten() {
		Written w;
		while ((w = written.poll()) != null) {
			if (w.failure() != null) {
				// Nothing was written and no call placed: the batch goes again, before what came since.
				log.warn("Dialer write failed ({} starts, {} ends); retrying: {}", w.batch().starts.size(),
						w.batch().finishes.size(), w.failure().toString());
				writeFailing = true;
				batch = w.batch().followedBy(batch);
				List<OriginateRequest> place = new ArrayList<>(w.place());
				place.addAll(toPlace);
				toPlace = place;
				continue;
			}
			writeFailing = false;
			for (int i = 0; i < w.place().size(); i++) {
				CallState c = calls.get(w.place().get(i).callId());
				if (!w.ok()[i]) {
					undo(c);
				}
				else if (c != null) {
					c.placed = true;
				}
			}
		}
	}

	/** Waits for the write in progress, if any (shutting down). */
	private void awaitWriter() {
		if (writing == null) {
			return;
		}
		try {
			writing.get(10, java.util.concurrent.TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.TimeoutException ex) {
			log.warn("Dialer write still running after 10 s at shutdown");
		}
		catch (java.util.concurrent.ExecutionException ex) {
			log.warn("Dialer write failed at shutdown: {}", ex.getCause().toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		applyWritten();
	}

	/** A start that did not take (its number was no longer ours): as if never paced. */
	private void undo(CallState c) {
		if (c == null) {
			return;
		}
		calls.remove(c.callId);
		freeSlots(c);
	}

	/** A counted call no longer holds a slot of its task and of its line. */
	private void freeSlots(CallState c) {
		LineState ls = lines.get(c.lineId);
		if (ls != null) {
			ls.calls--;
		}
		TaskState ts = tasks.get(c.taskId);
		if (ts != null) {
			ts.calls--;
			ts.callsByLine.merge(c.lineId, -1, Integer::sum);
		}
	}

	private void heartbeat(Instant now) {
		nextHeartbeat = now.plus(heartbeatEvery());
		try {
			if (!nodes.heartbeat(settings.nodeId(), now)) {
				// Another node thought this one dead and took over its calls: it closes them, not we.
				log.error("Dialer node {} was taken over by another node (missed heartbeats); registering again",
						settings.nodeId());
				nodes.register(settings.nodeId(), now);
			}
			for (DialerNodes.Dead dead : nodes.deadNodes(settings.nodeId(), now.minus(settings.nodeTimeout()))) {
				nodes.takeOver(dead.nodeId(), settings.nodeId(), now)
					.ifPresent(lost -> closeLost(dead.nodeId(), 0, lost, dead.lastHeartbeat()));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Dialer heartbeat failed: {}", ex.toString());
		}
	}

	private Duration heartbeatEvery() {
		return settings.nodeTimeout().dividedBy(3);
	}

	// ---------------------------------------------------------------- state

	private final class TaskState {

		DialTask task;

		RecycleRule rule;

		final ArrayDeque<ClaimedNumber> batch = new ArrayDeque<>();

		final Map<UUID, Integer> callsByLine = new HashMap<>();

		/** When slots resting after a call (call_pause_second) can be used again. */
		final PriorityQueue<Instant> resting = new PriorityQueue<>();

		final TokenBucket cps = new TokenBucket(1);

		int calls;

		long lastServed;

		boolean open;

		Boolean writtenDialing;

		int writtenBatch = -1;

		Instant nextClaim = Instant.MIN;

		final NumberClaims.Cursor cursor = new NumberClaims.Cursor();

		/** The next claim starts from the beginning of the order (numbers went back, the order changed). */
		boolean cursorReset;

		/** A claim for this task is in progress. */
		boolean claiming;

		/** A pause or restart was asked of the database since the task was last read. */
		boolean lifecycleSent;

		/** May dial now and holds claimed numbers: what each tick paces. */
		boolean hasNumbersToPace() {
			return open && !batch.isEmpty();
		}

		void update(DialTask t) {
			lifecycleSent = false;
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

		void rest(Instant now) {
			while (!resting.isEmpty() && !resting.peek().isAfter(now)) {
				resting.poll();
			}
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

	private static final class LineState {

		Line line;

		final TokenBucket cps = new TokenBucket(1);

		int calls;

		/** Capacity kept for paused tasks (end_action 2). */
		int reserved;

		void update(Line l) {
			line = l;
			if (cps.rate() != l.cps()) {
				cps.setRate(l.cps());
			}
		}

	}

	private static final class CallState {

		final UUID callId;

		final long taskId;

		final UUID userId;

		final long numberId;

		final UUID lineId;

		final int attempt;

		final Instant startAt;

		/** Counted against its task's and line's limits (false for calls recovered from a dead node). */
		final boolean counted;

		Instant answeredAt;

		boolean placed;

		boolean cancelRequested;

		CallState(UUID callId, long taskId, UUID userId, long numberId, UUID lineId, int attempt, Instant startAt,
				boolean counted) {
			this.callId = callId;
			this.taskId = taskId;
			this.userId = userId;
			this.numberId = numberId;
			this.lineId = lineId;
			this.attempt = attempt;
			this.startAt = startAt;
			this.counted = counted;
			this.placed = !counted;
		}

	}

}
