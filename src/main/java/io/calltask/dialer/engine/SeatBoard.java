package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.calltask.seat.BridgeGroup;
import io.calltask.seat.Seat;
import io.calltask.seat.SeatBoardStore.SeatChange;
import io.calltask.seat.SeatCallState;
import io.calltask.seat.SeatStatus;

/**
 * The seats of every bridge group as the leader holds them: what people set ({@code status}, from
 * the database on every reread) and where each stands in a call ({@code call_state}, the leader's own,
 * written back through {@link #changes}). Only this thread reserves a seat, so a seat never has two
 * customers. Pure: no threads, no I/O.
 */
final class SeatBoard {

	/** What a reread found of seats: every seat and group, and the hold audio of backgrounds by id. */
	record Read(List<Seat> seats, List<BridgeGroup> groups, Map<Long, String> holdAudio) {
	}

	/** One seat on the board. */
	static final class BoardSeat {

		final long id;

		Seat row;

		SeatStatus status;

		SeatCallState state;

		/** When {@link #state} began (a free seat: since when it is free, for {@code longest_idle}). */
		Instant since;

		/** The customer call it is reserved for, rings for or talks with; null when free. */
		UUID callId;

		int callsToday;

		/** Misses in a row. */
		int misses;

		/** The board put it on break at this time; a reread older than that does not undo it. */
		Instant breakAt;

		/** When it was taken for its current customer (rung); null while free. */
		Instant takenAt;

		BoardSeat(Seat row) {
			this.id = row.id();
			this.row = row;
			this.status = row.status();
			this.state = row.callState();
			this.since = row.callStateAt();
			this.callId = row.callId();
			this.callsToday = row.callsToday();
		}

		/** Takes a seat now: status idle and free. */
		boolean takes() {
			return status == SeatStatus.IDLE && state == SeatCallState.FREE;
		}

	}

	private final Map<Long, BoardSeat> seats = new HashMap<>();

	private final Map<Long, BridgeGroup> groups = new HashMap<>();

	private Map<Long, String> holdAudio = Map.of();

	private final List<SeatChange> changes = new ArrayList<>();

	/** Since when every seat of each group is offline ({@code empty_seat_stop}). */
	private final Map<Long, Instant> offlineSince = new HashMap<>();

	private final Random random;

	private boolean loaded;

	SeatBoard(Random random) {
		this.random = random;
	}

	/**
	 * Takes in a reread. The first of a term also takes the seats' {@code call_state}s: a seat in a call
	 * that is still open ({@code openCalls}, adopted from the previous leader) stays with it; any other
	 * seat that is not free was reserved by a leader that is gone, and is freed. Later rereads take only
	 * what people set (a break the board set and the database does not show yet stands).
	 */
	void load(Read read, Set<UUID> openCalls, Instant now) {
		Map<Long, BoardSeat> before = new HashMap<>(seats);
		seats.clear();
		for (Seat row : read.seats()) {
			BoardSeat s = before.get(row.id());
			if (s == null) {
				s = new BoardSeat(row);
				if (!loaded && s.state != SeatCallState.FREE && s.state != SeatCallState.WRAP_UP
						&& (s.callId == null || !openCalls.contains(s.callId))) {
					move(s, SeatCallState.FREE, null, now, 0, false);
				}
			}
			else {
				s.row = row;
				if (s.breakAt == null || row.status() == SeatStatus.BREAK) {
					s.status = row.status();
					s.breakAt = null;
				}
			}
			seats.put(row.id(), s);
		}
		groups.clear();
		read.groups().forEach(g -> groups.put(g.id(), g));
		holdAudio = Map.copyOf(read.holdAudio());
		loaded = true;
	}

	boolean loaded() {
		return loaded;
	}

	java.util.Collection<BridgeGroup> groups() {
		return groups.values();
	}

	BridgeGroup group(Long id) {
		return id == null ? null : groups.get(id);
	}

	BoardSeat seat(long id) {
		return seats.get(id);
	}

	/** The background's url, null if unknown. */
	String holdAudio(Long backgroundId) {
		return backgroundId == null ? null : holdAudio.get(backgroundId);
	}

	/** Whether a seat of {@code g} takes a call now. */
	boolean anyTakes(BridgeGroup g) {
		for (long id : g.seatIds()) {
			BoardSeat s = seats.get(id);
			if (s != null && s.takes()) {
				return true;
			}
		}
		return false;
	}

