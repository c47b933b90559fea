package io.calltask.dialer.engine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.calltask.catalog.RecycleRule;
import io.calltask.dialer.callrecord.CallOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/** A task's recycle rule decides whether a number is called again, and when. */
class RedialTests {

	private static final Instant END = Instant.parse("2026-11-23T02:00:00Z");

	@Test
	void withoutARuleANumberIsDoneAfterOneCall() {
		assertThat(Redial.after(null, 1, "USER_BUSY", CallOutcome.BUSY, END)).isNull();
	}

	@Test
	void aRuleNamingTheOutcomeRedialsAfterItsIntervalUpToItsMaxTimes() {
		RecycleRule rule = rule(10, 2, List.of(), List.of("busy", "no_answer"));
		assertThat(Redial.after(rule, 1, "USER_BUSY", CallOutcome.BUSY, END)).isEqualTo(END.plusSeconds(600));
		assertThat(Redial.after(rule, 2, "NO_ANSWER", CallOutcome.NO_ANSWER, END)).isEqualTo(END.plusSeconds(600));
		assertThat(Redial.after(rule, 3, "USER_BUSY", CallOutcome.BUSY, END)).as("two redials used").isNull();
	}

	@Test
	void aRuleNamingTheHangupCauseRedialsToo() {
		RecycleRule rule = rule(1, 1, List.of("CALL_REJECTED"), List.of());
		assertThat(Redial.after(rule, 1, "CALL_REJECTED", CallOutcome.BUSY, END)).isEqualTo(END.plusSeconds(60));
	}

	@Test
	void anOutcomeOrCauseTheRuleDoesNotNameIsDone() {
		RecycleRule rule = rule(1, 5, List.of("USER_BUSY"), List.of("busy"));
		assertThat(Redial.after(rule, 1, "NORMAL_CLEARING", CallOutcome.ANSWERED, END)).isNull();
		assertThat(Redial.after(rule, 1, "UNALLOCATED_NUMBER", CallOutcome.BAD_NUMBER, END)).isNull();
	}

	private static RecycleRule rule(int intervalMinutes, int maxTimes, List<String> causes, List<String> outcomes) {
		return new RecycleRule(UUID.randomUUID(), UUID.randomUUID(), "重呼", true, true, intervalMinutes, maxTimes, causes,
				outcomes, null, null);
	}

}
