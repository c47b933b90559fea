package io.calltask.catalog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A 重呼规则: redial a number whose attempt ended with one of {@code hangupCauses} or an outcome in
 * {@code callStatuses}, {@code intervalMinutes} later, at most {@code maxTimes} times.
 */
public record RecycleRule(UUID id, UUID userId, String name, boolean enable, boolean firstCallFirst,
		int intervalMinutes, int maxTimes, List<String> hangupCauses, List<String> callStatuses,
		OffsetDateTime createdAt, OffsetDateTime updatedAt) {

	/** The outcome classes a rule may name (docs/ROUTES.md, call records). */
	public static final List<String> OUTCOMES = List.of("answered", "no_answer", "busy", "bad_number",
			"gateway_error", "cancelled");

	/** FreeSWITCH hangup cause names (their outcome classes: docs/API-NOTES.md, "Outcome and status"). */
	public static final List<String> HANGUP_CAUSES = List.of("NORMAL_CLEARING", "USER_BUSY", "NO_USER_RESPONSE",
			"NO_ANSWER", "SUBSCRIBER_ABSENT", "CALL_REJECTED", "NUMBER_CHANGED", "UNALLOCATED_NUMBER",
			"NO_ROUTE_DESTINATION", "DESTINATION_OUT_OF_ORDER", "INVALID_NUMBER_FORMAT", "NORMAL_UNSPECIFIED",
			"NORMAL_CIRCUIT_CONGESTION", "NETWORK_OUT_OF_ORDER", "NORMAL_TEMPORARY_FAILURE", "SWITCH_CONGESTION",
			"REQUESTED_CHAN_UNAVAIL", "SERVICE_UNAVAILABLE", "INCOMPATIBLE_DESTINATION", "RECOVERY_ON_TIMER_EXPIRE",
			"INTERWORKING", "ORIGINATOR_CANCEL", "MANAGER_REQUEST", "SYSTEM_SHUTDOWN", "LOSE_RACE",
			"ALLOTTED_TIMEOUT", "MEDIA_TIMEOUT", "PROGRESS_TIMEOUT", "INVALID_GATEWAY", "GATEWAY_DOWN",
			"BUSY_EVERYWHERE", "DECLINE", "DOES_NOT_EXIST_ANYWHERE", "UNWANTED");

}
