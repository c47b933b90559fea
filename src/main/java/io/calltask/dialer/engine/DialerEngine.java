package io.calltask.dialer.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.catalog.Catalog;
import io.calltask.dialer.cluster.DialerRole;
import io.calltask.dialer.cluster.LeaseLostException;
import io.calltask.dialer.cluster.Term;
import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.dialer.spi.OpenCall;
import io.calltask.line.Lines;
import io.calltask.seat.SeatBoardStore;
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
 * <p>
 * It dials only while its instance leads ({@link DialerRole}), under that leadership's term: every
 * write is fenced with the term, and the parts are made afresh for each term, so a term that ends
 * (the lease lost) leaves nothing behind in memory; the next leader takes over what it left in the
 * database.
 */
public class DialerEngine {

	private static final Logger log = LoggerFactory.getLogger(DialerEngine.class);

	private final Settings settings;

	private final DialerRole role;

	private final CallGateway gateway;

	private final List<ClockDriven> clockDriven;

	/** What the engine reads and writes. */
	private final Stores stores;

	private final Clock clock;

	private final DateTimes time;

	private final DialerMetrics metrics;

	private Instant nextPublish = Instant.MIN;

	private final WorkerThread reader;

	private final WorkerThread writerThread;

	private Pacer pacer;

	// The parts of one term: made afresh when a term begins, dropped with what they held when it ends.

	/** Volatile: told of task writes from the web's threads. */
	private volatile TaskRefresh refresh;

	private TrackedTasks tasks;

	private TrackedLines lines;

	private NumberSupply supply;

	private AttemptWriter writer;

	private CallsInProgress calls;

	/** Answered calls that go to a person, and the seats: volatile, asked from the web's threads. */
	private volatile Transfers transfers;

	/** Where the gateway's threads hand events: the current term's calls, or nobody while standing by. */
	private volatile CallsInProgress events;

	private NodeRecovery recovery;

	private LongConsumer cancelRinging;

	/** The term this engine dials under; null while standing by. */
	private Term term;

	private boolean gatewayStarted;

	/** Told when something arrives that the next tick should see now (the runner's wake-up). */
	private volatile Runnable onWork;

	/** What the engine reads and writes, beans of the dialer and of the modules it runs on. */
	record Stores(TaskRuntime tasks, Lines lines, Catalog catalog, SeatBoardStore seats, NumberClaims claims,
			AttemptLog attempts, DialerNodes nodes) {
	}

	/** The engine's settings: {@code calltask.dialer.*}, {@code calltask.seats.*}, {@code calltask.pacing.*}. */
	record Settings(DialerSettings dialer, TransferSettings transfers, PacingSettings pacing) {
	}

	DialerEngine(Settings settings, DialerRole role, CallGateway gateway, List<ClockDriven> clockDriven,
			Stores stores, Clock clock, DateTimes time, DialerMetrics metrics, WorkerThread reader, WorkerThread writer) {
		this.settings = settings;
		this.role = role;
		this.gateway = gateway;
		this.clockDriven = List.copyOf(clockDriven);
		this.stores = stores;
		this.clock = clock;
		this.time = time;
		this.metrics = metrics;
		this.reader = reader;
		this.writerThread = writer;
	}

	/** Makes the parts of term {@code t}. */
	private void parts(Term t) {
		this.refresh = new TaskRefresh(stores.tasks(), stores.lines(), stores.catalog(), stores.seats(), reader,
				settings.dialer().refresh(), this::arrived);
		this.tasks = new TrackedTasks(stores.tasks(), time.zone(), writerThread, this::taskChanged);
		this.lines = new TrackedLines();
		this.supply = new NumberSupply(stores.claims(), settings.dialer(), t, role, reader, this::arrived);
		this.writer = new AttemptWriter(stores.attempts(), gateway, writerThread, t, role, clock, this::received,
				this::arrived);
		SeatPaced seatPaced = new SeatPaced(time.zone());
		this.transfers = new Transfers(gateway, new SeatBoard(new java.util.Random()), settings, metrics, ask -> {
			received(ask);
			arrived();
		}, seatPaced);
		this.calls = new CallsInProgress(tasks, lines, gateway, this.writer, supply, transfers, seatPaced);
		this.pacer = new Pacer(seatPaced, CallEligibility.workHours(time.zone()));
		this.events = calls;
		this.cancelRinging = calls::cancelRinging;
		this.recovery = new NodeRecovery(stores.nodes(), settings.dialer(), clock, calls, lines, gateway, t, this::rereadNow,
				reader, this::arrived);
	}

	// ---------------------------------------------------------------- life cycle

