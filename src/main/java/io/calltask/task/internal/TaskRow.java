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

	/**
	 * What every statement mapped by {@link #map} selects, in this order: the task's columns, then
	 * the runtime view joined as {@code r}. Rows are read by position; a page reads some 60 columns
	 * of 15 rows, and looking each one up by name is a hash lookup per cell.
	 */
	static final String COLUMNS = "t.id, t.uuid, t.user_id, t.name, t.enable, t.maximumcall, t.cps, t.dial_time_id, "
			+ "t.destination_extension, t.destination_dialplan, t.destination_context, t.dial_format, "
			+ "t.remark, t.sort, t.originate_variables, t.originate_timeout, t.origination_caller_id_number, "
			+ "t.caller_line_id, t.auto_recycle_rule_id, t.clue_configuration_id, t.call_notify_url, "
			+ "t.call_notify_type, t.call_pause_second, t.call_stop_notify_url, t.call_notify_fail_stop, "
			+ "t.bridge_group_id, t.is_test, t.is_top, t.empty_seat_stop, t.background_file_id, "
			+ "t.background_file_name, t.end_action, t.task_type, t.line_callee, t.mode_id, "
			+ "t.bridge_maximumcall, t.bridge_proportion, t.direct_bridge, t.direct_bridge_echo, "
			+ "t.llm_intention_id, t.restart_at, t.enable_type, t.background_id, t.is_group_switch, "
			+ "t.is_call_in, t.start_time, t.stop_time, t.work_week, t.work_hour, t.remote_work_hour, "
			+ "t.holiday, t.pop_mode, t.created_at, t.updated_at, t.deleted_at, "
			+ "r.call_status AS rt_call_status, r.number_count AS rt_number_count, "
			+ "r.cache_number_count AS rt_cache_number_count";

	static TaskRow map(ResultSet rs, int rowNum) throws SQLException {
		return new TaskRow(rs.getLong(1),
				rs.getObject(2, UUID.class),
				rs.getObject(3, UUID.class),
				rs.getString(4),
				rs.getBoolean(5),
				rs.getInt(6),
				rs.getInt(7),
				longOrNull(rs, 8),
				longOrNull(rs, 9),
				rs.getString(10),
				rs.getString(11),
				rs.getString(12),
				rs.getString(13),
				rs.getInt(14),
				rs.getString(15),
				rs.getInt(16),
				rs.getString(17),
				rs.getObject(18, UUID.class),
				rs.getObject(19, UUID.class),
				rs.getString(20),
				rs.getString(21),
				rs.getInt(22),
				rs.getInt(23),
				rs.getString(24),
				rs.getInt(25),
				intOrNull(rs, 26),
				rs.getBoolean(27),
				rs.getInt(28),
				rs.getInt(29),
				rs.getString(30),
				rs.getString(31),
				intOrNull(rs, 32),
				rs.getInt(33),
				rs.getString(34),
				intOrNull(rs, 35),
				rs.getInt(36),
				rs.getInt(37),
				rs.getInt(38),
				rs.getInt(39),
				longOrNull(rs, 40),
				rs.getObject(41, OffsetDateTime.class),
				rs.getInt(42),
				longOrNull(rs, 43),
				rs.getInt(44),
				rs.getInt(45),
				rs.getObject(46, OffsetDateTime.class),
				rs.getObject(47, OffsetDateTime.class),
				rs.getString(48),
				rs.getString(49),
				rs.getString(50),
				rs.getString(51),
				rs.getInt(52),
				rs.getObject(53, OffsetDateTime.class),
				rs.getObject(54, OffsetDateTime.class),
				rs.getObject(55, OffsetDateTime.class),
				rs.getBoolean(56),
				rs.getLong(57),
				rs.getInt(58));
	}

	private static Long longOrNull(ResultSet rs, int column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

}
