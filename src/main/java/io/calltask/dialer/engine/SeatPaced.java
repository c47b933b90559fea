package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.calltask.dialer.pacing.SeatPacing;
import io.calltask.seat.BridgeGroup;
import io.calltask.task.TaskRuntime.DialMode;
import io.calltask.task.TaskRuntime.DialTask;
import io.calltask.task.TaskRuntime.PacingState;
import io.calltask.task.TaskRuntime.PacingToday;
import io.calltask.task.TaskRuntime.Transfer;

/**
 * The capacity of tasks paced by their seats (API.md section 9): a {@code ratio} or {@code predictive}
 * task may hold its calls with a seat (waiting for one, ringing one, bridged, or done with one) plus
 * what its {@link SeatPacing} allows without a seat, never more than {@link TaskCapacity#FIXED}; a
 * {@code fixed} task only the latter. Each tick, before pacing, {@link #prepare} shares each group's
 * available seats evenly among the seat-paced tasks dialing on it. It feeds each task's model what it
 * learns (calls placed, answered, asks, bridged or abandoned, seats' handling times) and leaves the
 * task list's {@code pacing} for the writer once a second. Pure: the engine's thread, no I/O.
 */
final class SeatPaced implements TaskCapacity, TransferObserver {

	private static final SeatPacing.Seats NO_SEATS = new SeatPacing.Seats(0, 0, 1.0, new long[0]);

	private final ZoneId zone;

	private final Map<Long, SeatPacing> models = new HashMap<>();

	/** This tick's seats of each seat-paced task, and its decision once asked. */
	private final Map<Long, SeatPacing.Seats> seats = new HashMap<>();

	private final Map<Long, SeatPacing.Decision> decided = new HashMap<>();

	/** This tick's calls of each task in a transfer ({@code [0]}) and waiting ({@code [1]}). */
	private Map<Long, int[]> inTransfer = Map.of();

	/** The seat-paced tasks on each group, for the seats' handling times. */
	private final Map<Long, List<Long>> tasksBySeat = new HashMap<>();

	private Transfers transfers;

	private Instant now = Instant.MIN;

	private Instant nextView = Instant.MIN;

	SeatPaced(ZoneId zone) {
		this.zone = zone;
	}

	/** The transfers whose seats and calls this paces by (made after this, as they report to it). */
	void pacesBy(Transfers transfers) {
		this.transfers = transfers;
	}

	/** Before pacing: each seat-paced task's share of its group's seats now. */
	void prepare(Iterable<TrackedTask> tracked, Instant now) {
		this.now = now;
		seats.clear();
		decided.clear();
		tasksBySeat.clear();
		inTransfer = new HashMap<>();
		for (TransferCall tc : transfers.calls()) {
			int[] c = inTransfer.computeIfAbsent(tc.taskId, k -> new int[2]);
			c[0]++;
			if (tc.phase == TransferCall.Phase.WAITING) {
				c[1]++;
			}
		}
		Map<Long, List<TrackedTask>> byGroup = new HashMap<>();
		for (TrackedTask ts : tracked) {
			Transfer x = ts.task().transfer();
			if (ts.task().live() && x.enabled() && x.mode() != DialMode.FIXED) {
				byGroup.computeIfAbsent(x.bridgeGroupId(), k -> new ArrayList<>()).add(ts);
			}
		}
		SeatBoard board = transfers.board();
		byGroup.forEach((groupId, tasks) -> {
			BridgeGroup g = board.group(groupId);
			if (g == null) {
				return;
			}
			double share = 1.0 / tasks.size();
			double available = board.available(g) * share;
			long[] busy = board.busyMillis(g, now);
			for (TrackedTask ts : tasks) {
				int waiting = inTransfer.getOrDefault(ts.task().id(), new int[2])[1];
				seats.put(ts.task().id(), new SeatPacing.Seats(available, waiting, share, busy));
				g.seatIds().forEach(seat -> tasksBySeat.computeIfAbsent(seat, k -> new ArrayList<>()).add(ts.task().id()));
			}
		});
	}

