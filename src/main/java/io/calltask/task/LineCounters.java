package io.calltask.task;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The counters of one task on one line, with {@code call_info}'s names: what the list shows for
 * the line, and what the dialer adds to them ({@link TaskRuntime#addLineStats}), where
 * {@code callStatus} -1 keeps the stored one.
 */
public record LineCounters(@JsonProperty("call_status") int callStatus,
		@JsonProperty("dialed_number_total") long dialed, @JsonProperty("answer_total") long answered,
		@JsonProperty("gateway_error_hangup_total") long gatewayErrors,
		@JsonProperty("normal_hangup_total") long normalHangups, long bill,
		@JsonProperty("calling_count") int calling, @JsonProperty("answering_count") int answering) {
}
