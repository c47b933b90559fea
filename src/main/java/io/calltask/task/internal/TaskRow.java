package io.calltask.task.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored task, column for column, with the dialer's runtime view joined in. */
record TaskRow(long id, UUID uuid, UUID userId, String name, boolean enable, int maximumcall, int cps,
		Long dialTimeId, Long destinationExtension, String destinationDialplan, String destinationContext,
		String dialFormat, String remark, int sort, String originateVariables, int originateTimeout,
		String originationCallerIdNumber, UUID callerLineId, UUID autoRecycleRuleId, String clueConfigurationId,
		String callNotifyUrl, int callNotifyType, int callPauseSecond, String callStopNotifyUrl,
		int callNotifyFailStop, Integer bridgeGroupId, boolean isTest, int isTop, int emptySeatStop,
		String backgroundFileId, String backgroundFileName, Integer endAction, int taskType, String lineCallee,
		Integer modeId, int bridgeMaximumcall, int bridgeProportion, int directBridge, int directBridgeEcho,
		Long llmIntentionId, OffsetDateTime restartAt, int enableType, Long backgroundId, int isGroupSwitch,
		int isCallIn, OffsetDateTime startTime, OffsetDateTime stopTime, String workWeek, String workHour,
		String remoteWorkHour, String holiday, int popMode, OffsetDateTime createdAt, OffsetDateTime updatedAt,
		OffsetDateTime deletedAt, boolean callStatus, long numberCount, int cacheNumberCount) {

	/** Columns selected as {@code t.*} plus the runtime columns of {@link #RUNTIME_COLUMNS}. */
	static final String RUNTIME_COLUMNS = "r.call_status AS rt_call_status, r.number_count AS rt_number_count, "
			+ "r.cache_number_count AS rt_cache_number_count";

	static TaskRow map(ResultSet rs, int rowNum) throws SQLException {
		return new TaskRow(rs.getLong("id"), rs.getObject("uuid", UUID.class), rs.getObject("user_id", UUID.class),
				rs.getString("name"), rs.getBoolean("enable"), rs.getInt("maximumcall"), rs.getInt("cps"),
				longOrNull(rs, "dial_time_id"), longOrNull(rs, "destination_extension"),
				rs.getString("destination_dialplan"), rs.getString("destination_context"), rs.getString("dial_format"),
				rs.getString("remark"), rs.getInt("sort"), rs.getString("originate_variables"),
				rs.getInt("originate_timeout"), rs.getString("origination_caller_id_number"),
				rs.getObject("caller_line_id", UUID.class), rs.getObject("auto_recycle_rule_id", UUID.class),
				rs.getString("clue_configuration_id"), rs.getString("call_notify_url"), rs.getInt("call_notify_type"),
				rs.getInt("call_pause_second"), rs.getString("call_stop_notify_url"),
				rs.getInt("call_notify_fail_stop"), intOrNull(rs, "bridge_group_id"), rs.getBoolean("is_test"),
				rs.getInt("is_top"), rs.getInt("empty_seat_stop"), rs.getString("background_file_id"),
				rs.getString("background_file_name"), intOrNull(rs, "end_action"), rs.getInt("task_type"),
				rs.getString("line_callee"), intOrNull(rs, "mode_id"), rs.getInt("bridge_maximumcall"),
				rs.getInt("bridge_proportion"), rs.getInt("direct_bridge"), rs.getInt("direct_bridge_echo"),
				longOrNull(rs, "llm_intention_id"), rs.getObject("restart_at", OffsetDateTime.class),
				rs.getInt("enable_type"), longOrNull(rs, "background_id"), rs.getInt("is_group_switch"),
				rs.getInt("is_call_in"), rs.getObject("start_time", OffsetDateTime.class),
				rs.getObject("stop_time", OffsetDateTime.class), rs.getString("work_week"), rs.getString("work_hour"),
				rs.getString("remote_work_hour"), rs.getString("holiday"), rs.getInt("pop_mode"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				rs.getObject("deleted_at", OffsetDateTime.class), rs.getBoolean("rt_call_status"),
				rs.getLong("rt_number_count"), rs.getInt("rt_cache_number_count"));
	}

	private static Long longOrNull(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static Integer intOrNull(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

}
