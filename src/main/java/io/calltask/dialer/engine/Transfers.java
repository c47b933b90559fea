package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.calltask.dialer.callrecord.Bridge;
import io.calltask.dialer.engine.SeatBoard.BoardSeat;
import io.calltask.dialer.engine.TransferCall.Phase;
import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.dialer.spi.CallGateway.SeatRing;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.seat.BridgeGroup;
import io.calltask.seat.SeatCallState;
import io.calltask.task.TaskRuntime.DialTask;

/**
 * Calls that go to a person (转人工, API.md section 8.2): a customer whose bot asked for a seat (or
 * whose task bridges directly) rings a free seat of the task's bridge group, chosen by the group's
 * strategy, hearing the hold audio; a miss tries the next seat until the group's
 * {@code max_wait_seconds}; with no seat free (or the task's {@code bridge_maximumcall} reached) the
 * call goes back to the bot ({@code direct_bridge_echo} 1) or waits its turn, first come first served
 * across the group's tasks. Runs on the engine's thread without I/O: it commands the gateway (which
 * never blocks) and leaves the seats' new states on the {@link SeatBoard} for the next write.
 */
final class Transfers {

	/** A seat the switch lost track of is a miss this long after its ring timeout. */
	private static final Duration RING_GRACE = Duration.ofSeconds(15);

	private final CallGateway gateway;

	private final SeatBoard board;

	/** The hold audio of tasks without a background, the empty-seat grace, the abandon seconds. */
	private final DialerEngine.Settings settings;

	private final DialerMetrics metrics;

	private final Map<UUID, TransferCall> calls = new HashMap<>();

	/** Customers waiting for a seat, per group, first come first served. */
	private final Map<Long, ArrayDeque<TransferCall>> waiting = new LinkedHashMap<>();

	private boolean waitingChanged;

	/** The calls whose transfer is under way, readable from other threads (the API's 409). */
	private final Set<UUID> live = ConcurrentHashMap.newKeySet();

	/** Where an ask through the API goes: into the engine's events, as the gateway's asks do. */
	private final Consumer<CallEvent> asks;

	private final TransferObserver observer;

	Transfers(CallGateway gateway, SeatBoard board, DialerEngine.Settings settings, DialerMetrics metrics,
			Consumer<CallEvent> asks, TransferObserver observer) {
		this.gateway = gateway;
		this.board = board;
		this.settings = settings;
		this.metrics = metrics;
		this.asks = asks;
		this.observer = observer;
	}

	/** The calls whose transfer is under way or over, until they end. */
	Collection<TransferCall> calls() {
		return calls.values();
	}

	/**
	 * {@code empty_seat_stop}: whether {@code task} is to pause because every seat of its group has been
	 * offline for {@code calltask.seats.empty-grace}.
	 */
	boolean seatless(DialTask task, Instant now) {
		if (!task.transfer().emptySeatStop() || !board.loaded()) {
			return false;
		}
		BridgeGroup g = board.group(task.transfer().bridgeGroupId());
		Instant since = g == null ? null : board.offlineSince(g.id());
		return since != null && !now.isBefore(since.plus(settings.transfers().emptyGrace()));
	}

	SeatBoard board() {
		return board;
	}

	/**
	 * From any thread (the API): the call's transfer is asked at {@code at}, its
	 * {@link CallEvent.TransferAsked} handed to the engine; false if one is already asked or under way
	 * (waiting, ringing a seat or bridged).
	 */
	boolean request(UUID callId, Instant at) {
		if (!live.add(callId)) {
			return false;
		}
		asks.accept(new CallEvent.TransferAsked(callId, at));
		return true;
	}

	/**
	 * A new term's first reread: every seat still in an adopted call stays with it until that call ends
	 * (whether the switch bridged it is not known here: it is counted as bridged only if its seat was talking).
	 */
	void adoptSeats(Map<UUID, CallInProgress> open, Instant now) {
		for (BoardSeat s : board.inCalls()) {
			CallInProgress c = open.get(s.callId);
			if (c == null || calls.containsKey(s.callId)) {
				continue;
			}
			TransferCall tc = TransferCall.adopted(c, s);
			calls.put(tc.callId, tc);
			live.add(tc.callId);
		}
	}

	/**
	 * The customer of answered call {@code c} is to talk to a person: the bot asked, or the task bridges
	 * directly, at {@code askedAt} (as the switch or the API reports it; not after {@code now}). Once per
	 * call; a task without a group (or whose group is gone) sends it back to its bot.
	 */
	void asked(CallInProgress c, DialTask task, Instant askedAt, Instant now) {
		UUID id = c.ref.callId();
		if (calls.containsKey(id)) {
			return;
		}
		if (c.answeredAt == null) {
			live.remove(id); // asked through the API of a call not up: nothing to do
			return;
		}
		BridgeGroup g = task == null ? null : board.group(task.transfer().bridgeGroupId());
		Instant at = askedAt == null || askedAt.isAfter(now) ? now : askedAt;
		TransferCall tc = new TransferCall(id, c.ref.taskId(), g == null ? -1 : g.id(), c.phone, at,
				at.plusSeconds(g == null ? 0 : g.maxWaitSeconds()), task);
		calls.put(id, tc);
		live.add(id);
		observer.asked(tc.taskId, at, Duration.between(c.startAt, at));
		if (g == null) {
			fallBack(tc, now);
			return;
		}
		ArrayDeque<TransferCall> queue = waiting.computeIfAbsent(g.id(), k -> new ArrayDeque<>());
		boolean capped = capped(tc);
		if (!capped && queue.isEmpty() && ring(tc, g, now)) {
			return;
		}
		if (task.transfer().echo()) {
			fallBack(tc, now);
			return;
		}
		queue.addLast(tc);
		waitingChanged = true;
		gateway.hold(id, holdAudio(tc));
	}

