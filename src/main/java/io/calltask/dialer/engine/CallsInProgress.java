package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.calltask.dialer.callrecord.CallEnd;
import io.calltask.dialer.callrecord.CallOutcome;
import io.calltask.dialer.callrecord.CallStatusCode;
import io.calltask.dialer.engine.AttemptBatch.CallRef;
import io.calltask.dialer.engine.NumberClaims.ClaimedNumber;
import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.task.TaskRuntime.DialTask;

/**
 * Calls placed and not yet ended: opened by pacing, answered and ended by the gateway's events
 * (queued from any thread, applied on the engine's), each ending recorded with its outcome and what
 * becomes of its number (a redial, by the task's recycle rule, or done). An ended call frees its
 * slots; with {@code call_pause_second} its task's slot rests a while first.
 */
final class CallsInProgress implements Pacer.Originate, AttemptWriter.Placed {

	/** The tick's time, for the events applied in it. */
	private Instant now = Instant.MIN;

	/** Applies each event by its kind. */
	private final CallEvent.Handler handler = new CallEvent.Handler() {

		@Override
		public void answered(CallEvent.Answered event) {
			CallsInProgress.this.answered(event);
		}

		@Override
		public void hungUp(CallEvent.HungUp event) {
			CallsInProgress.this.hungUp(event, now);
		}

		@Override
		public void transferAsked(CallEvent.TransferAsked event) {
			CallInProgress c = calls.get(event.callId());
			if (c != null) {
				TrackedTask ts = tasks.get(c.ref.taskId());
				transfers.asked(c, ts == null ? null : ts.task(), event.at(), now);
			}
			else {
				transfers.unknownCall(event.callId());
			}
		}

		@Override
		public void seatAnswered(CallEvent.SeatAnswered event) {
			transfers.seatAnswered(event);
		}

		@Override
		public void seatMissed(CallEvent.SeatMissed event) {
			transfers.seatMissed(event, now);
		}

		@Override
		public void seatHungUp(CallEvent.SeatHungUp event) {
			transfers.seatHungUp(event);
		}

	};

	private final Map<UUID, CallInProgress> calls = new HashMap<>();

	private final ConcurrentLinkedQueue<CallEvent> events = new ConcurrentLinkedQueue<>();

	private final TrackedTasks tasks;

	private final TrackedLines lines;

	private final CallGateway gateway;

	private final AttemptWriter writer;

	/** Where numbers pacing may not dial now go (back to the queue). */
	private final NumberSupply supply;

	/** Answered calls that go to a person. */
	private final Transfers transfers;

	/** The capacity of tasks paced by their seats, which learns from these calls. */
	private final SeatPaced seatPaced;

	CallsInProgress(TrackedTasks tasks, TrackedLines lines, CallGateway gateway, AttemptWriter writer,
			NumberSupply supply, Transfers transfers, SeatPaced seatPaced) {
		this.seatPaced = seatPaced;
		seatPaced.pacesBy(transfers);
		this.tasks = tasks;
		this.lines = lines;
		this.gateway = gateway;
		this.writer = writer;
		this.supply = supply;
		this.transfers = transfers;
	}

	/** A reread of the seats: the first of a term finds the seats of the calls it adopted. */
	void seatsRead(SeatBoard.Read read, Instant now) {
		boolean first = !transfers.board().loaded();
		Set<UUID> open = new HashSet<>(calls.keySet());
		transfers.board().load(read, open, now);
		if (first) {
			transfers.adoptSeats(calls, now);
		}
	}

	/**
	 * The seats' time passes (wrap-ups, waits, rings); their changes go with the next write, and the
	 * tasks paced by seats share the seats as they now stand.
	 */
	void transfersTick(Instant now) {
		transfers.tick(now);
		seatPaced.prepare(tasks, now);
		AttemptBatch batch = writer.batch();
		seatPaced.views(batch.pacing);
		batch.seatChanges.addAll(transfers.board().drainChanges());
		java.util.Map<Long, Integer> waiting = transfers.waitingIfChanged();
		if (waiting != null) {
			batch.groupWaiting.putAll(waiting);
		}
	}

	/** From any thread: an event the gateway reported. */
	void receive(CallEvent event) {
		events.add(event);
	}

	int size() {
		return calls.size();
	}

	/** Calls up or events to apply. */
	boolean pending() {
		return !calls.isEmpty() || !events.isEmpty();
	}

	/** The tasks of the calls in progress (a recovered call's may be untracked). */
	Set<Long> taskIds() {
		Set<Long> ids = new HashSet<>();
		for (CallInProgress c : calls.values()) {
			ids.add(c.ref.taskId());
		}
		return ids;
	}

	Set<UUID> lineIds() {
		Set<UUID> ids = new HashSet<>();
		for (CallInProgress c : calls.values()) {
			ids.add(c.ref.lineId());
		}
		return ids;
	}

	/** Pacing handed out a call: it is recorded now and placed once its start is written. */
	@Override
	public void call(TrackedTask ts, TrackedLine tl, ClaimedNumber number, Instant now) {
		DialTask t = ts.task();
		CallRef ref = new CallRef(UUID.randomUUID(), t.id(), t.userId(), number.id(), tl.line.id());
		CallInProgress call = CallInProgress.paced(ref, number.attempts() + 1, now, number.phone());
		calls.put(ref.callId(), call);
		seatPaced.placed(t.id(), now);
		writer.start(new AttemptBatch.Start(ref, number.phone(), call.attempt, now),
				OriginateRequests.of(ref, t, tl.line, number));
	}