	/** Whether every seat of {@code g} is offline (a group without seats too). */
	boolean allOffline(BridgeGroup g) {
		for (long id : g.seatIds()) {
			BoardSeat s = seats.get(id);
			if (s != null && s.status != SeatStatus.OFFLINE) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The seat of {@code g} that takes the call, by the group's strategy: among the seats that take one
	 * now, those not yet tried for this call first; null if none takes one.
	 */
	BoardSeat pick(BridgeGroup g, Set<Long> tried) {
		List<BoardSeat> free = new ArrayList<>();
		List<BoardSeat> triedFree = new ArrayList<>();
		for (long id : g.seatIds()) {
			BoardSeat s = seats.get(id);
			if (s != null && s.takes()) {
				(tried.contains(id) ? triedFree : free).add(s);
			}
		}
		List<BoardSeat> from = free.isEmpty() ? triedFree : free;
		if (from.isEmpty()) {
			return null;
		}
		switch (g.strategy()) {
			case TOP_DOWN:
				return from.get(0);
			case FEWEST_CALLS:
				return from.stream().min(Comparator.comparingInt((BoardSeat s) -> s.callsToday)).orElseThrow();
			case RANDOM:
				return from.get(random.nextInt(from.size()));
			case LONGEST_IDLE:
			default:
				return from.stream().min(Comparator.comparing((BoardSeat s) -> s.since)).orElseThrow();
		}
	}

	/**
	 * Moves seat {@code s} to {@code state} at {@code at} for {@code callId}; {@code bridgedSeconds} > 0
	 * adds a call to its day; {@code noAnswerBreak} puts it on break. The change is written with the next batch.
	 */
	void move(BoardSeat s, SeatCallState state, UUID callId, Instant at, long bridgedSeconds, boolean noAnswerBreak) {
		if (s.state == SeatCallState.FREE && state != SeatCallState.FREE) {
			s.takenAt = at;
		}
		else if (state == SeatCallState.FREE) {
			s.takenAt = null;
		}
		s.state = state;
		s.since = at;
		s.callId = callId;
		if (bridgedSeconds > 0) {
			s.callsToday++;
		}
		if (noAnswerBreak) {
			s.status = SeatStatus.BREAK;
			s.breakAt = at;
			s.misses = 0;
		}
		changes.add(new SeatChange(s.id, state, callId, at, bridgedSeconds, noAnswerBreak));
	}

	/** Notes, at {@code now}, the groups whose every seat is offline (and since when). */
	void trackOffline(Instant now) {
		for (BridgeGroup g : groups.values()) {
			if (allOffline(g)) {
				offlineSince.putIfAbsent(g.id(), now);
			}
			else {
				offlineSince.remove(g.id());
			}
		}
	}

	/** Since when every seat of the group is offline; null if one is not. */
	Instant offlineSince(long groupId) {
		return offlineSince.get(groupId);
	}

	/** Seats the board holds in a call: a new term's adopted calls find theirs here. */
	List<BoardSeat> inCalls() {
		List<BoardSeat> out = new ArrayList<>();
		for (BoardSeat s : seats.values()) {
			if (s.callId != null && s.state != SeatCallState.FREE && s.state != SeatCallState.WRAP_UP) {
				out.add(s);
			}
		}
		return out;
	}

	/**
	 * Seats whose wrap-up is over at {@code now} become free; {@code handled} hears each with its handling
	 * time (from being taken for its customer to free again).
	 */
	void endWrapUps(Instant now, java.util.function.BiConsumer<BoardSeat, Duration> handled) {
		for (BoardSeat s : seats.values()) {
			if (s.state == SeatCallState.WRAP_UP
					&& !now.isBefore(s.since.plus(Duration.ofSeconds(s.row.wrapUpSeconds())))) {
				Instant taken = s.takenAt;
				move(s, SeatCallState.FREE, null, now, 0, false);
				if (taken != null) {
					handled.accept(s, Duration.between(taken, now));
				}
			}
		}
	}

	/** Seats of {@code g} that take a call now (status idle, call state free). */
	int available(BridgeGroup g) {
		int n = 0;
		for (long id : g.seatIds()) {
			BoardSeat s = seats.get(id);
			if (s != null && s.takes()) {
				n++;
			}
		}
		return n;
	}

	/**
	 * For each seat of {@code g} that is signed in (idle) and in a call or its wrap-up, how long since it
	 * was taken for its customer: the seats a predictive task expects to free.
	 */
	long[] busyMillis(BridgeGroup g, Instant now) {
		long[] busy = new long[g.seatIds().size()];
		int n = 0;
		for (long id : g.seatIds()) {
			BoardSeat s = seats.get(id);
			if (s != null && s.status == SeatStatus.IDLE && s.state != SeatCallState.FREE) {
				Instant from = s.takenAt != null ? s.takenAt : s.since;
				busy[n++] = Math.max(0, Duration.between(from, now).toMillis());
			}
		}
		return java.util.Arrays.copyOf(busy, n);
	}

	/** The changes since the last call, in order; forgotten here. */
	List<SeatChange> drainChanges() {
		List<SeatChange> out = List.copyOf(changes);
		changes.clear();
		return out;
	}

	/** Seats per group and state, as the metrics show them: idle (takes a call), break, offline, or the call state. */
	Map<Long, Map<String, Integer>> countsByGroup() {
		Map<Long, Map<String, Integer>> out = new HashMap<>();
		for (BridgeGroup g : groups.values()) {
			Map<String, Integer> counts = new HashMap<>();
			for (long id : g.seatIds()) {
				BoardSeat s = seats.get(id);
				if (s != null) {
					counts.merge(stateWord(s), 1, Integer::sum);
				}
			}
			out.put(g.id(), counts);
		}
		return out;
	}

	/** What a seat counts as in a group's counts: in a call, its call state; else its status. */
	static String stateWord(BoardSeat s) {
		if (s.state != SeatCallState.FREE) {
			return s.state.json();
		}
		return s.status.json();
	}

	/** The states every group's counts name. */
	static final List<String> STATE_WORDS = List.of("idle", "reserved", "ringing", "talking", "wrap_up", "break",
			"offline");

}
