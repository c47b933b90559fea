package io.calltask.dialer.pacing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seat-paced dialing in virtual time (discrete events, one thread, no Spring): one task with direct bridge
 * on a team of seats, over the simulated gateway's callee model, paced by {@link SeatPacing} or by a
 * baseline, printing per mode and cell seat occupancy (bridged seconds ÷ signed-in seat seconds), abandon
 * rate (abandoned ÷ answered) and calls placed. {@code bench/pacing-sim.sh} runs it; docs/pacing-sim.md
 * holds the figures.
 *
 * <p>The model, as {@code SimulatedGateway} draws it (times uniform between 2/3 and 4/3 of their mean):
 * of the calls placed, 30 % are answered after the ring (mean 1.5 s), 10 % are busy at half a ring, 5 %
 * fail at the gateway after 50 ms and the rest ring out unanswered at three rings. Every answered call
 * asks for a seat at once ({@code direct_bridge}); a free seat (the longest idle) takes it at once (seats
 * answer at once: auto-answer), talks (mean 4 s or 60 s, at least 0.1 s) and then wraps up
 * (none by default: {@link #WRAP_UP_MS}); a customer not bridged within 2 s is abandoned and hangs up. Every seat is
 * signed in all the time. No {@code cps} or {@code maximumcall} limit: pacing alone decides. The engine
 * ticks every 2 ms; pacing here decides every {@link #TICK_MS} ms, after the events up to then.
 *
 * <p>Arguments: hours per run (2), seeds per cell (5), wrap-up in ms (0); {@link #main} has the others.
 */
public final class PacingSimulation {

	static final double ANSWER_RATE = 0.3;

	static final double BUSY_RATE = 0.1;

	static final double FAILED_RATE = 0.05;

	static final long RING_MS = 1500;

	static final long WRAP_UP_MS = 0;

	static final long ABANDON_MS = 2000;

	static final long TICK_MS = 10;

	/** The task's {@code cps}, per seat of the team. */
	static final double CPS_PER_SEAT = 2;

	static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

	/** One pacing under test: how many calls without a seat it allows now, and what it is told. */
	interface Policy {

		int allowed(Sim sim);

		default void placed(long now) {
		}

		default void answered(long now, long ring) {
		}

		default void unanswered(long now, long ring) {
		}

		default void bridged(long now, long wait) {
		}

		default void abandoned(long now) {
		}

		default void handled(long now, long millis) {
		}

		/** Called every second of virtual time (before pacing decides). */
		default void second(Sim sim) {
		}

		/** Its level now (for the table). */
		double level();

		/** Whether the day's hard cap was reached. */
		default boolean capped() {
			return false;
		}

	}

	/** {@link SeatPacing}, as the engine would drive it. */
	static class Paced implements Policy {

		final SeatPacing pacing = new SeatPacing(ZoneOffset.UTC);

		final SeatPacing.Settings settings;

		double level = 1.0;

		Paced(SeatPacing.Settings settings) {
			this.settings = settings;
		}

		@Override
		public int allowed(Sim sim) {
			long[] busy = new long[sim.seats - sim.free];
			int b = 0;
			for (int i = 0; i < sim.seats; i++) {
				if (sim.busy[i]) {
					busy[b++] = sim.now - sim.takenAt[i];
				}
			}
			SeatPacing.Decision d = pacing.decide(at(sim.now),
					settings, new SeatPacing.Seats(sim.free, sim.waiting.size(), 1.0, busy), sim.ringing);
			level = d.dialLevel();
			return d.calls();
		}

		@Override
		public void placed(long now) {
			pacing.placed(at(now));
		}

		@Override
		public void answered(long now, long ring) {
			pacing.answered(at(now), Duration.ofMillis(ring));
			pacing.asked(at(now), Duration.ofMillis(ring));
		}

		@Override
		public void unanswered(long now, long ring) {
			pacing.unanswered(at(now), Duration.ofMillis(ring));
		}

		@Override
		public void bridged(long now, long wait) {
			pacing.bridged(at(now), Duration.ofMillis(wait));
		}

		@Override
		public void abandoned(long now) {
			pacing.abandoned(at(now));
		}

		@Override
		public void handled(long now, long millis) {
			pacing.handled(at(now), Duration.ofMillis(millis));
		}

		@Override
		public double level() {
			return level;
		}

		@Override
		public boolean capped() {
			return pacing.state() == SeatPacing.State.DAY_CAP;
		}

		private static Instant at(long now) {
			return T0.plusMillis(now);
		}

	}

	/**
	 * VICIdial's adaptive predictive dialing, {@code ADAPT_HARD_LIMIT}, reimplemented from its source as
	 * published: {@code bin/AST_VDadapt.pl} (version 2.4, e.g. github.com/inktel/Vicidial), subroutines
	 * {@code count_agents_lines}, {@code calculate_drops} and {@code calculate_dial_level}, and the
	 * goal-calls rule of {@code bin/AST_VDauto_dial.pl}. With the defaults {@code adaptive_dl_diff_target}
	 * 0, {@code adaptive_intensity} 0, {@code available_only_ratio_tally} N:
	 * <ul>
	 * <li>every second, agents waiting (READY), calls waiting for an agent (LIVE) and agents logged in are
	 * sampled; the differential is the mean of the last 15 samples of ready less that of waiting;</li>
	 * <li>every 15 s: {@code level = level × (1 + differential ÷ mean agents)}, kept within
	 * [1.0, {@code adaptive_maximum_level}]; then the drop rules on the drop figures refreshed every 60 s:
	 * over 20 calls in the last minute with over 50 % of them dropped halves the level; over 50 calls
	 * today with drops over {@code adaptive_dropped_percentage} of today's answered calls sets it to 1.0
	 * (HARD_LIMIT, checked again every 15 s: it lets go when the day's rate is back under); never below
	 * 1.0;</li>
	 * <li>dialing (AST_VDauto_dial.pl): lines wanted = round(level × agents not paused, in a call or
	 * ready), less the lines up (ringing, waiting for an agent, or with an agent).</li>
	 * </ul>
	 * A drop is our abandon (no seat within 2 s), the daily counts start with the run.
	 */
	static final class Vicidial implements Policy {

		final double maximumLevel;

		final double droppedPercentage;

		double level = 1.0;

		final ArrayDeque<double[]> samples = new ArrayDeque<>();

		long seconds;

		/** Placed and dropped in the last minute (times), and today's totals. */
		final ArrayDeque<Long> placedTimes = new ArrayDeque<>();

		final ArrayDeque<Long> dropTimes = new ArrayDeque<>();

		long callsToday;

		long answersToday;

		long dropsToday;

		/** The drop figures as last refreshed (every 60 s). */
		long callsOne;

		long dropsOne;

		long statCallsToday;

		double dropsAnswersTodayPct;

		Vicidial(double maximumLevel, double droppedPercentage) {
			this.maximumLevel = maximumLevel;
			this.droppedPercentage = droppedPercentage;
		}

		@Override
		public int allowed(Sim sim) {
			long goal = Math.round(Math.rint(level * sim.seats));
			long up = sim.ringing + sim.waiting.size() + sim.talking();
			return (int) Math.max(0, goal - up + sim.ringing);
		}

		@Override
		public void second(Sim sim) {
			samples.addLast(new double[] { sim.free, sim.waiting.size(), sim.seats });
			if (samples.size() > 15) {
				samples.removeFirst();
			}
			seconds++;
			if (seconds % 60 == 1) {
				while (!placedTimes.isEmpty() && placedTimes.peekFirst() <= sim.now - 60_000) {
					placedTimes.removeFirst();
				}
				while (!dropTimes.isEmpty() && dropTimes.peekFirst() <= sim.now - 60_000) {
					dropTimes.removeFirst();
				}
				callsOne = placedTimes.size();
				dropsOne = dropTimes.size();
				statCallsToday = callsToday;
				dropsAnswersTodayPct = answersToday == 0 ? 0 : 100.0 * dropsToday / answersToday;
			}
			if (seconds % 15 == 0) {
				adapt();
			}
		}

		private void adapt() {
			double ready = 0;
			double waiting = 0;
			double agents = 0;
			for (double[] s : samples) {
				ready += s[0];
				waiting += s[1];
				agents += s[2];
			}
			ready /= samples.size();
			waiting /= samples.size();
			agents /= samples.size();
			double differential = ready - waiting;
			double mul = differential == 0 || agents == 0 ? 0 : differential / agents;
			double next = level * (1 + mul);
			next = Math.min(next, maximumLevel);
			next = Math.max(next, 1.0);
			if (callsOne > 20 && 100.0 * dropsOne / callsOne > 50) {
				next = next / 2;
			}
			if (statCallsToday > 50 && dropsAnswersTodayPct > droppedPercentage) {
				next = 1.0;
			}
			level = Math.max(next, 1.0);
		}

		@Override
		public void placed(long now) {
			callsToday++;
			placedTimes.addLast(now);
		}

		@Override
		public void answered(long now, long ring) {
			answersToday++;
		}

		@Override
		public void abandoned(long now) {
			dropsToday++;
			dropTimes.addLast(now);
		}

		@Override
		public double level() {
			return level;
		}

	}

	/** {@code ratio} N: N calls without a seat per available seat (the {@code SeatPacing} ratio mode). */
	static Supplier<Policy> ratio(int n) {
		return () -> new Paced(SeatPacing.Settings.ratio(n));
	}

	private record Event(long at, long order, int kind, Call call, int seat) {
	}

	private static final int ANSWER = 0;

	private static final int RING_OUT = 1;

	private static final int SEAT_FREE = 2;

	private static final int GIVE_UP = 3;

	private static final class Call {

		long placedAt;

		long ring;

		long askedAt;

		boolean waiting;

	}

	/** One run: one team, one talk time, one seed, one policy. */
	static final class Sim {

		final int seats;

		final long talkMs;

		final long wrapUpMs;

		final Random random;

		final Policy policy;

		long now;

		final boolean[] busy;

		final long[] takenAt;

		final long[] freeSince;

		final long[] talkEnds;

		int free;

		int ringing;

		final ArrayDeque<Call> waiting = new ArrayDeque<>();

		final java.util.LinkedHashSet<Call> inFlight = new java.util.LinkedHashSet<>();

		private final PriorityQueue<Event> events = new PriorityQueue<>(
				(a, b) -> a.at != b.at ? Long.compare(a.at, b.at)
						: a.kind != b.kind ? Integer.compare(a.kind, b.kind) : Long.compare(a.order, b.order));

		private long order;

		/** The task's calls per second: a token bucket refilled every tick, holding at most a quarter second's worth. */
		final double cps;

		double tokens;

		long placed;

		long answered;

		long abandoned;

		long bridgedMs;

		double levelSum;

		long levelTicks;

		Sim(int seats, long talkMs, long wrapUpMs, long seed, Policy policy) {
			this.seats = seats;
			this.talkMs = talkMs;
			this.wrapUpMs = wrapUpMs;
			this.random = new Random(seed);
			this.policy = policy;
			this.busy = new boolean[seats];
			this.takenAt = new long[seats];
			this.freeSince = new long[seats];
			this.talkEnds = new long[seats];
			this.free = seats;
			this.cps = CPS_PER_SEAT * seats;
		}

		int talking() {
			int n = 0;
			for (int i = 0; i < seats; i++) {
				if (busy[i] && talkEnds[i] > now) {
					n++;
				}
			}
			return n;
		}

		void run(long durationMs) {
			for (now = 0; now < durationMs; now += TICK_MS) {
				while (!events.isEmpty() && events.peek().at <= now) {
					Event e = events.poll();
					long at = now;
					now = e.at;
					handle(e);
					now = at;
				}
				if (now % 1000 == 0) {
					policy.second(this);
				}
				tokens = Math.min(tokens + cps * TICK_MS / 1000.0, Math.max(1, cps / 4.0));
				int allowed = policy.allowed(this);
				while (ringing < allowed && tokens >= 1) {
					tokens--;
					place();
				}
				levelSum += policy.level();
				levelTicks++;
			}
			for (int i = 0; i < seats; i++) {
				if (busy[i] && talkEnds[i] > durationMs) {
					bridgedMs -= talkEnds[i] - durationMs;
				}
			}
		}

		private void place() {
			Call call = new Call();
			call.placedAt = now;
			placed++;
			ringing++;
			inFlight.add(call);
			policy.placed(now);
			double r = random.nextDouble();
			long ring = around(RING_MS);
			if (r < ANSWER_RATE) {
				call.ring = ring;
				schedule(now + ring, ANSWER, call, -1);
			}
			else if (r < ANSWER_RATE + BUSY_RATE) {
				call.ring = ring / 2;
				schedule(now + call.ring, RING_OUT, call, -1);
			}
			else if (r < ANSWER_RATE + BUSY_RATE + FAILED_RATE) {
				call.ring = Math.min(50, ring);
				schedule(now + call.ring, RING_OUT, call, -1);
			}
			else {
				call.ring = Math.max(ring * 3, 1);
				schedule(now + call.ring, RING_OUT, call, -1);
			}
		}

		private void handle(Event e) {
			switch (e.kind) {
				case RING_OUT -> {
					ringing--;
					inFlight.remove(e.call);
					policy.unanswered(now, e.call.ring);
				}
				case ANSWER -> {
					ringing--;
					inFlight.remove(e.call);
					answered++;
					e.call.askedAt = now;
					policy.answered(now, e.call.ring);
					int seat = longestIdle();
					if (seat >= 0) {
						bridge(e.call, seat);
					}
					else {
						e.call.waiting = true;
						waiting.addLast(e.call);
						schedule(now + ABANDON_MS, GIVE_UP, e.call, -1);
					}
				}
				case SEAT_FREE -> {
					busy[e.seat] = false;
					free++;
					freeSince[e.seat] = now;
					policy.handled(now, now - takenAt[e.seat]);
					Call next = waiting.pollFirst();
					if (next != null) {
						next.waiting = false;
						bridge(next, e.seat);
					}
				}
				case GIVE_UP -> {
					if (e.call.waiting) {
						e.call.waiting = false;
						waiting.remove(e.call);
						abandoned++;
						policy.abandoned(now);
					}
				}
				default -> throw new IllegalStateException();
			}
		}

		private void bridge(Call call, int seat) {
			busy[seat] = true;
			free--;
			takenAt[seat] = now;
			long talk = Math.max(100, around(talkMs));
			talkEnds[seat] = now + talk;
			bridgedMs += talk;
			policy.bridged(now, now - call.askedAt);
			schedule(now + talk + wrapUpMs, SEAT_FREE, null, seat);
		}

		private int longestIdle() {
			int best = -1;
			for (int i = 0; i < seats; i++) {
				if (!busy[i] && (best < 0 || freeSince[i] < freeSince[best])) {
					best = i;
				}
			}
			return best;
		}

		private void schedule(long at, int kind, Call call, int seat) {
			events.add(new Event(at, order++, kind, call, seat));
		}

		private long around(long mean) {
			return (long) (mean * (2.0 + 2.0 * random.nextDouble()) / 3.0);
		}

	}

	record Mode(String name, Supplier<Policy> policy) {
	}

	record Result(double occupancy, double abandonRate, double worstAbandonRate, double placed, double level,
			int capped) {
	}

	static Result run(Mode mode, int seats, long talkMs, long wrapUpMs, long durationMs, int seeds) {
		double occupancy = 0;
		double abandon = 0;
		double worst = 0;
		double placed = 0;
		double level = 0;
		int capped = 0;
		for (int s = 1; s <= seeds; s++) {
			Policy policy = mode.policy().get();
			Sim sim = new Sim(seats, talkMs, wrapUpMs, 1000L * seats + talkMs + s, policy);
			sim.run(durationMs);
			double rate = sim.answered == 0 ? 0 : 100.0 * sim.abandoned / sim.answered;
			occupancy += sim.bridgedMs / (double) (seats * durationMs);
			abandon += rate;
			worst = Math.max(worst, rate);
			placed += sim.placed;
			level += sim.levelSum / sim.levelTicks;
			capped += policy.capped() ? 1 : 0;
		}
		return new Result(occupancy / seeds, abandon / seeds, worst, placed / seeds, level / seeds, capped);
	}

	/**
	 * A fixed rule, to map what a cell allows: {@code a} calls per free seat plus {@code b} per busy seat
	 * expected free within {@code h} ms (by the same handling-time distribution as {@link SeatPacing}).
	 * {@code a} alone is {@code ratio a}, fractional ratios included.
	 */
	static final class FixedRule implements Policy {

		final double a;

		final double b;

		final long h;

		final HandlingTimes times = new HandlingTimes(SeatPacing.HANDLING_WINDOW);

		FixedRule(double a, double b, long h) {
			this.a = a;
			this.b = b;
			this.h = h;
		}

		@Override
		public int allowed(Sim sim) {
			double expected = 0;
			if (b > 0 && times.size() >= SeatPacing.MIN_HANDLING) {
				for (int i = 0; i < sim.seats; i++) {
					if (sim.busy[i]) {
						expected += times.freeWithin(sim.now - sim.takenAt[i], h);
					}
				}
			}
			return (int) Math.floor(a * sim.free + b * Math.max(0, expected - sim.waiting.size()) + 0.5);
		}

		@Override
		public void handled(long now, long millis) {
			times.add(millis);
		}

		@Override
		public double level() {
			return a;
		}

	}

	static List<Mode> modes() {
		List<Mode> modes = new ArrayList<>();
		modes.add(new Mode("predictive (max level 3.0)", () -> new Paced(SeatPacing.Settings.predictive())));
		modes.add(new Mode("predictive (max level 10.0)", () -> new Paced(SeatPacing.Settings.predictive(10.0, 3.0))));
		modes.add(new Mode("ratio 1", ratio(1)));
		modes.add(new Mode("ratio 2", ratio(2)));
		modes.add(new Mode("ratio 3", ratio(3)));
		modes.add(new Mode("VICIdial ADAPT_HARD_LIMIT (max 3.0)", () -> new Vicidial(3.0, 3.0)));
		modes.add(new Mode("VICIdial ADAPT_HARD_LIMIT (max 10.0)", () -> new Vicidial(10.0, 3.0)));
		return modes;
	}

	/** Predictive at lower abandon caps, for {@code caps}: to set it beside a baseline at that baseline's abandon rate. */
	static List<Mode> caps() {
		List<Mode> modes = new ArrayList<>();
		for (double max : new double[] { 3.0, 10.0 }) {
			for (double cap : new double[] { 0.1, 0.5, 1.0, 2.0 }) {
				modes.add(new Mode(String.format(Locale.ROOT, "predictive (max level %.1f, max abandon rate %.1f %%)", max, cap),
						() -> new Paced(SeatPacing.Settings.predictive(max, cap))));
			}
		}
		return modes;
	}

	/** Fixed rules around the best ratios, for {@code frontier}. */
	static List<Mode> frontier() {
		List<Mode> modes = new ArrayList<>();
		for (double a : new double[] { 1.25, 1.5, 2, 2.5, 3, 3.5 }) {
			modes.add(new Mode(String.format(Locale.ROOT, "ratio %.2f", a), () -> new FixedRule(a, 0, 0)));
		}
		for (double[] r : new double[][] { { 1.25, 0.25 }, { 1.5, 0.5 }, { 2, 0.5 }, { 2.5, 0.5 }, { 3, 0.5 }, { 3, 1 } }) {
			modes.add(new Mode(String.format(Locale.ROOT, "%.2f per free seat + %.2f per seat expected within 3 s", r[0], r[1]),
					() -> new FixedRule(r[0], r[1], 3000)));
		}
		return modes;
	}

	/** {@code trace <seats> <talk ms> <seed> <max level> [max abandon rate]}: the predictive controller minute by minute, and each abandon. */
	static void trace(String[] args) {
		int seats = Integer.parseInt(args[1]);
		long talk = Long.parseLong(args[2]);
		long seed = Long.parseLong(args[3]);
		double max = Double.parseDouble(args[4]);
		double cap = args.length > 5 ? Double.parseDouble(args[5]) : 3.0;
		Paced policy = new Paced(SeatPacing.Settings.predictive(max, cap)) {

			@Override
			public void abandoned(long now) {
				SeatPacing.State before = pacing.state();
				super.abandoned(now);
				System.out.printf(Locale.ROOT, "  abandoned at %7.1f s (%s), today %d of %d, z %.2f%n", now / 1000.0, before,
						pacing.view().abandonedToday(), pacing.view().answeredToday(), pacing.margin());
			}

			@Override
			public void second(Sim sim) {
				if (sim.now % 60_000 == 0) {
					SeatPacing.View v = pacing.view();
					System.out.printf(Locale.ROOT, "%5.0f s %-10s answered %6d abandoned %4d (%.2f %%) level %.2f z %.2f busy %d/%d%n",
							sim.now / 1000.0, pacing.state(), v.answeredToday(), v.abandonedToday(), pacing.rate(), level,
							pacing.margin(), sim.seats - sim.free, sim.seats);
				}
			}

		};
		Sim sim = new Sim(seats, talk, WRAP_UP_MS, seed, policy);
		sim.run(2 * 3_600_000L);
		System.out.printf(Locale.ROOT, "occupancy %.3f abandoned %.2f %% placed %d%n",
				sim.bridgedMs / (double) (seats * 7_200_000L), 100.0 * sim.abandoned / sim.answered, sim.placed);
	}

	/**
	 * {@code [hours [seeds [wrap-up ms]]]}: the table; {@code frontier …} and {@code caps …} (same arguments):
	 * fixed rules on the 60 s cells, predictive at lower abandon caps;
	 * {@code trace <seats> <talk ms> <seed> <max level>}: one predictive run minute by minute.
	 */
	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("trace")) {
			trace(args);
			return;
		}
		String table = args.length > 0 && (args[0].equals("frontier") || args[0].equals("caps")) ? args[0] : "modes";
		boolean frontier = table.equals("frontier");
		int at = table.equals("modes") ? 0 : 1;
		double hours = args.length > at ? Double.parseDouble(args[at]) : 2;
		int seeds = args.length > at + 1 ? Integer.parseInt(args[at + 1]) : 5;
		long wrapUp = args.length > at + 2 ? Long.parseLong(args[at + 2]) : WRAP_UP_MS;
		long duration = (long) (hours * 3_600_000);
		System.out.printf(Locale.ROOT,
				"# %.1f h per run, %d seeds per cell: means; worst = the highest abandon rate of a seed; capped = runs whose day's cap was reached%n",
				hours, seeds);
		System.out.printf(Locale.ROOT,
				"# answer %.0f %% (busy %.0f %%, failed %.0f %%), ring %d ms, wrap-up %d ms, abandoned after %d ms, cps %.0f per seat%n%n",
				ANSWER_RATE * 100, BUSY_RATE * 100, FAILED_RATE * 100, RING_MS, wrapUp, ABANDON_MS, CPS_PER_SEAT);
		System.out.printf(Locale.ROOT, "| seats | talk | mode | occupancy | abandoned %% (worst) | calls placed | mean level | capped |%n");
		System.out.printf(Locale.ROOT, "|---:|---:|---|---:|---:|---:|---:|---:|%n");
		for (int seats : new int[] { 10, 50 }) {
			for (long talk : frontier ? new long[] { 60000 } : new long[] { 4000, 60000 }) {
				for (Mode mode : frontier ? frontier() : table.equals("caps") ? caps() : modes()) {
					Result r = run(mode, seats, talk, wrapUp, duration, seeds);
					System.out.printf(Locale.ROOT, "| %d | %d s | %s | %.3f | %.2f (%.2f) | %.0f | %.2f | %d |%n", seats,
							talk / 1000, mode.name(), r.occupancy(), r.abandonRate(), r.worstAbandonRate(), r.placed(),
							r.level(), r.capped());
				}
			}
		}
	}

}
