package io.calltask.dialer.callrecord;

import java.util.Set;

/**
 * How an attempt ended, as call records and recycle rules name it. Answered first (whatever the
 * hangup cause), then the common dialer classification of unanswered hangup causes
 * (docs/API-NOTES.md, "Outcome and status").
 */
public enum CallOutcome {

	ANSWERED("answered"), NO_ANSWER("no_answer"), BUSY("busy"), BAD_NUMBER("bad_number"),
	GATEWAY_ERROR("gateway_error"), CANCELLED("cancelled");

	private static final Set<String> NO_ANSWER_CAUSES = Set.of("NO_ANSWER", "NO_USER_RESPONSE", "SUBSCRIBER_ABSENT",
			"PROGRESS_TIMEOUT", "ALLOTTED_TIMEOUT");

	private static final Set<String> BUSY_CAUSES = Set.of("USER_BUSY", "BUSY_EVERYWHERE", "CALL_REJECTED", "DECLINE",
			"UNWANTED", "INCOMING_CALL_BARRED");

	private static final Set<String> BAD_NUMBER_CAUSES = Set.of("UNALLOCATED_NUMBER", "NO_ROUTE_DESTINATION",
			"INVALID_NUMBER_FORMAT", "NUMBER_CHANGED", "DOES_NOT_EXIST_ANYWHERE");

	private static final Set<String> CANCELLED_CAUSES = Set.of("ORIGINATOR_CANCEL", "MANAGER_REQUEST", "LOSE_RACE",
			"SYSTEM_SHUTDOWN");

	private final String word;

	CallOutcome(String word) {
		this.word = word;
	}

	/** The word the API and recycle rules use ({@code answered}, {@code no_answer}, …). */
	public String word() {
		return word;
	}

	public static CallOutcome of(String hangupCause, boolean answered) {
		if (answered) {
			return ANSWERED;
		}
		if (NO_ANSWER_CAUSES.contains(hangupCause)) {
			return NO_ANSWER;
		}
		if (BUSY_CAUSES.contains(hangupCause)) {
			return BUSY;
		}
		if (BAD_NUMBER_CAUSES.contains(hangupCause)) {
			return BAD_NUMBER;
		}
		if (CANCELLED_CAUSES.contains(hangupCause)) {
			return CANCELLED;
		}
		// GATEWAY_DOWN, NORMAL_TEMPORARY_FAILURE, *_CONGESTION, …, and causes nobody classified.
		return GATEWAY_ERROR;
	}

}
