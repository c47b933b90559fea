package io.calltask.task;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A task as the API shows it: the seed document's list item, every key of its example in its order,
 * with its JSON types, plus the documented keys it omits. Keys the seed shows with a value this
 * service never has ({@code start}, {@code domain}…) are components too, so that the order stays
 * the records'. Datetimes are {@code yyyy-MM-dd HH:mm:ss} text; schedules and holidays are the stored
 * canonical JSON, copied. {@code callerLine}, {@code autoRecycleRule}, {@code group} and
 * {@code llmIntentionConfig} are the referenced objects as their own modules show them.
 * <p>
 * The seed's order mixes concepts (the webhook keys sit between the references and the transfer
 * keys, {@code is_test} among the transfer keys…), so the item is cut into consecutive runs of
 * that order, each a small record named for most of its keys and {@link JsonUnwrapped unwrapped}
 * in place: Jackson writes an unwrapped record's keys where the record's component is, so the
 * wire order is the components' order read top to bottom (names are the components' in
 * snake_case). Each run is built by name; no constructor takes more than twelve values.
 */
public record TaskView(@JsonUnwrapped Summary summary, @JsonUnwrapped Origination origination,
		@JsonUnwrapped Ownership ownership, @JsonUnwrapped Webhooks webhooks, @JsonUnwrapped Seats seats,
		@JsonUnwrapped Bridging bridging, @JsonUnwrapped SeatPacing seatPacing, @JsonUnwrapped Calendars calendars,
		@JsonUnwrapped Expanded expanded) {

	/** The task's uuid. */
	public UUID id() {
		return summary.uuid();
	}

	/** {@code uuid} to {@code dial_time_id}: what the task is, when it was written, how fast it dials. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Summary(UUID uuid, String name, String createDatetime, String alterDatetime, int start,
			boolean enable, int maximumcall, int callPerSecond, int recycleLimit, int randomAssignmentNumber,
			Object disableDialTimegroup, Long dialTimeId) {
	}

	/** {@code destination_extension} to {@code _origination_caller_id_number}: how a call is originated. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Origination(String destinationExtension, String destinationDialplan, String destinationContext,
			Object schedulingPolicyRatio, Object schedulingQueue, String dialFormat, Object domain, String remark,
			int sort, String originateVariables, @JsonProperty("_originate_timeout") int originateTimeout,
			@JsonProperty("_origination_caller_id_number") String originationCallerIdNumber) {
	}

	/** {@code user_id} to {@code deleted_at}: whose task it is, what it refers to, whether it is deleted. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Ownership(UUID userId, UUID callerLineId, UUID autoRecycleRuleId, String clueConfigurationId,
			String deletedAt) {
	}

	/** {@code call_notify_url} to {@code call_notify_fail_stop}: the webhooks (and the pause between calls). */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Webhooks(String callNotifyUrl, int callNotifyType, int callPauseSecond, String callStopNotifyUrl,
			int callNotifyFailStop) {
	}

	/** {@code bridge_group_id} to {@code mode_id}: the seat group and the task's flags and types. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Seats(Integer bridgeGroupId, boolean isTest, int isTop, int emptySeatStop, String backgroundFileId,
			String backgroundFileName, Integer endAction, int taskType, String lineCallee, int cacheNumberCount,
			Integer modeId) {
	}

	/** {@code bridge_maximumcall} to {@code is_call_in}: bridging to seats, the LLM intention and the background. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Bridging(int bridgeMaximumcall, int bridgeProportion, int directBridge, int directBridgeEcho,
			long llmIntentionId, String restartAt, int enableType, Long backgroundId, String background,
			int isGroupSwitch, int isCallIn) {
	}

	/**
	 * {@code dial_mode} to {@code pacing} (API.md section 9): the mode the task dials in, predictive's
	 * settings, and what the dialer last wrote of its pacing (null for {@code fixed}).
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record SeatPacing(String dialMode, double maxDialLevel, double maxAbandonRate, Pacing pacing) {
	}

	/** {@code holiday_calendar_ids} (API.md section 10): the agent's holiday calendars the task follows, in its order. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Calendars(List<Long> holidayCalendarIds) {
	}

	/** A task's pacing by seats now: its level of lines per seat, the seats available to it, today's abandons. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Pacing(String mode, double dialLevel, int seatsAvailable, int answeredToday, int abandonedToday,
			double abandonRate) {
	}

	/** {@code task_extras} to {@code status}: the schedules, the dialer's view, the referenced objects, the status. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Expanded(Extras taskExtras, String statusStr, RemoteTask newTaskExtra, Map<String, Object> callerLine,
			Map<String, Object> autoRecycleRule, Map<String, Object> group, Map<String, Object> llmIntentionConfig,
			int status) {
	}

	/** {@code task_extras}: the schedule as the user gave it. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Extras(List<UUID> line, String stopTime, @JsonRawValue String workHour,
			@JsonRawValue String workWeek, String startTime) {
	}

	/**
	 * {@code new_task_extra}: the task as the dialer runs it, with the compressed schedule
	 * ({@code work_hour}) and its runtime state; {@code call_info} by line id. Cut, like the item, into
	 * runs of the wire order, each {@link JsonUnwrapped unwrapped} in place.
	 */
	public record RemoteTask(@JsonUnwrapped Run run, @JsonUnwrapped Period period,
			@JsonUnwrapped Destination destination, @JsonUnwrapped Progress progress) {

		/** {@code id} to {@code pop_mode}: the task, its lines and how fast it dials. */
		@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
		public record Run(UUID id, String name, int enable, List<LineShare> line, int limit, int cps, int popMode) {
		}

		/** {@code start_time} to {@code work_hour}: when it dials, the hours compressed for the dialer. */
		@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
		public record Period(String startTime, String stopTime, @JsonRawValue String holiday,
				@JsonRawValue String workWeek, @JsonRawValue String workHour) {
		}

		/** {@code destination_extension} to {@code background}: where answered calls go. */
		@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
		public record Destination(String destinationExtension, String blacklist, String background) {
		}

		/** {@code call_status} to {@code call_info}: whether it is dialing, its numbers, its lines' counters. */
		@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
		public record Progress(boolean callStatus, long numberCount, Map<UUID, CallInfo> callInfo) {
		}

	}

	/** A line of the task and the task's share of its concurrent calls. */
	public record LineShare(UUID id, int limit) {
	}

	/** One entry of {@code call_info}: the line the dialer used, and its counters for this task. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record CallInfo(UUID taskId, String taskName, String nodeId, UUID lineId, String lineName, int cps,
			int limit, @JsonUnwrapped LineCounters counters) {
	}

}
