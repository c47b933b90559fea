package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;

import io.calltask.catalog.RecycleRule;
import io.calltask.dialer.callrecord.CallOutcome;

/**
 * Whether a number is dialed again after a call, and when: its task's recycle rule decides, by the
 * call's hangup cause or outcome, up to the rule's {@code max_times} redials. Pure.
 */
final class Redial {

	private Redial() {
	}

	/**
	 * When the number is due again after call {@code attempt} (1 for the first call) ended at
	 * {@code end} with {@code cause} and {@code outcome}; null when it is done (no rule, the rule
	 * names neither, or its redials are used up).
	 */
	static Instant after(RecycleRule rule, int attempt, String cause, CallOutcome outcome, Instant end) {
		boolean again = rule != null && attempt - 1 < rule.maxTimes()
				&& (rule.hangupCauses().contains(cause) || rule.callStatuses().contains(outcome.word()));
		return again ? end.plus(Duration.ofMinutes(rule.intervalMinutes())) : null;
	}

}
