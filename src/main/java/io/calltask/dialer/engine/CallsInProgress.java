package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.calltask.catalog.RecycleRule;
import io.calltask.dialer.callrecord.CallOutcome;
import io.calltask.dialer.callrecord.CallStatusCode;
import io.calltask.dialer.engine.NumberClaims.ClaimedNumber;
import io.calltask.dialer.number.NumberVariables;
import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.line.Line;
import io.calltask.task.TaskRuntime.DialTask;

/**
 * Calls placed and not yet ended: opened by pacing, answered and ended by the gateway's events
 * (queued from any thread, applied on the engine's), each ending recorded with its outcome and what
 * becomes of its number (a redial, by the task's recycle rule, or done). An ended call frees its
 * slots; with {@code call_pause_second} its task's slot rests a while first.
 */
final class CallsInProgress implements Pacer.Originate, AttemptWriter.Placed {

	private final Map<UUID, CallInProgress> calls = new HashMap<>();

	private final ConcurrentLinkedQueue<CallEvent> events = new ConcurrentLinkedQueue<>();

	private final TrackedTasks tasks;

	private final TrackedLines lines;

	private final CallGateway gateway;

	private final AttemptWriter writer;

	CallsInProgress(TrackedTasks tasks, TrackedLines lines, CallGateway gateway, AttemptWriter writer) {
		this.tasks = tasks;
		this.lines = lines;
		this.gateway = gateway;
		this.writer = writer;
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
			ids.add(c.taskId);
		}
		return ids;
	}

	Set<UUID> lineIds() {
		Set<UUID> ids = new HashSet<>();
		for (CallInProgress c : calls.values()) {
			ids.add(c.lineId);
		}
		return ids;
	}

	/** Pacing handed out a call: it is recorded now and placed once its start is written. */
	@Override
	public void call(TrackedTask ts, TrackedLine tl, ClaimedNumber number, Instant now) {
		DialTask t = ts.task;
		Line line = tl.line;
		CallInProgress call = new CallInProgress(UUID.randomUUID(), t.id(), t.userId(), number.id(), line.id(),
				number.attempts() + 1, now, true);
		calls.put(call.callId, call);
		String callerId = t.callerIdNumber().isEmpty() ? line.callerNumber() : t.callerIdNumber();
		writer.start(
				new AttemptBatch.Start(call.callId, t.id(), t.userId(), number.id(), number.phone(), line.id(),
						call.attempt, now),
				new OriginateRequest(new OriginateRequest.Identity(call.callId, t.uuid(), number.id()),
						new OriginateRequest.Callee(number.phone(), DialFormat.apply(t.dialFormat(), number.phone()),
								NumberVariables.texts(number.variables())),
						new OriginateRequest.Route(line.id(), line.gateway(), line.nodeId(), callerId,
								t.originateTimeout()),
						new OriginateRequest.Destination(t.destinationExtension(), t.destinationDialplan(),
								t.destinationContext(), t.originateVariables())));
	}

	/**
	 * A call an earlier run of this node (or a node that died) left open: followed again; its end
	 * comes from the gateway. Counted against its limits by {@link #count} once its task and line are read.
	 */
	void adopt(DialerNodes.LostCall c) {
		CallInProgress cs = new CallInProgress(c.callId(), c.taskId(), null, c.numberId(), c.lineId(), c.attempt(),
				c.startAt(), false);
		cs.answeredAt = c.answeredAt(); // placed: the constructor marks an uncounted call so
		calls.putIfAbsent(c.callId(), cs); // already here if the engine restarted in this process
	}

	/** An adopted call holds a slot of its line and of its task, if both are tracked (it is up on the switch). */
	void count(UUID callId) {
		CallInProgress c = calls.get(callId);
		TrackedLine line = c == null || c.counted ? null : lines.get(c.lineId);
		TrackedTask task = c == null ? null : tasks.get(c.taskId);
		if (line != null && task != null) {
			line.calls++;
			task.occupy(c.lineId);
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
		calls.remove(c.callId);
		freeSlots(c);
	}

	/** A deleted task's calls that are still ringing are hung up; answered ones finish. */
	void cancelRinging(long taskId) {
		for (CallInProgress c : calls.values()) {
			if (c.taskId == taskId && c.answeredAt == null && !c.cancelRequested && c.placed) {
				c.cancelRequested = true;
				gateway.cancel(c.callId);
			}
		}
	}

	/** Applies the events that arrived since the last tick, in order. */
	void drainEvents(Instant now) {
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
		CallInProgress c = calls.get(a.callId());
		if (c == null || c.answeredAt != null) {
			return;
		}
		c.answeredAt = a.at();
		writer.batch().answers.add(new AttemptBatch.Answer(c.callId, c.taskId, c.lineId, a.at()));
	}

	private void hungUp(CallEvent.HungUp h, Instant now) {
		CallInProgress c = calls.remove(h.callId());
		if (c == null) {
			return; // unknown or already ended: events are merged once
		}
		TrackedTask ts = tasks.get(c.taskId);
		boolean answered = c.answeredAt != null || h.answeredAt() != null || h.billMillis() > 0;
		Instant answeredAt = c.answeredAt != null ? c.answeredAt
				: h.answeredAt() != null ? h.answeredAt() : answered ? h.at() : null;
		String cause = h.hangupCause() == null || h.hangupCause().isBlank() ? "NORMAL_UNSPECIFIED" : h.hangupCause();
		CallOutcome outcome = CallOutcome.of(cause, answered);
		int status = CallStatusCode.of(h.daStatus(), cause, answered);
		long bill = answered ? Math.max(0, h.billMillis()) : 0;
		RecycleRule rule = ts == null ? null : ts.rule;
		Instant end = h.at().isBefore(c.startAt) ? c.startAt : h.at();
		Instant redial = Redial.after(rule, c.attempt, cause, outcome, end);
		UUID userId = c.userId != null ? c.userId : ts != null ? ts.task.userId() : null;
		writer.batch().finishes.add(new AttemptBatch.Finish(c.callId, c.taskId, userId, c.numberId, c.lineId,
				c.answeredAt != null, answeredAt, end, (int) Duration.between(c.startAt, end).toSeconds(), bill, cause,
				outcome, status, redial != null ? "pending" : "done", redial, h.intention(), h.recordingUrl()));
		if (c.counted) {
			freeSlots(c);
			if (ts != null && ts.task.callPauseSecond() > 0) {
				ts.resting.add(now.plusSeconds(ts.task.callPauseSecond()));
			}
		}
	}

	/** A counted call no longer holds a slot of its task and of its line. */
	private void freeSlots(CallInProgress c) {
		lines.free(c.lineId);
		TrackedTask ts = tasks.get(c.taskId);
		if (ts != null) {
			ts.free(c.lineId);
		}
	}

}
