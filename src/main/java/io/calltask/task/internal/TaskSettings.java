package io.calltask.task.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.calltask.schedule.ClockTime;
import io.calltask.schedule.ScheduleJson;
import io.calltask.schedule.WeeklySchedule;
import io.calltask.schedule.WorkHour;

/**
 * Everything a user sets on a task, in small records by concept. Every leaf component is a column
 * of {@code task} (its name in snake_case): read from a stored row by name ({@link RecordRowMapper}
 * walks the nested records), written whole by {@link TaskRepository} with named parameters of the
 * leaf names. A setting is added to one of the records and to the migration, nothing else. A create
 * starts from {@link #DEFAULTS}, an update from the stored settings; a body's keys replace what they
 * name ({@link TaskInput}), and an explicit {@code null} puts back the default.
 */
record TaskSettings(Identity identity, Dialing dialing, Dates dates, Hours hours, Destination destination,
		Webhooks webhooks, Transfer transfer, SeatPacing seatPacing, References references) {

	/** A task no body has touched yet (its 话术组 is the user's default one, set on create). */
	static final TaskSettings DEFAULTS = new TaskSettings(Identity.DEFAULT, Dialing.DEFAULT, Dates.DEFAULT,
			Hours.DEFAULT, Destination.DEFAULT, Webhooks.DEFAULT, Transfer.DEFAULT, SeatPacing.DEFAULT,
			References.DEFAULT);

	/** The task's weekly hours, as stored. */
	WeeklySchedule schedule() {
		return hours.weekly();
	}

	/**
	 * What the user calls the task and how it is listed and flagged. {@code sort} is null on a create
	 * that does not give one (the next free sort is taken).
	 */
	record Identity(String name, String remark, Integer sort, boolean enable, boolean isTest, int isTop,
			int taskType, Integer modeId, int enableType, int isGroupSwitch, int isCallIn) {

		static final Identity DEFAULT = new Identity(null, null, null, false, false, 0, 6, null, 0, 0, 0);

	}

	/**
	 * How the dialer calls the task's numbers: concurrency and rate, the order numbers are taken in,
	 * the pause after a call, the originate's timeout and caller id, the number as dialed, and what
	 * happens when the task ends.
	 */
	record Dialing(int maximumcall, int cps, int popMode, int callPauseSecond, int originateTimeout,
			String originationCallerIdNumber, String dialFormat, String lineCallee, Integer endAction) {

		static final Dialing DEFAULT = new Dialing(1, 1, 1, 0, 60, "", "", "", null);

	}

	/** When the task may dial at all: its period, its holidays (stored JSON), and a paused task's restart. */
	record Dates(OffsetDateTime startTime, OffsetDateTime stopTime, OffsetDateTime restartAt, String holiday) {

		static final Dates DEFAULT = new Dates(null, null, null, "[]");

	}

	/**
	 * The weekly hours as stored JSON: as the user gave them ({@code workWeek}, {@code workHour})
	 * and compressed for the dialer ({@code remoteWorkHour}); {@code dialTimeId} is the time group
	 * they were copied from, if any.
	 */
	record Hours(Long dialTimeId, String workWeek, String workHour, String remoteWorkHour) {

		/** Every day, 09:00-18:00: a new task without hours dials in business hours, not at night. */
		static final WeeklySchedule DEFAULT_SCHEDULE = new WeeklySchedule(List.of(1, 2, 3, 4, 5, 6, 0),
				List.of(1, 2, 3, 4, 5, 6, 0).stream()
					.map(d -> new WorkHour(d, ClockTime.parse("09:00"), ClockTime.parse("18:00")))
					.toList());

		static final Hours DEFAULT = of(null, DEFAULT_SCHEDULE);

		static Hours of(Long dialTimeId, WeeklySchedule schedule) {
			return new Hours(dialTimeId, ScheduleJson.weekJson(schedule.workWeek()),
					ScheduleJson.hoursJson(schedule.workHours()), ScheduleJson.remoteJson(schedule.compress()));
		}

		WeeklySchedule weekly() {
			return ScheduleJson.fromJson(workWeek, workHour);
		}

		/** The same hours, no longer tied to a time group. */
		Hours detached() {
			return new Hours(null, workWeek, workHour, remoteWorkHour);
		}

	}

	/**
	 * Where an answered call goes and what it carries: the 话术组 ({@code destinationExtension}), the
	 * dialplan and context, channel variables, the LLM intention and the background sound.
	 */
	record Destination(Long destinationExtension, String destinationDialplan, String destinationContext,
			String originateVariables, Long llmIntentionId, Long backgroundId) {

		static final Destination DEFAULT = new Destination(null, "XML", "default", "", null, null);

	}

	/** The webhooks: where finished calls and stops are pushed, which calls, and whether failures stop the task. */
	record Webhooks(String callNotifyUrl, String callStopNotifyUrl, int callNotifyType, int callNotifyFailStop) {

		static final Webhooks DEFAULT = new Webhooks(null, null, 2, 0);

	}

	/** Transfer to seats: the seat group, direct bridging, how many calls are bridged, and the hold sound. */
	record Transfer(Integer bridgeGroupId, int directBridge, int directBridgeEcho, int bridgeMaximumcall,
			int bridgeProportion, int emptySeatStop, String backgroundFileId, String backgroundFileName) {

		static final Transfer DEFAULT = new Transfer(null, 0, 0, 0, 0, 0, null, null);

	}

	/**
	 * Dialing paced by seats (API.md section 9): {@code dialMode} as set (null: the default, see
	 * {@link #mode}), predictive's {@code maxDialLevel} and {@code maxAbandonRate} (percent).
	 */
	record SeatPacing(String dialMode, double maxDialLevel, double maxAbandonRate) {

		static final SeatPacing DEFAULT = new SeatPacing(null, 3.0, 3.0);

		/** The mode the task dials in: as set, else {@code ratio} with a proportion and a group, else {@code fixed}. */
		String mode(Transfer transfer) {
			if (dialMode != null) {
				return dialMode;
			}
			return transfer.bridgeProportion() > 0 && transfer.bridgeGroupId() != null ? "ratio" : "fixed";
		}

	}

	/** Items of other modules the task uses: the caller line, the recycle rule, the clue configuration. */
	record References(UUID callerLineId, UUID autoRecycleRuleId, String clueConfigurationId) {

		static final References DEFAULT = new References(null, null, null);

	}

}
