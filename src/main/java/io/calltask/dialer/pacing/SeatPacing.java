package io.calltask.dialer.pacing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How many calls without a seat one task may have now, when its dialing is paced by the seats of its
 * bridge group (API.md section 9, issue 24): {@code ratio} (N per available seat) or {@code predictive}
 * (a level between 1.0 and {@code max_dial_level} times the seats available and expected free within the
 * next ring time, set from what it observes so that seats wait little while the day's abandon rate stays at
 * or below {@code max_abandon_rate}). One instance per task, kept while the engine leads. Pure: no
 * threads, no I/O, no clock; the time is passed in, and "today" is the local date of that time in the
 * zone given at construction. Not thread-safe: the engine's thread calls it.
 *
 * What the engine feeds it and the predictive controller: this package's documentation
 * ({@code package-info.java}), and with figures docs/pacing-sim.md.
 */
public final class SeatPacing {

	/** The seat-paced dial modes ({@code fixed} is not paced by seats). */
	public enum Mode {

		RATIO, PREDICTIVE;

		/** The API's word. */
		public String json() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * A task's pacing settings: {@code ratio} with {@code bridge_proportion} N (at least 1), or
	 * {@code predictive} with {@code max_dial_level} (1.0–10.0) and {@code max_abandon_rate} (percent, 0–10).
	 */
	public record Settings(Mode mode, int bridgeProportion, double maxDialLevel, double maxAbandonRate) {

		public static final double DEFAULT_MAX_DIAL_LEVEL = 3.0;

		public static final double DEFAULT_MAX_ABANDON_RATE = 3.0;

		public Settings {
			if (mode == null) {
				throw new IllegalArgumentException("dial_mode is required");
			}
			if (mode == Mode.RATIO && bridgeProportion < 1) {
				throw new IllegalArgumentException("bridge_proportion must be at least 1");
			}
			if (mode == Mode.PREDICTIVE && !(maxDialLevel >= 1.0 && maxDialLevel <= 10.0)) {
				throw new IllegalArgumentException("max_dial_level must be between 1.0 and 10.0");
			}
			if (mode == Mode.PREDICTIVE && !(maxAbandonRate >= 0 && maxAbandonRate <= 10.0)) {
				throw new IllegalArgumentException("max_abandon_rate must be between 0 and 10");
			}
		}

		/** {@code ratio}: at most {@code n} calls without a seat per available seat. */
		public static Settings ratio(int n) {
			return new Settings(Mode.RATIO, n, DEFAULT_MAX_DIAL_LEVEL, DEFAULT_MAX_ABANDON_RATE);
		}

		public static Settings predictive(double maxDialLevel, double maxAbandonRate) {
			return new Settings(Mode.PREDICTIVE, 0, maxDialLevel, maxAbandonRate);
		}

		/** {@code predictive} with the defaults: level up to 3.0, 3 % abandoned. */
		public static Settings predictive() {
			return predictive(DEFAULT_MAX_DIAL_LEVEL, DEFAULT_MAX_ABANDON_RATE);
		}

	}

	/**
	 * The task's share of its group's seats now. {@code available}: seats with status idle and call_state
	 * free, already divided among the tasks sharing the group (so it may be fractional). {@code waiting}: the
	 * task's customers waiting for a seat (asked, not yet ringing one). {@code share}: the task's part of the
	 * group (1 / the tasks dialing on it), by which the busy seats' expected frees count. {@code busyMillis}:
	 * for each seat of the group with status idle that is reserved, ringing, talking or wrapping up, how
	 * long ago it was taken for its customer; never a seat on break or offline, even in a call (it takes no
	 * next one). The array is read during the call only.
	 */
	public record Seats(double available, int waiting, double share, long[] busyMillis) {

		public Seats {
			if (!(available >= 0) || waiting < 0 || !(share >= 0 && share <= 1) || busyMillis == null) {
				throw new IllegalArgumentException("seats: available and waiting are not negative, share is 0 to 1");
			}
		}

		/** A task alone on its group, nobody waiting. */
		public static Seats of(int available, long... busyMillis) {
			return new Seats(available, 0, 1.0, busyMillis);
		}

	}

	/** What led the last decision. */
	public enum State {

		/** {@code ratio}: N per available seat. */
		RATIO,
		/** Too little seen yet: one call per free seat. */
		LEARNING,
		/** Little left of the day's abandon budget: a margin of at least 4, no asks beyond the seats free or all but sure to free. */
		BRAKE,
		/** The controller's level. */
		PREDICTIVE,
		/** The day's abandon rate went over the cap: level 1.0 (one call per free seat) until the day ends. */
		DAY_CAP

	}

	/**
	 * A decision: the task may have up to {@code calls} calls without a seat now. {@code dialLevel}: the
	 * level ({@code bridge_proportion} for ratio); {@code seatsExpected}: the seats it counts (available
	 * ones, and for predictive those expected free within the ring time, less the customers waiting).
	 */
	public record Decision(int calls, double dialLevel, double seatsExpected, State state) {
	}