	/**
	 * Begins a term if this instance leads and no term runs: takes over what the previous leader and
	 * this node's earlier runs left (see {@link NodeRecovery}); their open calls are adopted. The
	 * gateway is started once: at the first term with the calls to adopt (followed from its first
	 * connection, so none of their events is missed), or at once on a standby (its health then shows
	 * whether the switch can be reached before it leads); later terms hand it the calls to adopt.
	 */
	public synchronized void start() {
		if (term != null) {
			return;
		}
		Term t = role.current();
		if (t == null) {
			startGateway(List.of());
			return;
		}
		parts(t);
		List<OpenCall> open;
		try {
			open = recovery.begin(clock.instant());
		}
		catch (RuntimeException ex) {
			events = null; // nothing taken over: the next tick tries again, under this term or the next
			if (ex instanceof LeaseLostException) {
				role.lost(t);
			}
			throw ex;
		}
		if (gatewayStarted) {
			open.forEach(gateway::adopt);
		}
		else {
			startGateway(open);
		}
		term = t;
		log.info("Dialer node {} dialing (term {})", t.nodeId(), t.token());
	}

	private void startGateway(List<OpenCall> open) {
		if (!gatewayStarted) {
			gateway.start(role.nodeId(), open, event -> {
				received(event);
				arrived();
			});
			gatewayStarted = true;
		}
	}

	/**
	 * Ends the term cleanly (shutting down): writes what is left and gives claimed numbers back; calls
	 * in progress are adopted by the next leader.
	 */
	public synchronized void stop() {
		if (term == null) {
			return;
		}
		writer.await(calls);
		List<Long> held = new ArrayList<>();
		// Calls paced but never written (a failing database): not placed now, their numbers go back.
		for (AttemptBatch.Start start : writer.dropStarts()) {
			calls.undo(start.call().callId());
			held.add(start.call().numberId());
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
		supply.release(held, clock.instant());
		events = null;
		term = null;
	}

	/**
	 * Ends a term that is over (the lease lost or passed): nothing more is written or placed; what it
	 * held is the next term's to take over, whichever node leads it. Waits (boundedly) for the write
	 * and reads under way, so that none of them runs beside the next term's takeover.
	 */
	private void abandon() {
		log.warn("Dialer node {} stopped dialing: term {} is over; {} calls in progress left to the next leader",
				term.nodeId(), term.token(), calls.size());
		events = null;
		writer.await(calls);
		if (!reader.drain(Duration.ofSeconds(5))) {
			log.warn("Dialer reads still running 5 s after the term ended");
		}
		metrics.inProgress(Map.of());
		term = null;
	}

	/**
	 * A call event, from the gateway's threads or the writer's (a call the gateway refused); dropped
	 * while standing by.
	 */
	private void received(CallEvent event) {
		CallsInProgress to = events;
		if (to != null) {
			to.receive(event);
		}
	}

	/** Task writes make the engine reread tasks on its next tick. */
	void taskChanged() {
		TaskRefresh r = refresh;
		if (r != null) {
			r.want();
		}
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
		return term != null && (calls.pending() || refresh.pending() || supply.pending() || writer.pending()
				|| tasks.anyToPace());
	}

	// ---------------------------------------------------------------- the tick

	/**
	 * One round of the engine: nothing but a look at the role while standing by. Safe to call from
	 * one thread at a time; tests call it directly.
	 */
	public synchronized void tick() {
		if (term != null && role.current() != term) {
			abandon();
		}
		if (term == null) {
			start();
			if (term == null) {
				return;
			}
		}
		Instant now = clock.instant();
		for (ClockDriven driven : clockDriven) {
			driven.advanceTo(now);
		}
		if (refresh.due(now)) {
			refresh(now);
		}
		applyLoaded();
		recovery.adoptTakenOver();
		calls.drainEvents(now);
		calls.transfersTick(now);
		Transfers x = transfers;
		tasks.lifecycle(now, cancelRinging, t -> x.seatless(t, now));
		if (refresh.wanted()) { // a task paused or restarted (at once when the engine is stepped by hand)
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
		recovery.sweep(now);
		if (!now.isBefore(nextPublish)) {
			nextPublish = now.plusSeconds(1);
			metrics.inProgress(lines.callsByLine());
			metrics.seats(transfers.board().countsByGroup());
		}
	}

	/** Whether this engine dials now (its instance leads). */
	public synchronized boolean dialing() {
		return term != null;
	}

	/** The API asks for a call to go to a person: false on a standby, or if already asked (any thread). */
	public boolean requestTransfer(java.util.UUID callId) {
		Transfers x = transfers;
		return x != null && events != null && x.request(callId, clock.instant());
	}

	/** Whether this engine dials now, without waiting for its tick (any thread). */
	public boolean dialingNow() {
		return events != null;
	}

	/** Calls placed and not yet ended, over all tasks. */
	public synchronized int callsInProgress() {
		return term == null ? 0 : calls.size();
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
		calls.seatsRead(l.seats(), clock.instant());
		lines.apply(l.lineRows());
		lines.reserve(tasks);
		Set<Long> withCalls = calls.taskIds();
		tasks.endWhenEmpty(withCalls, writer.endsToWrite());
		tasks.forgetIdle(withCalls);
	}

}
