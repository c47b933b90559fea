package io.calltask.dialer.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.dialer.cluster.DialerRole;
import io.calltask.dialer.cluster.LeaseLostException;
import io.calltask.dialer.cluster.Term;
import io.calltask.dialer.engine.NumberClaims.ClaimedNumber;

/**
 * The supply of claimed numbers: tops up the batch of every task that may dial and runs low, and
 * gives back what a task that may not dial now holds, so nothing sits claimed while nobody dials it.
 * Claims run on the reader's thread (one at a time per task) and land on a later tick; inline when
 * the engine is stepped by hand.
 */
final class NumberSupply {

	private static final Logger log = LoggerFactory.getLogger(NumberSupply.class);

	/** What a claim brought for a task, or why it failed. */
	private record Claimed(long taskId, List<ClaimedNumber> numbers, int wanted, RuntimeException failure) {
	}

	private final NumberClaims claims;

	private final DialerSettings settings;

	private final WorkerThread reader;

	/** Told when a claim finished (the runner's wake-up). */
	private final Runnable arrived;

	private final ConcurrentLinkedQueue<Claimed> claimed = new ConcurrentLinkedQueue<>();

	/** The term this supply claims under. */
	private final Term term;

	private final DialerRole role;

	NumberSupply(NumberClaims claims, DialerSettings settings, Term term, DialerRole role, WorkerThread reader,
			Runnable arrived) {
		this.claims = claims;
		this.settings = settings;
		this.term = term;
		this.role = role;
		this.reader = reader;
		this.arrived = arrived;
	}

	/** Claims finished and not yet applied. */
	boolean pending() {
		return !claimed.isEmpty();
	}

	/** Tasks that may not dial now give their batch back. */
	void giveBackClosed(Iterable<TrackedTask> tasks, Instant now) {
		List<Long> back = new ArrayList<>();
		for (TrackedTask ts : tasks) {
			if (!ts.open() && ts.hasNumbers()) {
				back.addAll(ts.takeBatch()); // what went back comes first again
			}
		}
		giveBack(back, now);
	}

	/**
	 * Claimed numbers back to the queue, on the reader's thread (the pacing thread never waits for the
	 * database); if the database fails, they stay claimed until this node restarts.
	 */
	void giveBack(List<Long> numberIds, Instant now) {
		if (numberIds.isEmpty()) {
			return;
		}
		List<Long> ids = List.copyOf(numberIds);
		reader.submit(() -> release(ids, now));
	}

	/** Claimed numbers back to the queue at once, on the caller's thread (the engine stops). */
	void release(List<Long> numberIds, Instant now) {
		if (numberIds.isEmpty()) {
			return;
		}
		try {
			claims.release(numberIds, term.nodeId(), now);
		}
		catch (RuntimeException ex) {
			log.warn("Could not give back {} claimed numbers; they go back when this node next starts: {}",
					numberIds.size(), ex.toString());
		}
	}

	/** Starts a claim for every task that may dial and holds half its target or less; applies finished claims. */
	void claim(TrackedTasks tasks, Instant now) {
		for (TrackedTask ts : tasks) {
			int target = Math.max(4, Math.min(settings.claimBatch(), ts.task().pacing().cps() * 2));
			if (!ts.wantsClaim(now, target)) {
				continue;
			}
			int wanted = target - ts.batchSize();
			boolean freshFirst = ts.rule() == null || ts.rule().firstCallFirst();
			long taskId = ts.task().id();
			java.util.UUID userId = ts.task().userId();
			int popMode = ts.task().pacing().popMode();
			NumberClaims.Cursor cursor = ts.claimStarts(); // touched only by the one claim of this task in progress
			reader.submit(() -> {
				try {
					claimed.add(new Claimed(taskId, claims.claim(taskId, userId, popMode, freshFirst, wanted, cursor, term, now),
							wanted, null));
				}
				catch (RuntimeException ex) {
					if (ex instanceof LeaseLostException) {
						role.lost(term);
					}
					claimed.add(new Claimed(taskId, List.of(), wanted, ex));
				}
				arrived.run();
			});
		}
		applyClaimed(tasks, now);
	}

	private void applyClaimed(TrackedTasks tasks, Instant now) {
		List<Long> back = new ArrayList<>();
		Claimed c;
		while ((c = claimed.poll()) != null) {
			TrackedTask ts = tasks.get(c.taskId());
			if (ts == null) {
				c.numbers().forEach(n -> back.add(n.id()));
			}
			else if (c.failure() != null) {
				ts.claimFailed(now);
				log.warn("Could not claim numbers of task {}: {}", ts.task().uuid(), c.failure().toString());
			}
			else if (!ts.claimed(c.numbers(), c.wanted(), now)) {
				c.numbers().forEach(n -> back.add(n.id())); // closed while the claim ran: straight back
			}
		}
		giveBack(back, now);
	}

	/**
	 * The engine stops: every task's batch, and what claims that finished since brought, go into
	 * {@code held} to be given back; no claim is in progress any more (the reader was drained).
	 */
	void stop(TrackedTasks tasks, List<Long> held) {
		held.addAll(tasks.stop());
		Claimed late;
		while ((late = claimed.poll()) != null) {
			late.numbers().forEach(n -> held.add(n.id()));
		}
	}

}