	/**
	 * The task item's {@code pacing} ({@code mode}, {@code dial_level}, {@code seats_available},
	 * {@code answered_today}, {@code abandoned_today}, {@code abandon_rate} in percent).
	 */
	public record View(String mode, double dialLevel, double seatsAvailable, long answeredToday,
			long abandonedToday, double abandonRate) {
	}

	/** {@code τ}: the share of {@code max_abandon_rate} aimed at (the rest is the day's margin). */
	static final double TARGET_SHARE = 0.8;

	/** {@code k}: how far one outcome moves the safety margin. */
	static final double STEP = 0.2;

	/** Abandons left in the day's budget below which the task brakes: a margin of at least {@link #SURE_Z}. */
	static final double BRAKE_ROOM = 3.0;

	/** Standard deviations short of the frees expected that make a busy seat's free "all but sure". */
	static final double SURE_Z = 4.0;

	/** Answered calls after which the day's cap applies (API.md section 9). */
	static final int DAY_CAP_AFTER = 50;

	/** Calls resolved before the controller leads. */
	static final int MIN_CALLS = 30;

	/** Handling times known before busy seats are expected to free. */
	static final int MIN_HANDLING = 10;

	/** {@code q} and {@code T} weigh about this many recent calls (a burst resolving together does not swing them). */
	static final int CALL_WINDOW = 1000;

	/** Handling times kept. */
	static final int HANDLING_WINDOW = 256;

	/** The safety margin starts here and stays within [{@value #Z_MIN}, {@value #Z_MAX}]. */
	static final double Z_START = 1.0;

	static final double Z_MIN = -3.0;

	static final double Z_MAX = 5.0;

	private final ZoneId zone;

	private final HandlingTimes handling = new HandlingTimes(HANDLING_WINDOW);

	/** Calls resolved (asked, or ended without asking), ever. */
	private long resolved;

	/** {@code q}: share of placed calls that ask for a seat. */
	private double askShare;

	/** {@code T}: how long a placed call stays without a seat, in ms. */
	private double withoutSeatMillis;

	/** {@code z}: the safety margin, in standard deviations. */
	private double margin = Z_START;

	private LocalDate day;

	private long placedToday;

	private long answeredToday;

	private long abandonedToday;

	private boolean cappedToday;

	/** The last decision's. */
	private State state = State.LEARNING;

	private Mode mode;

	private double level = 1.0;

	private double seatsAvailable;

	/** The last decision was held down by {@code max_dial_level}: a call bridged then says nothing of the margin. */
	private boolean atCeiling;

	private double maxAbandonRate = Settings.DEFAULT_MAX_ABANDON_RATE;

	/** @param zone the zone whose local date is "today" ({@code calltask.timezone}) */
	public SeatPacing(ZoneId zone) {
		this.zone = zone;
	}

	/**
	 * How many calls without a seat the task may have at {@code now}, given its {@code settings}, its share
	 * of the seats and its calls without a seat now ({@code withoutSeat}: the caller compares, this class
	 * does not need it).
	 */
	public Decision decide(Instant now, Settings settings, Seats seats, int withoutSeat) {
		roll(now);
		mode = settings.mode();
		maxAbandonRate = settings.maxAbandonRate();
		seatsAvailable = seats.available();
		atCeiling = false;
		if (settings.mode() == Mode.RATIO) {
			state = State.RATIO;
			level = settings.bridgeProportion();
			return new Decision((int) Math.floor(level * seats.available() + 1e-9), level, seats.available(), state);
		}
		if (answeredToday >= DAY_CAP_AFTER && rate() > maxAbandonRate) {
			cappedToday = true;
		}
		double free = Math.max(0, seats.available() - seats.waiting());
		if (cappedToday || resolved < MIN_CALLS || askShare <= 0) {
			state = cappedToday ? State.DAY_CAP : State.LEARNING;
			level = 1.0;
			return new Decision((int) Math.floor(free + 1e-9), level, free, state);
		}
		boolean brake = budget() < BRAKE_ROOM;
		state = brake ? State.BRAKE : State.PREDICTIVE;
		long horizon = Math.max(1, Math.round(withoutSeatMillis));
		double busyExpected = 0;
		double variance = 0;
		if (handling.size() >= MIN_HANDLING) {
			for (long busy : seats.busyMillis()) {
				double p = handling.freeWithin(busy, horizon);
				busyExpected += p;
				variance += p * (1 - p);
			}
		}
		busyExpected *= seats.share();
		variance *= seats.share();
		double expected = Math.max(0, seats.available() + busyExpected - seats.waiting());
		// Busy seats all but sure to free within the ring time: calls for them cost no abandon budget. Not
		// before a turnover of the seats: the first handling times known are the short ones.
		boolean turnedOver = handling.size() >= Math.min(HANDLING_WINDOW, seats.busyMillis().length);
		double sure = turnedOver ? Math.max(0, busyExpected - SURE_Z * Math.sqrt(variance)) : 0;
		sure = Math.max(0, sure - Math.max(0, seats.waiting() - seats.available()));
		// Under the brake, a margin of at least SURE_Z, and no more asks than seats free or all but sure to be.
		double calls = Asks.solve(expected, variance, askShare, brake ? Math.max(margin, SURE_Z) : margin) / askShare;
		double ceiling = Math.min(settings.maxDialLevel() * expected, (free + sure + (brake ? 0 : budget() - 1)) / askShare);
		atCeiling = calls > ceiling;
		calls = Math.max(free, Math.min(ceiling, calls));
		if (expected > 0) {
			level = Math.max(1.0, calls / expected);
		}
		return new Decision((int) Math.floor(calls + 0.5), level, expected, state);
	}

