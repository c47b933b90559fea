package io.calltask.dialer.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.calltask.dialer.cluster.DialerRole;
import io.calltask.dialer.cluster.LeaseLostException;
import io.calltask.dialer.cluster.Term;
import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.dialer.spi.OriginateRequest;

/**
 * The batched writer. What a tick did collects in one {@link AttemptBatch}; a flush hands it to the
 * writer's thread, which writes it in one transaction ({@link AttemptLog}) and only then hands the
 * calls it opened to the gateway, so a crash never leaves a call nobody can account for. A write in
 * progress lets the next batch grow meanwhile; a failed write goes again, ahead of what came since,
 * and no new call is paced until a write succeeds. Inline when the engine is stepped by hand.
 */
final class AttemptWriter {

	private static final Logger log = LoggerFactory.getLogger(AttemptWriter.class);

	/** Told, on the engine's thread, what became of each call of a written batch. */
	interface Placed {

		/** {@code ok}: its start was written and it went to the gateway; else its number was no longer ours. */
		void written(OriginateRequest call, boolean ok);

	}

	/** What a write did: which starts took ({@code ok}), or the failure that wrote nothing. */
	private record Written(AttemptBatch batch, List<OriginateRequest> place, boolean[] ok, RuntimeException failure) {
	}

	private final AttemptLog attempts;

	private final CallGateway gateway;

	private final WorkerThread writer;

	/** The term this writer writes under: its writes are fenced with it, its calls placed only while it holds. */
	private final Term term;

	private final DialerRole role;

	private final Clock clock;

	/** Where a call the gateway refused ends (its event queue). */
	private final Consumer<CallEvent> refused;

	/** Told when a write finished (the runner's wake-up). */
	private final Runnable arrived;

	/** Writes of this tick, or of earlier ticks whose transaction failed (retried until written). */
	private AttemptBatch batch = new AttemptBatch();

	/** The calls of {@code batch.starts}, in the same order: placed once their start is written. */
	private List<OriginateRequest> toPlace = new ArrayList<>();

	private Future<?> writing;

	private final ConcurrentLinkedQueue<Written> written = new ConcurrentLinkedQueue<>();

	/** The last write failed: no new calls are paced until a write succeeds again. */
	private boolean failing;

	AttemptWriter(AttemptLog attempts, CallGateway gateway, WorkerThread writer, Term term, DialerRole role, Clock clock,
			Consumer<CallEvent> refused, Runnable arrived) {
		this.attempts = attempts;
		this.gateway = gateway;
		this.writer = writer;
		this.term = term;
		this.role = role;
		this.clock = clock;
		this.refused = refused;
		this.arrived = arrived;
	}

	/** The batch the next flush writes (a new one after every flush: do not keep it). */
	AttemptBatch batch() {
		return batch;
	}

	/** A call to place once its start is written. */
	void start(AttemptBatch.Start start, OriginateRequest call) {
		batch.starts.add(start);
		toPlace.add(call);
	}

	boolean failing() {
		return failing;
	}

	/** Something to write, retry or apply. */
	boolean pending() {
		return !written.isEmpty() || failing || !batch.isEmpty();
	}

	/** Calls that ended are waiting to be written (a task's numbers are not out until they are). */
	boolean endsToWrite() {
		return !batch.finishes.isEmpty();
	}

	/** Hands the batch to the writer, unless a write is in progress (the batch then waits for the next flush). */
	void flush(Instant now, Placed placed) {
		applyWritten(placed);
		if ((batch.isEmpty() && !attempts.sweepsPending()) || (writing != null && !writing.isDone())) {
			return;
		}
		AttemptBatch b = batch;
		List<OriginateRequest> place = toPlace;
		batch = new AttemptBatch();
		toPlace = new ArrayList<>();
		writing = writer.submit(() -> {
			written.add(write(b, place, now));
			arrived.run();
		});
		applyWritten(placed); // inline: the write is done
	}

	/**
	 * On the writer's thread: one transaction, then the calls it opened go to the gateway, unless the
	 * term ended meanwhile (the next leader then finds them open, and not on the switch).
	 */
	private Written write(AttemptBatch b, List<OriginateRequest> place, Instant now) {
		boolean[] ok;
		try {
			ok = attempts.write(b, term, now);
		}
		catch (LeaseLostException ex) {
			role.lost(term);
			return new Written(b, place, null, ex);
		}
		catch (RuntimeException ex) {
			return new Written(b, place, null, ex);
		}
		for (int i = 0; i < place.size(); i++) {
			if (!ok[i]) {
				continue;
			}
			if (!role.holds(term)) { // checked right before each call: a leader past its term places nothing
				log.warn("Dialer term {} ended while its write was under way: {} calls written but not placed",
						term.token(), place.size() - i);
				break;
			}
			try {
				gateway.originate(place.get(i));
			}
			catch (RuntimeException ex) {
				log.warn("Gateway refused call {}: {}", place.get(i).callId(), ex.toString());
				refused.accept(CallEvent.HungUp.unanswered(place.get(i).callId(), clock.instant(), "GATEWAY_DOWN"));
			}
		}
		return new Written(b, place, ok, null);
	}

	/** On the engine's thread: the outcome of finished writes. */
	void applyWritten(Placed placed) {
		Written w;
		while ((w = written.poll()) != null) {
			if (w.failure() != null) {
				// Nothing was written and no call placed: the batch goes again, before what came since.
				log.warn("Dialer write failed ({} starts, {} ends); retrying: {}", w.batch().starts.size(),
						w.batch().finishes.size(), w.failure().toString());
				failing = true;
				batch = w.batch().followedBy(batch);
				List<OriginateRequest> place = new ArrayList<>(w.place());
				place.addAll(toPlace);
				toPlace = place;
				continue;
			}
			failing = false;
			for (int i = 0; i < w.place().size(); i++) {
				placed.written(w.place().get(i), w.ok()[i]);
			}
		}
	}

	/** Waits for the write in progress, if any, and applies it (shutting down). */
	void await(Placed placed) {
		if (writing != null && !writer.await(writing, Duration.ofSeconds(10))) {
			log.warn("Dialer write still running after 10 s at shutdown");
		}
		applyWritten(placed);
	}

	/** The starts not yet written, taken out of the batch: those calls are not placed (shutting down). */
	List<AttemptBatch.Start> dropStarts() {
		List<AttemptBatch.Start> starts = new ArrayList<>(batch.starts);
		batch.starts.clear();
		toPlace.clear();
		return starts;
	}

	/** The engine stopped and waited for its writer. */
	void stopped() {
		writing = null;
	}

}