	@Override
	public int calls(TrackedTask ts) {
		int fixed = FIXED.calls(ts);
		DialTask t = ts.task();
		Transfer x = t.transfer();
		if (!x.enabled() || x.mode() == DialMode.FIXED) {
			return fixed;
		}
		int withSeat = inTransfer.getOrDefault(t.id(), new int[2])[0];
		SeatPacing.Decision d = decided.computeIfAbsent(t.id(), id -> model(t).decide(now, settings(x),
				seats.getOrDefault(id, NO_SEATS), Math.max(0, ts.calls() - withSeat)));
		return Math.min(fixed, withSeat + d.calls());
	}

	private static SeatPacing.Settings settings(Transfer x) {
		return x.mode() == DialMode.RATIO ? SeatPacing.Settings.ratio(Math.max(1, x.proportion()))
				: SeatPacing.Settings.predictive(x.maxDialLevel(), x.maxAbandonRate());
	}

	/** The task's model, made with the day's counts the database has of it (a restart keeps the day's cap). */
	private SeatPacing model(DialTask t) {
		return models.computeIfAbsent(t.id(), id -> {
			SeatPacing m = new SeatPacing(zone);
			PacingToday today = t.state().pacingToday();
			if (today.day() != null && today.day().equals(LocalDate.ofInstant(now, zone))) {
				m.restoreToday(now, today.answered(), today.abandoned());
			}
			return m;
		});
	}

	private SeatPacing known(long taskId) {
		return models.get(taskId);
	}

	// ---------------------------------------------------------------- what the calls teach

	void placed(long taskId, Instant at) {
		SeatPacing m = known(taskId);
		if (m != null) {
			m.placed(at);
		}
	}

	void answered(long taskId, Instant at, Duration ring) {
		SeatPacing m = known(taskId);
		if (m != null) {
			m.answered(at, ring);
		}
	}

	void unanswered(long taskId, Instant at, Duration ring) {
		SeatPacing m = known(taskId);
		if (m != null) {
			m.unanswered(at, ring);
		}
	}

	void endedWithoutAsking(long taskId, Instant at, Duration sincePlaced) {
		SeatPacing m = known(taskId);
		if (m != null) {
			m.endedWithoutAsking(at, sincePlaced);
		}
	}

	@Override
	public void asked(long taskId, Instant at, Duration sincePlaced) {
		SeatPacing m = known(taskId);
		if (m != null) {
			m.asked(at, sincePlaced);
		}
	}

	@Override
	public void bridged(long taskId, Instant at, Duration wait) {
		SeatPacing m = known(taskId);
		if (m != null) {
			m.bridged(at, wait);
		}
	}

	@Override
	public void abandoned(long taskId, Instant at) {
		SeatPacing m = known(taskId);
		if (m != null) {
			m.abandoned(at);
		}
	}

	@Override
	public void handled(long seatId, Instant at, Duration handling) {
		for (long taskId : tasksBySeat.getOrDefault(seatId, List.of())) {
			SeatPacing m = known(taskId);
			if (m != null) {
				m.handled(at, handling);
			}
		}
	}

	/** Once a second: the task list's {@code pacing} of every seat-paced task decided on, for the writer. */
	void views(Collection<PacingState> into) {
		if (now.isBefore(nextView)) {
			return;
		}
		nextView = now.plusSeconds(1);
		LocalDate day = LocalDate.ofInstant(now, zone);
		for (Long taskId : seats.keySet()) {
			SeatPacing m = models.get(taskId);
			if (m != null && m.view().mode() != null) {
				SeatPacing.View v = m.view();
				into.add(new PacingState(taskId, v.dialLevel(), v.seatsAvailable(), v.answeredToday(), v.abandonedToday(),
						day));
			}
		}
	}

}
