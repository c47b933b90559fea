package io.calltask.dialer.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.dialer.spi.OpenCall;
import io.calltask.dialer.spi.OriginateRequest;

/**
 * A gateway whose calls end as each test says, per number and attempt, on the test's clock: the
 * seam the engine talks to, with outcomes a test can assert exactly.
 */
public final class ScriptedGateway implements CallGateway {

	/**
	 * How one call goes: answered after {@code ringMs} and hung up {@code talkMs} later, or ended
	 * unanswered; an answered call's hangup carries what the bot left ({@code intention},
	 * {@code recordingUrl}, as the gateway heard them: not yet checked).
	 */
	public record Script(String cause, long ringMs, long talkMs, boolean answer, String daStatus, String intention,
			String recordingUrl) {

		public static Script answer(long ringMs, long talkMs) {
			return new Script("NORMAL_CLEARING", ringMs, talkMs, true, null, null, null);
		}

		public static Script fail(String cause, long afterMs) {
			return new Script(cause, afterMs, 0, false, null, null, null);
		}

		static Script detected(String daStatus, String cause, long afterMs) {
			return new Script(cause, afterMs, 0, false, daStatus, null, null);
		}

		/** The same call, its hangup carrying the bot's {@code intention} and {@code recordingUrl}. */
		public Script leaving(String intention, String recordingUrl) {
			return new Script(cause, ringMs, talkMs, answer, daStatus, intention, recordingUrl);
		}

	}

	private record Due(Instant at, long order, CallEvent event) {
	}

	private final Clock clock;

	private final Map<String, Deque<Script>> scripts = new HashMap<>();

	private final List<Due> due = new ArrayList<>();

	private final Map<UUID, Instant> answered = new HashMap<>();

	private final Set<UUID> live = new HashSet<>();

	private final Set<String> downNodes = new HashSet<>();

	final List<OriginateRequest> placed = new CopyOnWriteArrayList<>();

	final List<Instant> placedAt = new CopyOnWriteArrayList<>();

	private Script standard = Script.answer(1000, 5000);

	private long order;

	private CallEvents events;

	ScriptedGateway(Clock clock) {
		this.clock = clock;
	}

	synchronized void reset() {
		scripts.clear();
		due.clear();
		answered.clear();
		live.clear();
		downNodes.clear();
		placed.clear();
		transferCommands.clear();
		placedAt.clear();
		standard = Script.answer(1000, 5000);
	}

	/** What every call not scripted otherwise does. */
	public synchronized void standard(Script script) {
		standard = script;
	}

	/** The attempts of {@code phone}, in order; after the last, the standard script. */
	public synchronized void script(String phone, Script... attempts) {
		scripts.computeIfAbsent(phone, p -> new ArrayDeque<>()).addAll(List.of(attempts));
	}

	synchronized void nodeDown(String nodeId, boolean down) {
		if (down) {
			downNodes.add(nodeId);
		}
		else {
			downNodes.remove(nodeId);
		}
	}

	synchronized int live() {
		return live.size();
	}

	@Override
	public synchronized void start(String dialerNode, List<OpenCall> open, CallEvents events) {
		this.events = events;
		open.forEach(this::adopt);
	}

	/** Its calls die with it: a call it is not still playing ends as lost at once. */
	@Override
	public synchronized void adopt(OpenCall call) {
		if (!live.contains(call.callId())) {
			events.on(call.lost());
		}
	}

	@Override
	public synchronized boolean nodeUp(String nodeId) {
		return !downNodes.contains(nodeId);
	}

	@Override
	public synchronized void originate(OriginateRequest call) {
		Instant now = clock.instant();
		placed.add(call);
		placedAt.add(now);
		live.add(call.callId());
		Deque<Script> queue = scripts.get(call.callee().phone());
		Script s = queue == null || queue.isEmpty() ? standard : queue.poll();
		if (s.answer()) {
			Instant answer = now.plusMillis(s.ringMs());
			Instant end = answer.plusMillis(s.talkMs());
			due.add(new Due(answer, order++, new CallEvent.Answered(call.callId(), answer)));
			due.add(new Due(end, order++, CallEvent.HungUp.billed(call.callId(), end, s.cause(), answer, s.talkMs())
				.leaving(s.intention(), s.recordingUrl())));
		}
		else {
			Instant end = now.plusMillis(s.ringMs());
			due.add(new Due(end, order++,
					CallEvent.HungUp.unanswered(call.callId(), end, s.cause()).detected(s.daStatus())));
		}
	}

	@Override
	public synchronized void cancel(UUID callId) {
		if (!live.remove(callId)) {
			return;
		}
		due.removeIf(d -> d.event().callId().equals(callId));
		Instant now = clock.instant();
		Instant answer = answered.get(callId);
		long bill = answer == null ? 0 : now.toEpochMilli() - answer.toEpochMilli();
		events.on(CallEvent.HungUp.billed(callId, now, "ORIGINATOR_CANCEL", answer, bill));
	}

	/** What the engine asked of calls that go to a person, in order: {@link SeatRing}s, holds and returns to the bot. */
	public final List<Object> transferCommands = new CopyOnWriteArrayList<>();

	@Override
	public void ringSeat(SeatRing ring) {
		transferCommands.add(ring);
	}

	@Override
	public void hold(UUID callId, String holdAudio) {
		transferCommands.add("hold " + callId + " " + holdAudio);
	}

	@Override
	public void backToBot(UUID callId, OriginateRequest.Destination destination) {
		transferCommands.add("bot " + callId + " " + destination.extension());
	}

	/** Reports {@code event} now, as the switch would (a transfer asked, a seat answered…). */
	public synchronized void report(CallEvent event) {
		events.on(event);
	}

	/** Delivers what is due by {@code now}, in time order. */
	synchronized void advanceTo(Instant now) {
		due.sort((a, b) -> a.at().equals(b.at()) ? Long.compare(a.order(), b.order()) : a.at().compareTo(b.at()));
		while (!due.isEmpty() && !due.get(0).at().isAfter(now)) {
			CallEvent e = due.remove(0).event();
			if (e instanceof CallEvent.Answered a) {
				answered.put(a.callId(), a.at());
			}
			else {
				live.remove(e.callId());
			}
			events.on(e);
		}
	}

}