	/** A transfer asked of a call the engine does not follow (it ended meanwhile). */
	void unknownCall(UUID callId) {
		if (!calls.containsKey(callId)) {
			live.remove(callId);
		}
	}

	void seatAnswered(CallEvent.SeatAnswered e) {
		TransferCall tc = calls.get(e.callId());
		if (tc == null || tc.phase != Phase.RINGING || tc.seat == null || tc.seat.id != e.seatId()) {
			return;
		}
		tc.phase = Phase.BRIDGED;
		tc.bridgedAt = e.at();
		tc.result = Bridge.Result.BRIDGED;
		tc.waitMs = Math.max(0, Duration.between(tc.askedAt, e.at()).toMillis());
		if (!tc.paced && tc.waitMs <= settings.pacing().abandonSeconds().toMillis()) {
			tc.paced = true;
			observer.bridged(tc.taskId, e.at(), Duration.ofMillis(tc.waitMs));
		}
		paceAbandoned(tc, e.at());
		tc.seat.misses = 0;
		board.move(tc.seat, SeatCallState.TALKING, tc.callId, e.at(), 0, false);
	}

	void seatMissed(CallEvent.SeatMissed e, Instant now) {
		TransferCall tc = calls.get(e.callId());
		if (tc == null || tc.phase != Phase.RINGING || tc.seat == null || tc.seat.id != e.seatId()) {
			return;
		}
		missed(tc, now);
	}

	private void missed(TransferCall tc, Instant now) {
		BoardSeat s = tc.seat;
		s.misses++;
		board.move(s, SeatCallState.FREE, null, now, 0, s.misses >= s.row.maxNoAnswer());
		tc.tried.add(s.id);
		tc.seat = null;
		tc.phase = Phase.WAITING;
		BridgeGroup g = board.group(tc.groupId);
		if (g == null || !now.isBefore(tc.giveUpAt)) {
			giveUp(tc, now);
			return;
		}
		if (capped(tc) || !ring(tc, g, now)) {
			waiting.computeIfAbsent(g.id(), k -> new ArrayDeque<>()).addFirst(tc); // it keeps its turn
			waitingChanged = true;
			gateway.hold(tc.callId, holdAudio(tc));
		}
	}

	void seatHungUp(CallEvent.SeatHungUp e) {
		TransferCall tc = calls.get(e.callId());
		if (tc == null || tc.phase != Phase.BRIDGED || tc.seat == null || tc.seat.id != e.seatId()) {
			return;
		}
		seatDone(tc, e.at(), e.bridgedMillis());
		tc.phase = Phase.OVER;
	}

	/**
	 * A bridged seat's part ends at {@code at}: wrap-up, the call added to its day. Its time bridged is
	 * {@code bridgedMillis} as the switch counted it, or if that is unknown (< 0) the time since its answer.
	 */
	private void seatDone(TransferCall tc, Instant at, long bridgedMillis) {
		long millis = bridgedMillis >= 0 ? bridgedMillis : Duration.between(tc.bridgedAt, at).toMillis();
		tc.billsec = Math.max(0, millis / 1000);
		board.move(tc.seat, SeatCallState.WRAP_UP, null, at, Math.max(1, tc.billsec), false);
	}

	/** Counts the call as abandoned for its task's pacing, unless it was counted already. */
	private void paceAbandoned(TransferCall tc, Instant at) {
		if (!tc.paced) {
			tc.paced = true;
			observer.abandoned(tc.taskId, at);
		}
	}

	/** The customer hung up (or was hung up) at {@code at}: what became of the call's transfer, for its record. */
	Bridge ended(UUID callId, Instant at) {
		TransferCall tc = calls.remove(callId);
		if (tc == null) {
			return Bridge.NONE;
		}
		live.remove(callId);
		paceAbandoned(tc, at);
		switch (tc.phase) {
			case WAITING -> {
				unqueue(tc);
				abandoned(tc, at);
			}
			case RINGING -> {
				board.move(tc.seat, SeatCallState.FREE, null, at, 0, false);
				tc.seat = null;
				abandoned(tc, at);
			}
			case BRIDGED -> {
				seatDone(tc, at, -1);
				tc.result = Bridge.Result.BRIDGED;
			}
			case OVER -> {
			}
		}
		metrics.transferred(tc.result.word());
		boolean bridged = tc.result == Bridge.Result.BRIDGED && tc.seat != null;
		return new Bridge(tc.result, bridged ? tc.seat.id : null, bridged ? tc.seat.row.name() : null, tc.waitMs,
				bridged ? (int) tc.billsec : 0, bridged ? tc.bridgedAt : null);
	}

