package io.calltask.freeswitch.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.calltask.freeswitch.FreeSwitchSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** When a call whose end was missed is taken to have ended, and when a node's calls count as lost. */
class CallReconcilerTests {

	private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

	private static Instant at(int seconds) {
		return T0.plusSeconds(seconds);
	}

	@Test
	void aCallLostWhileConnectedEndedWhenLastKnownUp() {
		assertThat(CallReconciler.lostAt(at(30), at(0), null, at(100))).isEqualTo(at(30));
		assertThat(CallReconciler.lostAt(at(30), at(0), at(10), at(100))).as("a drop before it was last seen up")
			.isEqualTo(at(30));
	}

	@Test
	void aCallPlacedBeforeTheDropEndedNoLaterThanTheDrop() {
		assertThat(CallReconciler.lostAt(at(30), at(0), at(50), at(100))).as("not billed for the outage")
			.isEqualTo(at(50));
		assertThat(CallReconciler.lostAt(at(60), at(55), at(50), at(100))).as("placed after the drop: its own times")
			.isEqualTo(at(60));
	}

	@Test
	void aCallNeverEndsInTheFuture() {
		assertThat(CallReconciler.lostAt(at(120), at(0), null, at(100))).isEqualTo(at(100));
		assertThat(CallReconciler.lostAt(at(30), at(0), at(150), at(100))).isEqualTo(at(100));
	}

	@Test
	void aNodesCallsAreLostOnceBothTheOutageAndTheCallAreLostAfterOld() {
		Duration lostAfter = Duration.ofMinutes(10);
		assertThat(CallReconciler.lostWith(null, at(0), at(3600), lostAfter)).as("the node is up").isFalse();
		assertThat(CallReconciler.lostWith(at(0), at(0), at(599), lostAfter)).isFalse();
		assertThat(CallReconciler.lostWith(at(0), at(0), at(600), lostAfter)).isTrue();
		assertThat(CallReconciler.lostWith(at(0), at(300), at(600), lostAfter)).as("placed during the outage")
			.isFalse();
		assertThat(CallReconciler.lostWith(at(0), at(300), at(900), lostAfter)).isTrue();
	}

	@Test
	void theSweepRunsOftenEnoughForTheIntervalButAtMostEveryFifteenSeconds() {
		assertThat(reconciler(Duration.ofSeconds(60)).sweepEvery()).isEqualTo(Duration.ofSeconds(15));
		assertThat(reconciler(Duration.ofMinutes(5)).sweepEvery()).isEqualTo(Duration.ofSeconds(15));
		assertThat(reconciler(Duration.ofSeconds(20)).sweepEvery()).isEqualTo(Duration.ofSeconds(5));
		assertThat(reconciler(Duration.ofMillis(200)).sweepEvery()).isEqualTo(Duration.ofMillis(100));
	}

	private static CallReconciler reconciler(Duration reconcileInterval) {
		return new CallReconciler(null, new FreeSwitchSettings(Map.of(), "plain", Duration.ofSeconds(1),
				Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(30),
				Duration.ofSeconds(2), reconcileInterval, Duration.ofMinutes(10), 2));
	}

}
