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
 * A task as the API shows it: the seed document's list item, every key of its example in its order
 * (the components' order; names are the components' in snake_case), with its JSON types, plus the
 * documented keys it omits. Keys the seed shows with a value this service never has ({@code start},
 * {@code domain}…) are components too, so that the order stays the record's. Datetimes are
 * {@code yyyy-MM-dd HH:mm:ss} text; schedules and holidays are the stored canonical JSON, copied.
 * {@code callerLine}, {@code autoRecycleRule}, {@code group} and {@code llmIntentionConfig} are
 * the referenced objects as their own modules show them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskView(UUID uuid, String name, String createDatetime, String alterDatetime, int start, boolean enable,
		int maximumcall, int callPerSecond, int recycleLimit, int randomAssignmentNumber, Object disableDialTimegroup,
		Long dialTimeId, String destinationExtension, String destinationDialplan, String destinationContext,
		Object schedulingPolicyRatio, Object schedulingQueue, String dialFormat, Object domain, String remark, int sort,
		String originateVariables, @JsonProperty("_originate_timeout") int originateTimeout,
		@JsonProperty("_origination_caller_id_number") String originationCallerIdNumber, UUID userId,
		UUID callerLineId, UUID autoRecycleRuleId, String clueConfigurationId, String deletedAt, String callNotifyUrl,
		int callNotifyType, int callPauseSecond, String callStopNotifyUrl, int callNotifyFailStop,
		Integer bridgeGroupId, boolean isTest, int isTop, int emptySeatStop, String backgroundFileId,
		String backgroundFileName, Integer endAction, int taskType, String lineCallee, int cacheNumberCount,
		Integer modeId, int bridgeMaximumcall, int bridgeProportion, int directBridge, int directBridgeEcho,
		long llmIntentionId, String restartAt, int enableType, Long backgroundId, String background,
		int isGroupSwitch, int isCallIn, Extras taskExtras, String statusStr, RemoteTask newTaskExtra,
		Map<String, Object> callerLine, Map<String, Object> autoRecycleRule, Map<String, Object> group,
		Map<String, Object> llmIntentionConfig, int status) {

	/** The task's uuid. */
	public UUID id() {
		return uuid;
	}

	/** {@code task_extras}: the schedule as the user gave it. */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Extras(List<UUID> line, String stopTime, @JsonRawValue String workHour,
			@JsonRawValue String workWeek, String startTime) {
	}

	/**
	 * {@code new_task_extra}: the task as the dialer runs it, with the compressed schedule
	 * ({@code work_hour}) and its runtime state; {@code call_info} by line id.
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record RemoteTask(UUID id, String name, int enable, List<LineShare> line, int limit, int cps, int popMode,
			String startTime, String stopTime, @JsonRawValue String holiday, @JsonRawValue String workWeek,
			@JsonRawValue String workHour, String destinationExtension, String blacklist, String background,
			boolean callStatus, long numberCount, Map<UUID, CallInfo> callInfo) {
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
