package io.calltask.dialer.simulated;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.calltask.dialer.engine.ClockDriven;
import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.dialer.spi.OpenCall;
import io.calltask.dialer.spi.OriginateRequest;

/**
 * A gateway without a switch: each call is answered, busy, fails at the gateway or goes unanswered
 * with the configured odds, and rings and talks for times drawn around the configured means. An
 * answered call comes back graded as a bot would grade it (a grade drawn from {@code intentions})
 * with a recording address, {@code https://recordings.example.invalid/<callid>.wav}, and opting out
 * ({@code calltask_optout=1}) with the odds of {@link BotSettings#optoutRate}. Time
 * is the injected clock's: the engine moves it on every tick ({@link #advanceTo}), so a test with a
 * stepped clock sees calls end exactly when it says.
 */
public class SimulatedGateway implements CallGateway, ClockDriven {

	/**
	 * {@code calltask.dialer.simulated.*}. Rates are fractions; the rest of the calls go unanswered
	 * ({@code NO_ANSWER} after the task's originate timeout or the ring time, whichever is shorter).
	 * Ring and talk times are uniform between two thirds and four thirds of their means (talk-ms
	 * 7500: calls of 5 to 10 seconds). {@code intentions}: the grades answered calls get, as
	 * {@code grade:weight} pairs ({@link IntentionMix}); empty grades none. Transfer to a person (API.md
	 * section 8.2): {@code transferRate} of the answered calls whose bot runs ask for a seat after about
	 * {@code transferAfterMs}; a seat rung answers with {@code seatAnswerRate} after about {@code seatRingMs}
	 * (else it is a miss at its ring timeout) and talks about {@code seatTalkMs}; any seat contact works.
	 */
	@ConfigurationProperties("calltask.dialer.simulated")
	public record Settings(@DefaultValue("0.6") double answerRate, @DefaultValue("0.1") double busyRate,
			@DefaultValue("0.05") double gatewayErrorRate, @DefaultValue("3000") long ringMs,
			@DefaultValue("20000") long talkMs, @DefaultValue("0") long seed,
			@DefaultValue(DEFAULT_INTENTIONS) String intentions, @DefaultValue("0") double transferRate,
			@DefaultValue("5000") long transferAfterMs, @DefaultValue("1") double seatAnswerRate,
			@DefaultValue("3000") long seatRingMs, @DefaultValue("30000") long seatTalkMs) {

		/** Without transfers (every transfer setting at its default). */
		public Settings(double answerRate, double busyRate, double gatewayErrorRate, long ringMs, long talkMs, long seed,
				String intentions) {
			this(answerRate, busyRate, gatewayErrorRate, ringMs, talkMs, seed, intentions, 0, 5000, 1, 3000, 30000);
		}

		public static final String DEFAULT_INTENTIONS = "A:0.1,B:0.2,C:0.3,D:0.2,E:0.1,F:0.1";

		@ConstructorBinding
		public Settings {
			if (answerRate < 0 || busyRate < 0 || gatewayErrorRate < 0 || answerRate + busyRate + gatewayErrorRate > 1) {
				throw new IllegalArgumentException("calltask.dialer.simulated rates must be fractions adding up to at most 1");
			}
			if (ringMs < 0 || talkMs < 0 || transferAfterMs < 0 || seatRingMs < 0 || seatTalkMs < 0) {
				throw new IllegalArgumentException("calltask.dialer.simulated times (…-ms) must not be negative");
			}
			if (transferRate < 0 || transferRate > 1 || seatAnswerRate < 0 || seatAnswerRate > 1) {
				throw new IllegalArgumentException(
						"calltask.dialer.simulated transfer-rate and seat-answer-rate must be fractions");
			}
			IntentionMix.parse(intentions); // fails the start with what is wrong
		}

	}

	/**
	 * {@code calltask.dialer.simulated.optout-rate}: the fraction of answered calls whose callee refuses
	 * further calls (API.md section 10). Beside {@link Settings}, which holds as many settings as a record
	 * here may.
	 */
	@ConfigurationProperties("calltask.dialer.simulated")
	public record BotSettings(@DefaultValue("0") double optoutRate) {

		public static final BotSettings NONE = new BotSettings(0);

		@ConstructorBinding
		public BotSettings {
			if (optoutRate < 0 || optoutRate > 1) {
				throw new IllegalArgumentException("calltask.dialer.simulated.optout-rate must be a fraction");
			}
		}

	}

	private record Due(Instant at, long order, CallEvent event) {
	}

