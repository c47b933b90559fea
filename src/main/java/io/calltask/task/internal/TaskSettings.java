package io.calltask.task.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.calltask.schedule.ClockTime;
import io.calltask.schedule.ScheduleJson;
import io.calltask.schedule.WeeklySchedule;
import io.calltask.schedule.WorkHour;

/**
 * Everything a user sets on a task, one component per column of {@code task} (its name in
 * snake_case): read from a stored row by name, written whole by {@link TaskRepository} with named
 * parameters. A create starts from {@link #DEFAULTS}, an update from the stored settings; a body's
 * keys replace what they name ({@link TaskInput}), and an explicit {@code null} puts back the
 * default. {@code sort} is null on a create that does not give one (the next free sort is taken).
 */
record TaskSettings(String name, boolean enable, boolean isTest, int maximumcall, int cps, int popMode,
		int originateTimeout, int callNotifyType, int callPauseSecond, int callNotifyFailStop, Integer bridgeGroupId,
		int isTop, int emptySeatStop, Integer endAction, int taskType, Integer modeId, int bridgeMaximumcall,
		int bridgeProportion, int directBridge, int directBridgeEcho, int enableType, int isGroupSwitch, int isCallIn,
		Integer sort, String destinationDialplan, String destinationContext, String dialFormat, String remark,
		String originationCallerIdNumber, String clueConfigurationId, String backgroundFileId,
		String backgroundFileName, String lineCallee, String originateVariables, String callNotifyUrl,
		String callStopNotifyUrl, OffsetDateTime startTime, OffsetDateTime stopTime, OffsetDateTime restartAt,
		Long dialTimeId, String workWeek, String workHour, String remoteWorkHour, String holiday,
		Long destinationExtension, UUID callerLineId, UUID autoRecycleRuleId, Long llmIntentionId, Long backgroundId) {

	/** Every day, 09:00-18:00: a new task without hours dials in business hours, not at night. */
	static final WeeklySchedule DEFAULT_SCHEDULE = new WeeklySchedule(List.of(1, 2, 3, 4, 5, 6, 0),
			List.of(1, 2, 3, 4, 5, 6, 0).stream()
				.map(d -> new WorkHour(d, ClockTime.parse("09:00"), ClockTime.parse("18:00")))
				.toList());

	/** A task no body has touched yet (its 话术组 is the user's default one, set on create). */
	static final TaskSettings DEFAULTS = new TaskSettings(null, false, false, 1, 1, 1, 60, 2, 0, 0, null, 0, 0, null,
			6, null, 0, 0, 0, 0, 0, 0, 0, null, "XML", "default", "", null, "", null, null, null, "", "", null, null,
			null, null, null, null, ScheduleJson.weekJson(DEFAULT_SCHEDULE.workWeek()),
			ScheduleJson.hoursJson(DEFAULT_SCHEDULE.workHours()), ScheduleJson.remoteJson(DEFAULT_SCHEDULE.compress()),
			"[]", null, null, null, null, null);

	WeeklySchedule schedule() {
		return ScheduleJson.fromJson(workWeek, workHour);
	}

}
