package io.calltask.dialer.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * This instance's part in the cluster: it holds its node id (refusing the id of a live instance),
 * beats, and is the dialer's leader or a standby. Its own thread (the keeper) beats and renews the
 * lease every fifth of {@code calltask.dialer.lease-timeout}; a standby tries to take the lease at
 * the same pace, at least every second. A leader's term is good until {@link ClusterSettings#stopBefore()}
 * before the lease could expire, counted on the local monotonic clock from the moment it sent its
 * last successful renewal: past that, {@link #current()} is empty and the dialer stops, before any
 * other node can take the lease.
 * <p>
 * On the embedded database (one process only: its file is locked) this instance takes the lease at
 * once, whoever held it.
 */
public class DialerRole implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DialerRole.class);

	private final ClusterSettings settings;

	private final NodeRegistry nodes;

	private final DialerLease lease;

	private final Clock clock;

	private final boolean exclusive;

	private final UUID incarnation = UUID.randomUUID();

	private ScheduledExecutorService keeper;

	/** The term this instance holds, or null (standby). Set by the keeper only; cleared by either. */
	private final AtomicReference<Term> term = new AtomicReference<>();

	/** {@link System#nanoTime()} past which {@link #term} is no longer good. */
	private volatile long goodUntil;

	/** Another instance took this node id while this one was not beating: this one never leads again. */
	private volatile boolean idLost;

	private volatile Runnable onChange;

	private volatile boolean running;

	private long nextBeat;

	private long nextRenew;

	private long nextTry;

	private long lastFailureLog;

	private boolean tookOnce;

	/** {@code dataSource}: the database of {@code lease}. */
	public DialerRole(ClusterSettings settings, DialerLease lease, DataSource dataSource, Clock clock) {
		this.settings = settings;
		this.nodes = new NodeRegistry(JdbcClient.create(dataSource));
		this.lease = lease;
		this.clock = clock;
		this.exclusive = DialerLease.embedded(dataSource);
	}

	public String nodeId() {
		return settings.nodeId();
	}

	/** The term this instance leads under, if it leads and the term is still good; else null. */
	public Term current() {
		Term t = term.get();
		return t != null && System.nanoTime() - goodUntil < 0 ? t : null;
	}

	/** Whether {@code t} is the term this instance leads under, still good: checked right before each originate. */
	public boolean holds(Term t) {
		return t != null && t == term.get() && System.nanoTime() - goodUntil < 0;
	}

	/** A write of {@code t} was fenced off: that term is over. */
	public void lost(Term t) {
		if (t == null || !term.compareAndSet(t, null)) {
			return;
		}
		log.warn("Dialer node {} lost the lease (term {}): a write was refused; standing by", t.nodeId(), t.token());
		changed();
	}

	/** Told (from the keeper's thread) whenever this instance becomes the leader or stops being it. */
	public void onChange(Runnable listener) {
		this.onChange = listener;
	}

	/**
	 * Takes the node id (refused if a live instance has it) and, before returning, tries the lease
	 * once: a single instance leads as soon as it is up.
	 */
	@Override
	public synchronized void start() {
		if (running) {
			return;
		}
		Duration beat = settings.beatEvery();
		nodes.register(settings.cluster(), settings.nodeId(), incarnation, clock.instant(),
				settings.leaseTimeout().multipliedBy(3), beat.multipliedBy(2).plusSeconds(1));
		idLost = false;
		running = true;
		long now = System.nanoTime();
		nextBeat = now + beat.toNanos();
		nextTry = now;
		step();
		keeper = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread t = new Thread(r, "dialer-role");
			t.setDaemon(true);
			return t;
		});
		long every = Math.min(beat.toMillis(), 1000) / 4 + 1;
		keeper.scheduleWithFixedDelay(this::step, every, every, TimeUnit.MILLISECONDS);
		log.info("Dialer node {} in cluster {}: {} (lease timeout {} s)", settings.nodeId(), settings.cluster(),
				term.get() != null ? "leader" : "standby", settings.leaseTimeout().toSeconds());
	}

	/**
	 * One round of the keeper: beat, renew or try the lease, whichever is due, then stand down if the
	 * term is past its end. Never throws. (The engine does not wait for this round: {@link #current()}
	 * reads the clock itself.)
	 */
	synchronized void step() {
		if (!running) {
			return;
		}
		long now = System.nanoTime();
		if (now - nextBeat >= 0) {
			nextBeat = now + settings.beatEvery().toNanos();
			attempt(this::beat);
		}
		Term t = term.get();
		if (t != null && now - nextRenew >= 0) {
			attempt(() -> renew(t, now));
		}
		else if (t == null && !idLost && now - nextTry >= 0) {
			nextTry = now + Math.min(settings.beatEvery().toNanos(), TimeUnit.SECONDS.toNanos(1));
			attempt(() -> tryLease(now));
		}
		if (t != null && System.nanoTime() - goodUntil >= 0 && term.compareAndSet(t, null)) {
			log.warn("Dialer node {} could not renew the lease for {} ms (term {}): dialing stopped, standing by",
					t.nodeId(), settings.leaseTimeout().minus(settings.stopBefore()).toMillis(), t.token());
			changed();
		}
	}

	/** Runs a database round, logging a failure at most every 10 s (the database may be away for a while). */
	private void attempt(Runnable round) {
		try {
			round.run();
		}
		catch (RuntimeException ex) {
			long ms = System.currentTimeMillis();
			if (ms - lastFailureLog > 10_000) {
				lastFailureLog = ms;
				log.warn("Dialer node {}: cluster round failed: {}", settings.nodeId(), ex.toString());
			}
		}
	}

	private void beat() {
		if (nodes.beat(settings.nodeId(), incarnation, clock.instant())) {
			return;
		}
		if (nodes.reclaim(settings.cluster(), settings.nodeId(), incarnation, clock.instant())) {
			log.warn("Dialer node {} was taken for dead (missed heartbeats) and registered again", settings.nodeId());
			return;
		}
		idLost = true;
		Term t = term.getAndSet(null);
		log.error("Dialer node {}: another instance took this node id while this one was not beating (paused?). "
				+ "This instance serves the API but no longer dials; restart it.", settings.nodeId());
		if (t != null) {
			changed();
		}
	}

	private void tryLease(long sent) {
		boolean first = exclusive && !tookOnce;
		lease.acquire(settings.cluster(), settings.nodeId(), settings.leaseTimeout(), first).ifPresent(t -> {
			tookOnce = true;
			goodUntil = sent + settings.leaseTimeout().minus(settings.stopBefore()).toNanos();
			nextRenew = sent + settings.beatEvery().toNanos();
			term.set(t);
			log.info("Dialer node {} is the leader (term {}, took over from {})", t.nodeId(), t.token(),
					t.previousHolder() == null ? "nobody" : t.previousHolder());
			changed();
		});
	}

	private void renew(Term t, long sent) {
		nextRenew = sent + settings.beatEvery().toNanos();
		if (lease.renew(t, settings.leaseTimeout())) {
			if (term.get() == t) {
				goodUntil = sent + settings.leaseTimeout().minus(settings.stopBefore()).toNanos();
			}
			return;
		}
		if (term.compareAndSet(t, null)) {
			log.warn("Dialer node {} lost the lease (term {}): it expired or passed to another node; standing by",
					t.nodeId(), t.token());
			changed();
		}
	}

	private void changed() {
		Runnable listener = onChange;
		if (listener != null) {
			listener.run();
		}
	}

	/**
	 * Stops the keeper and gives the lease up, so that a standby takes over at its next try; the id is
	 * free at once. Runs after the dialer has stopped (its last writes need the lease).
	 */
	@Override
	public void stop() {
		ScheduledExecutorService k;
		synchronized (this) {
			if (!running) {
				return;
			}
			running = false;
			k = keeper;
			keeper = null;
		}
		k.shutdownNow();
		try {
			k.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Term t = term.getAndSet(null);
		try {
			if (t != null) {
				lease.release(t);
			}
			nodes.stopped(settings.nodeId(), incarnation);
		}
		catch (RuntimeException ex) {
			log.warn("Dialer node {}: could not give the lease back at shutdown ({}); it expires in {} s",
					settings.nodeId(), ex.toString(), settings.leaseTimeout().toSeconds());
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Starts before the dialer (which needs to know its role) and stops after it. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 2000;
	}

}