	/** Where the simulated bot's recordings would be: never a real host ({@code .invalid}). */
	static final String RECORDINGS = "https://recordings.example.invalid/";

	private static final class Call {

		final Instant startedAt;

		Instant answeredAt;

		boolean over;

		/** What the bot leaves if the call is answered (drawn when it is placed). */
		String intention;

		String recordingUrl;

		/** The callee refuses further calls if the call is answered (drawn when it is placed). */
		boolean optout;

		/** Its bot asked for a seat: it stays up until the engine ends it or a seat talked. */
		boolean transferring;

		/** The seat bridged to it, null if none. */
		Long bridgedSeat;

		Call(Instant startedAt) {
			this.startedAt = startedAt;
		}

	}

	private final Settings settings;

	private final BotSettings bot;

	private final Clock clock;

	private final Random random;

	private final IntentionMix intentions;

	private final PriorityQueue<Due> due = new PriorityQueue<>((a, b) -> {
		int c = a.at().compareTo(b.at());
		return c != 0 ? c : Long.compare(a.order(), b.order());
	});

	private final Map<UUID, Call> calls = new HashMap<>();

	private long order;

	private CallEvents events;

	public SimulatedGateway(Settings settings, Clock clock) {
		this(settings, BotSettings.NONE, clock);
	}

	public SimulatedGateway(Settings settings, BotSettings bot, Clock clock) {
		this.settings = settings;
		this.bot = bot;
		this.clock = clock;
		this.random = settings.seed() == 0 ? new Random() : new Random(settings.seed());
		this.intentions = IntentionMix.parse(settings.intentions());
	}

	@Override
	public synchronized void start(String dialerNode, List<OpenCall> open, CallEvents events) {
		this.events = events;
		open.forEach(this::adopt);
	}

	/** Its calls die with the process: one it is not still playing (the engine restarted in this process) ends as lost. */
	@Override
	public synchronized void adopt(OpenCall call) {
		Call playing = calls.get(call.callId());
		if (playing == null || playing.over) {
			events.on(call.lost());
		}
	}

	@Override
	public synchronized void originate(OriginateRequest call) {
		Instant now = clock.instant();
		Call placed = new Call(now);
		calls.put(call.callId(), placed);
		double r = random.nextDouble();
		long ring = around(settings.ringMs());
		long timeout = Math.max(1, call.route().timeoutSeconds()) * 1000L;
		if (r < settings.answerRate()) {
			Instant answer = now.plusMillis(Math.min(ring, timeout - 1));
			long talk = Math.max(1000, around(settings.talkMs()));
			schedule(answer, new CallEvent.Answered(call.callId(), answer));
			Instant end = answer.plusMillis(talk);
			// Drawn after the outcome and times, so a seed's calls end as before grades existed.
			placed.intention = intentions.gradesCalls() ? intentions.grade(random.nextDouble()) : null;
			placed.recordingUrl = RECORDINGS + call.callId() + ".wav";
			if (call.destination().parkForSeat()) {
				placed.transferring = true; // no bot: it waits for the engine's seat
				return;
			}
			// Drawn last, so that without transfers a seed's calls go as before transfers existed.
			if (settings.transferRate() > 0 && random.nextDouble() < settings.transferRate()) {
				placed.transferring = true;
				Instant ask = answer.plusMillis(around(settings.transferAfterMs()));
				schedule(ask, new CallEvent.TransferAsked(call.callId(), ask));
				return;
			}
			// Drawn last and only when asked for, so that a seed's calls go as before opt-outs existed.
			placed.optout = bot.optoutRate() > 0 && random.nextDouble() < bot.optoutRate();
			schedule(end, CallEvent.HungUp.billed(call.callId(), end, "NORMAL_CLEARING", answer, talk)
				.leaving(placed.intention, placed.recordingUrl)
				.optingOut(placed.optout));
		}
		else if (r < settings.answerRate() + settings.busyRate()) {
			Instant end = now.plusMillis(Math.min(ring / 2, timeout));
			schedule(end, CallEvent.HungUp.unanswered(call.callId(), end, "USER_BUSY"));
		}
		else if (r < settings.answerRate() + settings.busyRate() + settings.gatewayErrorRate()) {
			Instant end = now.plusMillis(Math.min(50, ring));
			schedule(end, CallEvent.HungUp.unanswered(call.callId(), end, "NORMAL_TEMPORARY_FAILURE"));
		}
		else {
			Instant end = now.plusMillis(Math.min(Math.max(ring * 3, 1), timeout));
			schedule(end, CallEvent.HungUp.unanswered(call.callId(), end, "NO_ANSWER"));
		}
	}