	/** A call of the task was placed at {@code now}. */
	public void placed(Instant now) {
		roll(now);
		placedToday++;
	}

	/** A call of the task was answered at {@code now}, after ringing for {@code ring}. */
	public void answered(Instant now, Duration ring) {
		roll(now);
		answeredToday++;
	}

	/** A call of the task ended unanswered at {@code now} (no answer, busy, failed) after ringing for {@code ring}. */
	public void unanswered(Instant now, Duration ring) {
		roll(now);
		resolve(false, ring);
	}

	/**
	 * A call of the task asked for a seat at {@code now} ({@code direct_bridge} 1: at its answer),
	 * {@code sincePlaced} after it was placed. One of {@link #bridged} and {@link #abandoned} follows.
	 */
	public void asked(Instant now, Duration sincePlaced) {
		roll(now);
		resolve(true, sincePlaced);
	}

	/** An answered call of the task ended at {@code now} without ever asking for a seat, {@code sincePlaced} after it was placed. */
	public void endedWithoutAsking(Instant now, Duration sincePlaced) {
		roll(now);
		resolve(false, sincePlaced);
	}

	/** A call of the task that asked was bridged to a seat at {@code now}, {@code wait} after its ask (within abandon-seconds). */
	public void bridged(Instant now, Duration wait) {
		roll(now);
		if (state == State.PREDICTIVE && !atCeiling) {
			margin = Math.max(Z_MIN, margin - STEP * target());
		}
	}

	/**
	 * A call of the task that asked is abandoned, known at {@code now}: it was not (or will not be) bridged
	 * within {@code calltask.pacing.abandon-seconds} of its ask. Once per call, instead of {@link #bridged}.
	 */
	public void abandoned(Instant now) {
		roll(now);
		abandonedToday++;
		if (answeredToday >= DAY_CAP_AFTER && rate() > maxAbandonRate) {
			cappedToday = true;
		}
		// Under the brake this is a call placed a moment ago by the controller: its margin was too thin.
		if (state == State.PREDICTIVE || state == State.BRAKE) {
			margin = Math.min(Z_MAX, margin + STEP * (1 - target()));
		}
	}

	/** A seat that served a call of the task (or of its group) is free again at {@code now}, {@code handling} after it was taken. */
	public void handled(Instant now, Duration handling) {
		roll(now);
		this.handling.add(handling.toMillis());
	}

	/**
	 * Today's counts as the call records have them (after a restart or a change of leader): {@code answered}
	 * calls of the task answered today and {@code abandoned} ones, today being the local date of
	 * {@code now}. If they are over the cap, the next decision keeps to level 1.0 for the rest of the day.
	 */
	public void restoreToday(Instant now, long answered, long abandoned) {
		roll(now);
		answeredToday = answered;
		abandonedToday = abandoned;
	}

	/** The task item's {@code pacing}, as of the last decision ({@code mode} null before the first). */
	public View view() {
		return new View(mode == null ? null : mode.json(), Math.round(level * 10) / 10.0, seatsAvailable, answeredToday,
				abandonedToday, Math.round(rate() * 10) / 10.0);
	}

	/** Today's abandon rate, in percent of the day's answered calls (0 before any). */
	public double rate() {
		return answeredToday == 0 ? 0 : 100.0 * abandonedToday / answeredToday;
	}

	/** Calls placed today. */
	public long placedToday() {
		return placedToday;
	}

	/** What led the last decision. */
	State state() {
		return state;
	}

	/** {@code z}, the controller's safety margin in standard deviations. */
	double margin() {
		return margin;
	}

	/** The abandons today still allows before its rate goes over the cap (counted on at least 50 answered calls). */
	private double budget() {
		return maxAbandonRate / 100.0 * Math.max(answeredToday, DAY_CAP_AFTER) - abandonedToday;
	}

	/** {@code τ}: the share of asking calls the controller lets be abandoned. */
	private double target() {
		return TARGET_SHARE * maxAbandonRate / 100.0;
	}

	private void resolve(boolean asked, Duration withoutSeat) {
		resolved++;
		double w = Math.max(1.0 / resolved, 1.0 / CALL_WINDOW);
		askShare += ((asked ? 1.0 : 0.0) - askShare) * w;
		withoutSeatMillis += (withoutSeat.toMillis() - withoutSeatMillis) * w;
	}

	/** A new day starts afresh: counts at 0, no cap. What was learned stays. */
	private void roll(Instant now) {
		LocalDate today = LocalDate.ofInstant(now, zone);
		if (!today.equals(day)) {
			day = today;
			placedToday = 0;
			answeredToday = 0;
			abandonedToday = 0;
			cappedToday = false;
		}
	}

}
