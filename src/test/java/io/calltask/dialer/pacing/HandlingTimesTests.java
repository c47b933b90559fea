package io.calltask.dialer.pacing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A busy seat's chance of being free soon, read off the handling times seen. */
class HandlingTimesTests {

	private final HandlingTimes times = new HandlingTimes(256);

	@Test
	void aSeatNearTheEndOfTheUsualHandlingIsExpectedFreeAndOneEarlyInItIsNot() {
		add(100, 10_000);
		assertThat(times.freeWithin(9_000, 1_500)).isEqualTo(1.0);
		assertThat(times.freeWithin(2_000, 1_500)).isEqualTo(0.0);
	}

	@Test
	void theChanceFollowsTheShapeOfTheDistributionGivenHowLongTheSeatIsBusy() {
		add(50, 5_000);
		add(50, 20_000);
		// Busy 4 s: half the calls end at 5 s.
		assertThat(times.freeWithin(4_000, 1_500)).isEqualTo(0.5);
		// Busy 6 s: it is one of the long ones, which end at 20 s.
		assertThat(times.freeWithin(6_000, 1_500)).isEqualTo(0.0);
		assertThat(times.freeWithin(19_000, 1_500)).isEqualTo(1.0);
	}

	@Test
	void aSeatBusyLongerThanEveryRecentHandlingIsNotExpected() {
		add(20, 10_000);
		assertThat(times.freeWithin(30_000, 1_500)).isEqualTo(0.0);
	}

	@Test
	void onlyTheRecentHandlingTimesCount() {
		add(256, 60_000);
		add(256, 10_000);
		assertThat(times.size()).isEqualTo(256);
		assertThat(times.freeWithin(9_000, 1_500)).isEqualTo(1.0);
		add(128, 60_000);
		assertThat(times.freeWithin(9_000, 1_500)).isEqualTo(0.5);
	}

	private void add(int n, long millis) {
		for (int i = 0; i < n; i++) {
			times.add(millis);
		}
	}

}