	@Override
	public synchronized void cancel(UUID callId) {
		Call call = calls.get(callId);
		if (call == null || call.over) {
			return;
		}
		Instant now = clock.instant();
		long bill = call.answeredAt == null ? 0 : Duration.between(call.answeredAt, now).toMillis();
		// What a switch does: the hangup comes at once, the originally planned ending never does.
		call.over = true;
		calls.remove(callId);
		if (call.bridgedSeat != null) {
			deliver(new CallEvent.SeatHungUp(callId, call.bridgedSeat, now));
		}
		// An answered call had its conversation: the bot's grade and recording stand.
		boolean talked = call.answeredAt != null;
		deliver(CallEvent.HungUp.billed(callId, now, "ORIGINATOR_CANCEL", call.answeredAt, bill)
			.leaving(talked ? call.intention : null, talked ? call.recordingUrl : null)
			.optingOut(talked && call.optout));
	}

	/**
	 * The seat answers with {@code seat-answer-rate} after about {@code seat-ring-ms} (a miss, NO_ANSWER, at
	 * its ring timeout if not), talks about {@code seat-talk-ms} (at least 0.1 s) and hangs up, and the
	 * customer with it.
	 */
	@Override
	public synchronized void ringSeat(SeatRing ring) {
		Call call = calls.get(ring.callId());
		if (call == null || call.over || call.answeredAt == null) {
			return;
		}
		call.transferring = true;
		Instant now = clock.instant();
		long rings = around(settings.seatRingMs());
		long timeout = Math.max(1, ring.ringTimeoutSeconds()) * 1000L;
		if (random.nextDouble() < settings.seatAnswerRate() && rings < timeout) {
			Instant answer = now.plusMillis(rings);
			Instant end = answer.plusMillis(Math.max(100, around(settings.seatTalkMs())));
			schedule(answer, new CallEvent.SeatAnswered(ring.callId(), ring.seatId(), answer));
			schedule(end, new CallEvent.SeatHungUp(ring.callId(), ring.seatId(), end));
			schedule(end, CallEvent.HungUp.billed(ring.callId(), end, "NORMAL_CLEARING", call.answeredAt,
					Duration.between(call.answeredAt, end).toMillis()).leaving(call.intention, call.recordingUrl));
		}
		else {
			Instant miss = now.plusMillis(timeout);
			schedule(miss, new CallEvent.SeatMissed(ring.callId(), ring.seatId(), miss, "NO_ANSWER"));
		}
	}

	/** Nothing to simulate: the customer waits. */
	@Override
	public synchronized void hold(UUID callId, String holdAudio) {
	}

	/** The bot takes the call back, grades it E and hangs up a second later (as the test switch's bot does). */
	@Override
	public synchronized void backToBot(UUID callId, OriginateRequest.Destination destination) {
		Call call = calls.get(callId);
		if (call == null || call.over || call.answeredAt == null) {
			return;
		}
		Instant end = clock.instant().plusSeconds(1);
		schedule(end, CallEvent.HungUp.billed(callId, end, "NORMAL_CLEARING", call.answeredAt,
				Duration.between(call.answeredAt, end).toMillis()).leaving("E", call.recordingUrl));
	}

	/** Delivers every event due at or before {@code now}, in time order. */
	@Override
	public synchronized void advanceTo(Instant now) {
		while (!due.isEmpty() && !due.peek().at().isAfter(now)) {
			CallEvent event = due.poll().event();
			Call call = calls.get(event.callId());
			if (call == null || call.over) {
				continue;
			}
			if (event instanceof CallEvent.Answered a) {
				call.answeredAt = a.at();
			}
			else if (event instanceof CallEvent.SeatAnswered seat) {
				call.bridgedSeat = seat.seatId();
			}
			else if (event instanceof CallEvent.SeatHungUp) {
				call.bridgedSeat = null;
			}
			else if (event instanceof CallEvent.HungUp) {
				call.over = true;
				calls.remove(event.callId());
			}
			deliver(event);
		}
	}

	/** Calls placed and not yet ended. */
	public synchronized int callsInProgress() {
		return calls.size();
	}

	private void deliver(CallEvent event) {
		if (events != null) {
			events.on(event);
		}
	}

	private void schedule(Instant at, CallEvent event) {
		due.add(new Due(at, order++, event));
	}

	private long around(long mean) {
		if (mean == 0) {
			return 0;
		}
		return (long) (mean * (2.0 + 2.0 * random.nextDouble()) / 3.0);
	}

}
