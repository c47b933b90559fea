package io.calltask.dialer.pacing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.calltask.dialer.pacing.SeatPacing.Decision;
import io.calltask.dialer.pacing.SeatPacing.Seats;
import io.calltask.dialer.pacing.SeatPacing.Settings;
import io.calltask.dialer.pacing.SeatPacing.State;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pacing by seats as a task's owner sees it: how many calls without a seat the task may have, its
 * level, and today's abandons. Calls are fed as the engine would: 30 % answered after 1.5 s and asking
 * for a seat at once (direct bridge), the rest unanswered after 4.5 s; seats handle a customer in 60 s.
 */
class SeatPacingTests {

	/** 23:00 in Shanghai: the local day ends an hour later. */
	private static final Instant LATE_EVENING = Instant.parse("2026-03-02T15:00:00Z");

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final Duration RING = Duration.ofMillis(1_500);

	private static final Duration RING_OUT = Duration.ofMillis(4_500);

	private static final Duration HANDLING = Duration.ofSeconds(60);

	private final SeatPacing pacing = new SeatPacing(SHANGHAI);

	private Instant now = LATE_EVENING;

	/** Two seats available, eight 10 s into their calls (none of them expected free soon). */
	private static Seats twoAvailable() {
		long[] busy = new long[8];
		Arrays.fill(busy, 10_000);
		return Seats.of(2, busy);
	}

	@Test
	void ratioKeepsAtMostNCallsWithoutASeatPerAvailableSeatWhateverItHasSeen() {
		callsWhereSeatsWait(50);
		callsWithAbandons(10, 2);
		Random random = new Random(7);
		for (int n = 1; n <= 5; n++) {
			for (int i = 0; i < 200; i++) {
				int available = random.nextInt(20);
				long[] busy = new long[random.nextInt(20)];
				Arrays.fill(busy, 59_000);
				Decision d = pacing.decide(now, Settings.ratio(n), Seats.of(available, busy), random.nextInt(100));
				assertThat(d.calls()).isEqualTo(n * available);
				assertThat(d.state()).isEqualTo(State.RATIO);
			}
		}
	}

	@Test
	void ratioTasksSharingAGroupShareItsAvailableSeats() {
		// Ten seats free, three tasks on the group: 3.33 each, two calls per seat: 6 each, 18 in all.
		Decision d = pacing.decide(now, Settings.ratio(2), new Seats(10 / 3.0, 0, 1 / 3.0, new long[0]), 0);
		assertThat(d.calls()).isEqualTo(6);
		assertThat(3 * d.calls()).isLessThanOrEqualTo(2 * 10);
	}

	@Test
	void predictiveDialsOneCallPerFreeSeatUntilItHasSeenEnough() {
		Decision first = pacing.decide(now, Settings.predictive(), twoAvailable(), 0);
		assertThat(first.state()).isEqualTo(State.LEARNING);
		assertThat(first.calls()).isEqualTo(2);
		assertThat(first.dialLevel()).isEqualTo(1.0);
	}

	@Test
	void predictiveRaisesTheLevelWhenSeatsWait() {
		learn();
		Decision before = pacing.decide(now, Settings.predictive(), twoAvailable(), 0);
		assertThat(before.state()).isEqualTo(State.PREDICTIVE);
		// Every customer finds a seat waiting: the task dares more calls per seat.
		callsWhereSeatsWait(40);
		Decision after = pacing.decide(now, Settings.predictive(), twoAvailable(), 0);
		assertThat(after.dialLevel()).isGreaterThan(before.dialLevel());
		assertThat(after.calls()).isGreaterThan(before.calls());
		assertThat(after.calls()).isLessThanOrEqualTo((int) Math.round(3.0 * after.seatsExpected()));
	}

	@Test
	void predictiveLowersTheLevelWhenCallsAreAbandoned() {
		learn();
		callsWhereSeatsWait(40);
		Decision before = pacing.decide(now, Settings.predictive(), twoAvailable(), 0);
		assertThat(before.state()).isEqualTo(State.PREDICTIVE);
		// One in three of the next nine answered customers waits more than 2 s for a seat.
		callsWithAbandons(3, 1);
		Decision after = pacing.decide(now, Settings.predictive(), twoAvailable(), 0);
		assertThat(after.state()).isEqualTo(State.PREDICTIVE);
		assertThat(after.dialLevel()).isLessThan(before.dialLevel());
		assertThat(after.calls()).isLessThan(before.calls());
	}

