package io.calltask.dialer.callrecord;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.calltask.catalog.RecycleRule;

import static org.assertj.core.api.Assertions.assertThat;

/** The outcomes the engine records are exactly the ones recycle rules and the call-record filter accept. */
class CallOutcomeTests {

	@Test
	void everyRecordedOutcomeCanBeMatchedByARecycleRule() {
		assertThat(Arrays.stream(CallOutcome.values()).map(CallOutcome::word))
			.containsExactlyInAnyOrderElementsOf(RecycleRule.OUTCOMES);
	}

	@Test
	void answeredBeatsEveryCauseAndCausesAreClassifiedAsTheReferenceSays() {
		assertThat(CallOutcome.of("USER_BUSY", true)).isEqualTo(CallOutcome.ANSWERED);
		assertThat(CallOutcome.of("NO_USER_RESPONSE", false)).isEqualTo(CallOutcome.NO_ANSWER);
		assertThat(CallOutcome.of("CALL_REJECTED", false)).isEqualTo(CallOutcome.BUSY);
		assertThat(CallOutcome.of("NUMBER_CHANGED", false)).isEqualTo(CallOutcome.BAD_NUMBER);
		assertThat(CallOutcome.of("LOSE_RACE", false)).isEqualTo(CallOutcome.CANCELLED);
		assertThat(CallOutcome.of("NORMAL_CIRCUIT_CONGESTION", false)).isEqualTo(CallOutcome.GATEWAY_ERROR);
		assertThat(CallOutcome.of("SOMETHING_NEW", false)).isEqualTo(CallOutcome.GATEWAY_ERROR);
	}

}
