package io.calltask.dialer.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.catalog.Catalog;
import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.dialer.spi.OpenCall;
import io.calltask.line.Lines;
import io.calltask.task.TaskRuntime;
import io.calltask.time.DateTimes;

/**
 * The engine. One thread calls {@link #tick()} every few milliseconds; each tick takes in what the
 * gateway reported, rereads tasks when they changed, claims numbers for the tasks that may dial
 * now, paces originates inside every task and line limit, writes everything in one transaction
 * and only then hands the calls to the gateway, so a crash never leaves a call nobody can account
 * for. Time is the injected clock's, so tests step through days of schedule without sleeping.
 *
 * <p>This class is the tick's order; each step is a part of its own: {@link TaskRefresh},
 * {@link TrackedTasks}, {@link TrackedLines}, {@link NumberSupply}, {@link Pacer},
 * {@link CallsInProgress}, {@link AttemptWriter} and {@link NodeRecovery}. The reads and writes run
 * on the two {@link WorkerThread}s given.
 */
public class DialerEngine {

	private static final Logger log = LoggerFactory.getLogger(DialerEngine.class);

	private final CallGateway gateway;

	private final List<ClockDriven> clockDriven;

	private final Clock clock;

	private final WorkerThread reader;

	private final TaskRefresh refresh;

	private final TrackedTasks tasks;

	private final TrackedLines lines = new TrackedLines();

	private final NumberSupply supply;

	private final Pacer pacer = new Pacer();

	private final AttemptWriter writer;

	private final CallsInProgress calls;

	private final NodeRecovery recovery;

	private final LongConsumer cancelRinging;

	/** This dialer node's id: its claims and calls carry it. */
	private final String nodeId;

	private boolean gatewayStarted;

	private boolean started;

	/** Told when something arrives that the next tick should see now (the runner's wake-up). */
	private volatile Runnable onWork;

	DialerEngine(DialerSettings settings, CallGateway gateway, List<ClockDriven> clockDriven, TaskRuntime taskRuntime,
			Lines lineDirectory, Catalog catalog, NumberClaims claims, AttemptLog attempts, DialerNodes nodes,
			Clock clock, DateTimes time, WorkerThread reader, WorkerThread writer) {
		this.gateway = gateway;
		this.nodeId = settings.nodeId();
		this.clockDriven = List.copyOf(clockDriven);
		this.clock = clock;
		this.reader = reader;
		this.refresh = new TaskRefresh(taskRuntime, lineDirectory, catalog, reader, settings.refresh(), this::arrived);
		this.tasks = new TrackedTasks(taskRuntime, time.zone());
		this.supply = new NumberSupply(claims, settings, reader, this::arrived);
		this.writer = new AttemptWriter(attempts, gateway, writer, settings.nodeId(), clock,
				this::received, this::arrived);
		this.calls = new CallsInProgress(tasks, lines, gateway, this.writer);
		this.cancelRinging = calls::cancelRinging;
		this.recovery = new NodeRecovery(nodes, settings, clock, calls, lines, gateway, this::rereadNow);
	}

	// ---------------------------------------------------------------- life cycle

	/**
	 * Registers this node and recovers what it left behind last time it ran (see
	 * {@link NodeRecovery}): the calls it left open are adopted. The gateway is started once: after a
	 * restart of the engine it goes on as it was, and adopts them.
	 */
	public synchronized void start() {
		if (started) {
			return;
		}
		List<OpenCall> open = recovery.register(clock.instant());
		if (!gatewayStarted) {
			// The calls left open are followed from the gateway's first connection: none of their events is missed.
			gateway.start(nodeId, open, event -> {
				received(event);
				arrived();
			});
			gatewayStarted = true;
		}
		else {
			open.forEach(gateway::adopt);
		}
		started = true;
	}

	/** Gives claimed numbers back; calls in progress are closed as lost when a node next starts. */
	public synchronized void stop() {
		if (!started) {
			return;
		}
		writer.await(calls);
		List<Long> held = new ArrayList<>();
		// Calls paced but never written (a failing database): not placed now, their numbers go back.
		for (AttemptBatch.Start start : writer.dropStarts()) {
			calls.undo(start.callId());
			held.add(start.numberId());
		}
		tasks.notDialing(writer.batch());
		writer.flush(clock.instant(), calls);
		writer.await(calls);
		writer.stopped();
		if (!reader.drain(Duration.ofSeconds(5))) {
			log.warn("Dialer reads still running 5 s after stop");
		}
		refresh.stopped();
		supply.stop(tasks, held);
		supply.giveBack(held, clock.instant());
		started = false;
	}

	/** A call event, from the gateway's threads or the writer's (a call the gateway refused). */
	private void received(CallEvent event) {
		calls.receive(event);
	}

	/** Task writes make the engine reread tasks on its next tick. */
	void taskChanged() {
		refresh.want();
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
		return calls.pending() || refresh.pending() || supply.pending() || writer.pending() || tasks.anyToPace();
	}

	// ---------------------------------------------------------------- the tick

	/** One round of the engine. Safe to call from one thread at a time; tests call it directly. */
	public synchronized void tick() {
		if (!started) {
			start();
		}
		Instant now = clock.instant();
		for (ClockDriven driven : clockDriven) {
			driven.advanceTo(now);
		}
		if (refresh.due(now)) {
			refresh(now);
		}
		applyLoaded();
		calls.drainEvents(now);
		if (tasks.lifecycle(now, cancelRinging)) {
			refresh(now);
			applyLoaded();
		}
		lines.checkNodes(gateway);
		tasks.open(now, lines);
		supply.giveBackClosed(tasks, now);
		supply.claim(tasks, now);
		writer.applyWritten(calls);
		if (!writer.failing()) {
			pacer.pace(tasks, lines, now, calls);
		}
		tasks.states(writer.batch(), lines);
		writer.flush(now, calls);
		recovery.heartbeat(now);
	}

	/** Calls placed and not yet ended, over all tasks. */
	public synchronized int callsInProgress() {
		return calls.size();
	}

	// ---------------------------------------------------------------- rereads

	private void refresh(Instant now) {
		if (!refresh.inProgress()) { // else the reread in progress will do
			refresh.start(now, trackedTasks(), calls.lineIds());
		}
	}

	/** Tasks the engine holds state for, and the tasks of its calls (a recovered call's may be untracked). */
	private Set<Long> trackedTasks() {
		Set<Long> tracked = new HashSet<>(tasks.ids());
		tracked.addAll(calls.taskIds());
		return tracked;
	}

	private void applyLoaded() {
		TaskRefresh.Loaded l;
		while ((l = refresh.poll()) != null) {
			apply(l);
		}
	}

	private void rereadNow(Instant now) {
		apply(refresh.load(now, trackedTasks(), calls.lineIds()));
		refresh.want();
	}

	private void apply(TaskRefresh.Loaded l) {
		tasks.apply(l);
		lines.apply(l.lineRows());
		lines.reserve(tasks);
		Set<Long> withCalls = calls.taskIds();
		if (tasks.endWhenEmpty(withCalls, writer.endsToWrite())) {
			refresh.want();
		}
		tasks.forgetIdle(withCalls);
	}

}