	@Test
	void predictiveNeverGoesAboveItsMaxDialLevel() {
		learn();
		pacing.decide(now, Settings.predictive(1.5, 3.0), twoAvailable(), 0);
		callsWhereSeatsWait(300);
		Decision d = pacing.decide(now, Settings.predictive(1.5, 3.0), twoAvailable(), 0);
		assertThat(d.dialLevel()).isEqualTo(1.5);
		assertThat(d.calls()).isEqualTo(3);
	}

	@Test
	void predictedFreesFollowTheSeatsHandlingTimes() {
		learn();
		// Every seat so far handled its customer in 60 s: of seats 58, 57, 30 and 10 s into a customer, the
		// first two are expected free within the ring time (about 3.6 s here), the others not.
		Decision d = pacing.decide(now, Settings.predictive(), Seats.of(0, 58_000, 57_000, 30_000, 10_000), 0);
		assertThat(d.seatsExpected()).isEqualTo(2.0);
		// Once seats handle their customers in 12 s, the seat 10 s into its customer is expected too.
		seatsHandled(256, Duration.ofSeconds(12));
		d = pacing.decide(now, Settings.predictive(), Seats.of(0, 58_000, 57_000, 30_000, 10_000), 0);
		assertThat(d.seatsExpected()).isEqualTo(1.0);
	}

	@Test
	void customersWaitingAndOtherTasksOnTheGroupTakeTheirPartOfTheSeatsExpected() {
		learn();
		long[] nearTheEnd = { 58_000, 58_000, 58_000, 58_000 };
		assertThat(pacing.decide(now, Settings.predictive(), Seats.of(0, nearTheEnd), 0).seatsExpected()).isEqualTo(4.0);
		assertThat(pacing.decide(now, Settings.predictive(), new Seats(0, 1, 1.0, nearTheEnd), 0).seatsExpected())
			.isEqualTo(3.0);
		assertThat(pacing.decide(now, Settings.predictive(), new Seats(1, 0, 0.5, nearTheEnd), 0).seatsExpected())
			.isEqualTo(3.0);
	}

	@Test
	void theDaysCapDropsTheLevelTo1After50AnsweredCallsOverTheCapAndTheNextDayStartsAfresh() {
		learn(); // 102 answered, none abandoned
		assertThat(pacing.decide(now, Settings.predictive(), twoAvailable(), 0).state()).isEqualTo(State.PREDICTIVE);
		now = now.plus(Duration.ofHours(1));
		// A new day at midnight in Shanghai: 2 of the day's first 50 answered calls abandoned: 4 %, over 3 %.
		callsWithAbandons(16, 0);
		answered(2, true);
		assertThat(pacing.view().answeredToday()).isEqualTo(50);
		Decision capped = pacing.decide(now, Settings.predictive(), seatsNearTheEnd(2), 0);
		assertThat(capped.state()).isEqualTo(State.DAY_CAP);
		assertThat(capped.dialLevel()).isEqualTo(1.0);
		assertThat(capped.calls()).isEqualTo(2);
		assertThat(pacing.view().abandonRate()).isEqualTo(4.0);
		// The rest of the day, however well it goes, stays at 1.0.
		callsWhereSeatsWait(500);
		assertThat(pacing.rate()).isLessThan(1.0);
		Decision later = pacing.decide(now.plus(Duration.ofHours(20)), Settings.predictive(), seatsNearTheEnd(2), 0);
		assertThat(later.state()).isEqualTo(State.DAY_CAP);
		assertThat(later.calls()).isEqualTo(2);
		// The next day starts afresh.
		now = now.plus(Duration.ofDays(1));
		Decision nextDay = pacing.decide(now, Settings.predictive(), seatsNearTheEnd(2), 0);
		assertThat(nextDay.state()).isNotEqualTo(State.DAY_CAP);
		assertThat(pacing.view().answeredToday()).isZero();
		assertThat(pacing.view().abandonedToday()).isZero();
		callsWhereSeatsWait(40);
		Decision predictive = pacing.decide(now, Settings.predictive(), seatsNearTheEnd(2), 0);
		assertThat(predictive.state()).isEqualTo(State.PREDICTIVE);
		assertThat(predictive.calls()).isGreaterThan(2);
	}

	@Test
	void overTheCapBeforeFiftyAnsweredCallsIsNotTheDaysCap() {
		learn();
		now = now.plus(Duration.ofHours(1));
		answered(1, true); // 1 of 1: 100 %
		Decision d = pacing.decide(now, Settings.predictive(), seatsNearTheEnd(2), 0);
		assertThat(d.state()).isEqualTo(State.BRAKE);
		// 142 answered: 0.03 × 142 - 1 leaves 3.26 abandons, the controller leads again.
		callsWhereSeatsWait(47);
		d = pacing.decide(now, Settings.predictive(), seatsNearTheEnd(2), 0);
		assertThat(d.state()).isEqualTo(State.PREDICTIVE);
	}