	@Override
	public void notNow(TrackedTask task, ClaimedNumber number, Instant now) {
		task.gaveBack();
		supply.giveBack(java.util.List.of(number.id()), now);
	}

	/**
	 * A call an earlier run of this node (or a node that died) left open: followed again; its end
	 * comes from the gateway. Counted against its limits by {@link #count} once its task and line are read.
	 */
	void adopt(DialerNodes.LostCall c) {
		CallRef ref = new CallRef(c.callId(), c.taskId(), null, c.numberId(), c.lineId());
		// already here if the engine restarted in this process
		calls.putIfAbsent(c.callId(), CallInProgress.adopted(ref, c.attempt(), c.startAt(), c.phone(), c.answeredAt()));
	}

	/** An adopted call holds a slot of its line and of its task, if both are tracked (it is up on the switch). */
	void count(UUID callId) {
		CallInProgress c = calls.get(callId);
		TrackedLine line = c == null || c.counted ? null : lines.get(c.ref.lineId());
		TrackedTask task = c == null ? null : tasks.get(c.ref.taskId());
		if (line != null && task != null) {
			line.calls++;
			task.occupy(c.ref.lineId());
			c.counted = true;
		}
	}

	@Override
	public void written(OriginateRequest call, boolean ok) {
		CallInProgress c = calls.get(call.callId());
		if (!ok) {
			undo(c);
		}
		else if (c != null) {
			c.placed = true;
		}
	}

	/** A start that did not take, or was never written: as if never paced. */
	void undo(UUID callId) {
		undo(calls.get(callId));
	}

	private void undo(CallInProgress c) {
		if (c == null) {
			return;
		}
		calls.remove(c.ref.callId());
		lines.free(c.ref.lineId());
		TrackedTask ts = tasks.get(c.ref.taskId());
		if (ts != null) {
			ts.free(c.ref.lineId());
		}
	}

	/** A deleted task's calls that are still ringing are hung up; answered ones finish. */
	void cancelRinging(long taskId) {
		for (CallInProgress c : calls.values()) {
			if (c.ref.taskId() == taskId && c.answeredAt == null && !c.cancelRequested && c.placed) {
				c.cancelRequested = true;
				gateway.cancel(c.ref.callId());
			}
		}
	}

	/** Applies the events that arrived since the last tick, in order. */
	void drainEvents(Instant now) {
		this.now = now;
		CallEvent event;
		while ((event = events.poll()) != null) {
			event.applyTo(handler);
		}
	}

	private void answered(CallEvent.Answered a) {
		CallInProgress c = calls.get(a.callId());
		if (c == null || c.answeredAt != null) {
			return;
		}
		c.answeredAt = a.at();
		writer.batch().answers.add(new AttemptBatch.Answer(c.ref, a.at()));
		seatPaced.answered(c.ref.taskId(), a.at(), Duration.between(c.startAt, a.at()));
		TrackedTask ts = tasks.get(c.ref.taskId());
		if (ts != null && ts.task().transfer().enabled() && ts.task().transfer().direct()) {
			transfers.asked(c, ts.task(), a.at(), now);
		}
	}

	private void hungUp(CallEvent.HungUp h, Instant now) {
		CallInProgress c = calls.remove(h.callId());
		if (c == null) {
			return; // unknown or already ended: events are merged once
		}
		TrackedTask ts = tasks.get(c.ref.taskId());
		CallEnd end = end(c, h);
		end = end.with(transfers.ended(c.ref.callId(), end.endAt()));
		if (!end.answered()) {
			seatPaced.unanswered(c.ref.taskId(), end.endAt(), Duration.between(c.startAt, end.endAt()));
		}
		else if (end.bridge().result() == io.calltask.dialer.callrecord.Bridge.Result.NONE) {
			seatPaced.endedWithoutAsking(c.ref.taskId(), end.endAt(), Duration.between(c.startAt, end.endAt()));
		}
		Instant redial = Redial.after(ts == null ? null : ts.rule(), c.attempt, end.hangupCause(), end.outcome(),
				end.endAt());
		CallRef ref = c.ref.userId() != null || ts == null ? c.ref
				: new CallRef(c.ref.callId(), c.ref.taskId(), ts.task().userId(), c.ref.numberId(), c.ref.lineId());
		boolean notify = ts == null || ts.task().webhook().wants(end.answered());
		writer.batch().finishes.add(new AttemptBatch.Finish(ref, end, redial, c.answeredAt != null, notify,
				c.phone, c.startAt, h.optout() && end.answered()));
		if (c.counted) {
			lines.free(c.ref.lineId());
			if (ts != null) {
				ts.ended(c.ref.lineId(), now);
			}
		}
	}

	/** How the call ended, from what the engine saw of it and what the gateway reports. */
	private static CallEnd end(CallInProgress c, CallEvent.HungUp h) {
		boolean answered = c.answeredAt != null || h.answeredAt() != null || h.billMillis() > 0;
		Instant answeredAt = c.answeredAt != null ? c.answeredAt
				: h.answeredAt() != null ? h.answeredAt() : answered ? h.at() : null;
		String cause = h.hangupCause() == null || h.hangupCause().isBlank() ? "NORMAL_UNSPECIFIED" : h.hangupCause();
		CallOutcome outcome = CallOutcome.of(cause, answered);
		Instant endAt = h.at().isBefore(c.startAt) ? c.startAt : h.at();
		return new CallEnd(answeredAt, endAt, (int) Duration.between(c.startAt, endAt).toSeconds(),
				answered ? Math.max(0, h.billMillis()) : 0, cause, outcome, CallStatusCode.of(h.daStatus(), cause, answered),
				h.intention(), h.recordingUrl(), null);
	}

}