	/**
	 * Time passes: wrap-ups end, customers who waited {@code max_wait_seconds} are let go, a seat that
	 * rang past its timeout unheard is a miss, and waiting customers take the seats that are free.
	 */
	void tick(Instant now) {
		board.endWrapUps(now, (seat, handling) -> observer.handled(seat.id, now, handling));
		board.trackOffline(now);
		for (TransferCall tc : calls.values().toArray(TransferCall[]::new)) {
			if (!tc.paced && (tc.phase == Phase.WAITING || tc.phase == Phase.RINGING)
					&& now.isAfter(tc.askedAt.plus(settings.pacing().abandonSeconds()))) {
				paceAbandoned(tc, now);
			}
			if (tc.phase == Phase.WAITING && !now.isBefore(tc.giveUpAt)) {
				giveUp(tc, now);
			}
			else if (tc.phase == Phase.RINGING && now.isAfter(tc.ringUntil)) {
				missed(tc, now);
			}
		}
		for (Map.Entry<Long, ArrayDeque<TransferCall>> e : waiting.entrySet()) {
			BridgeGroup g = board.group(e.getKey());
			if (g == null) {
				continue;
			}
			for (Iterator<TransferCall> it = e.getValue().iterator(); it.hasNext();) {
				TransferCall tc = it.next();
				if (capped(tc)) {
					continue;
				}
				if (!ring(tc, g, now)) {
					break; // no seat free: the rest wait too
				}
				it.remove();
				waitingChanged = true;
			}
		}
	}

	/** Customers waiting per group, if that changed since the last call (else null). */
	Map<Long, Integer> waitingIfChanged() {
		if (!waitingChanged) {
			return null;
		}
		waitingChanged = false;
		Map<Long, Integer> out = new HashMap<>();
		waiting.forEach((group, queue) -> out.put(group, queue.size()));
		waiting.values().removeIf(ArrayDeque::isEmpty);
		return out;
	}

	/** Rings the seat the group's strategy picks; false if none takes a call. */
	private boolean ring(TransferCall tc, BridgeGroup g, Instant now) {
		BoardSeat s = board.pick(g, tc.tried);
		if (s == null) {
			return false;
		}
		if (tc.tried.isEmpty()) {
			metrics.firstRing(Duration.between(tc.askedAt, now));
		}
		tc.seat = s;
		tc.phase = Phase.RINGING;
		tc.ringUntil = now.plusSeconds(g.ringTimeoutSeconds()).plus(RING_GRACE);
		board.move(s, SeatCallState.RINGING, tc.callId, now, 0, false);
		gateway.ringSeat(new SeatRing(tc.callId, s.id, s.row.contact(), tc.phone, g.ringTimeoutSeconds(),
				holdAudio(tc)));
		return true;
	}

	/** Whether the task's {@code bridge_maximumcall} is reached (its calls ringing a seat or bridged). */
	private boolean capped(TransferCall tc) {
		int max = tc.task == null ? 0 : tc.task.transfer().maximumcall();
		if (max <= 0) {
			return false;
		}
		int connected = 0;
		for (TransferCall other : calls.values()) {
			if (other.taskId == tc.taskId && (other.phase == Phase.RINGING || other.phase == Phase.BRIDGED)) {
				connected++;
			}
		}
		return connected >= max;
	}

	private void fallBack(TransferCall tc, Instant now) {
		paceAbandoned(tc, now);
		tc.phase = Phase.OVER;
		tc.result = Bridge.Result.FALLBACK_BOT;
		tc.waitMs = Math.max(0, Duration.between(tc.askedAt, now).toMillis());
		OriginateRequest.Destination bot = tc.task == null ? null : OriginateRequests.bot(tc.task);
		if (bot == null) {
			gateway.cancel(tc.callId); // no bot to go back to
		}
		else {
			gateway.backToBot(tc.callId, bot);
		}
	}

	private void giveUp(TransferCall tc, Instant now) {
		unqueue(tc);
		abandoned(tc, now);
		tc.phase = Phase.OVER;
		gateway.cancel(tc.callId);
	}

	private void abandoned(TransferCall tc, Instant at) {
		if (tc.result == null) {
			tc.result = Bridge.Result.ABANDONED;
			tc.waitMs = Math.max(0, Duration.between(tc.askedAt, at).toMillis());
		}
	}

	private void unqueue(TransferCall tc) {
		ArrayDeque<TransferCall> queue = waiting.get(tc.groupId);
		if (queue != null && queue.remove(tc)) {
			waitingChanged = true;
		}
	}

	private String holdAudio(TransferCall tc) {
		String url = tc.task == null ? null
				: board.holdAudio(TaskRefresh.backgroundId(tc.task.transfer().backgroundFileId()));
		return url != null ? url : settings.transfers().holdAudio();
	}

}