	@Test
	void withLittleOfTheDaysAbandonBudgetLeftTheTaskDialsOnlyForSeatsFreeOrAllButSureToFree() {
		learn(); // 102 answered: 3.06 abandons allowed
		Decision d = pacing.decide(now, Settings.predictive(), seatsNearTheEnd(2), 0);
		assertThat(d.state()).isEqualTo(State.PREDICTIVE);
		answered(1, true); // 2.09 left
		// Four seats half-way through their 60 s: none will free within the ring time, one call per free seat.
		d = pacing.decide(now, Settings.predictive(), Seats.of(2, 30_000, 30_000, 30_000, 30_000), 0);
		assertThat(d.state()).isEqualTo(State.BRAKE);
		assertThat(d.calls()).isEqualTo(2);
		// Four seats a second from the end of every recent call: the task dials for them too, with a wide
		// margin (fewer than the 20 calls whose asks would fill the six seats on average).
		Decision nearTheEnd = pacing.decide(now, Settings.predictive(), seatsNearTheEnd(2), 0);
		assertThat(nearTheEnd.state()).isEqualTo(State.BRAKE);
		assertThat(nearTheEnd.calls()).isGreaterThan(2).isLessThan(20);
		assertThat(pacing.view().abandonRate()).isLessThanOrEqualTo(3.0);
	}

	@Test
	void todaysCountsRestoredAfterARestartKeepTheDaysCap() {
		learn();
		pacing.restoreToday(now, 200, 7);
		Decision d = pacing.decide(now, Settings.predictive(), seatsNearTheEnd(2), 0);
		assertThat(d.state()).isEqualTo(State.DAY_CAP);
		assertThat(pacing.view()).isEqualTo(new SeatPacing.View("predictive", 1.0, 2.0, 200, 7, 3.5));
	}

	@Test
	void theViewShowsTheModeLevelSeatsAndTodaysAbandons() {
		assertThat(pacing.view().mode()).isNull();
		pacing.decide(now, Settings.ratio(2), Seats.of(3), 0);
		answered(3, false);
		answered(1, true);
		assertThat(pacing.view()).isEqualTo(new SeatPacing.View("ratio", 2.0, 3.0, 4, 1, 25.0));
	}

	@Test
	void settingsOutOfRangeNameTheirField() {
		assertThatThrownBy(() -> Settings.ratio(0)).hasMessageContaining("bridge_proportion");
		assertThatThrownBy(() -> Settings.predictive(10.5, 3)).hasMessageContaining("max_dial_level");
		assertThatThrownBy(() -> Settings.predictive(0.9, 3)).hasMessageContaining("max_dial_level");
		assertThatThrownBy(() -> Settings.predictive(3, 11)).hasMessageContaining("max_abandon_rate");
	}

	/** Enough calls for the controller to lead: 340 placed, 102 answered and bridged at once, no abandon. */
	private void learn() {
		callsWhereSeatsWait(34);
		seatsHandled(50, HANDLING);
	}

	/** Ten calls per {@code tens}: three answered customers bridged at once, seven unanswered. */
	private void callsWhereSeatsWait(int tens) {
		callsWithAbandons(tens, 0);
	}

	/** Ten calls per {@code tens}: three answered, of which {@code abandoned} wait too long; seven unanswered. */
	private void callsWithAbandons(int tens, int abandoned) {
		for (int t = 0; t < tens; t++) {
			answered(3 - abandoned, false);
			answered(abandoned, true);
			for (int i = 0; i < 7; i++) {
				pacing.placed(now);
				pacing.unanswered(now, RING_OUT);
			}
		}
	}

	private void answered(int calls, boolean abandoned) {
		for (int i = 0; i < calls; i++) {
			pacing.placed(now);
			pacing.answered(now, RING);
			pacing.asked(now, RING);
			if (abandoned) {
				pacing.abandoned(now);
			}
			else {
				pacing.bridged(now, Duration.ZERO);
			}
		}
	}

	private void seatsHandled(int n, Duration handling) {
		for (int i = 0; i < n; i++) {
			pacing.handled(now, handling);
		}
	}

	/** {@code available} seats free, and four a second short of the usual 60 s. */
	private static Seats seatsNearTheEnd(int available) {
		return Seats.of(available, 59_000, 59_000, 59_000, 59_000);
	}

}
