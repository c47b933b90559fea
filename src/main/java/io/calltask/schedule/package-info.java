/**
 * Work hours: the local schedule, its compression into the remote one, whether an instant is
 * dialable, and time groups (旧时间组) that tasks copy. API: {@link io.calltask.schedule.WeeklySchedule},
 * {@link io.calltask.schedule.RemoteSchedule}, {@link io.calltask.schedule.ScheduleJson}, {@link io.calltask.schedule.TimeGroups}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Schedules")
package io.calltask.schedule;
