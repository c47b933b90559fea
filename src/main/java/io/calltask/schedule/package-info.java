/**
 * Work hours: the local schedule, its compression into the remote one, whether an instant is
 * dialable, time groups (旧时间组) that tasks copy, and the agents' holiday calendars (holidays and 调休
 * workdays) that tasks follow. API: {@link io.calltask.schedule.WeeklySchedule},
 * {@link io.calltask.schedule.RemoteSchedule}, {@link io.calltask.schedule.ScheduleJson}, {@link io.calltask.schedule.TimeGroups},
 * {@link io.calltask.schedule.HolidayCalendars} with {@link io.calltask.schedule.CalendarDays} and
 * {@link io.calltask.schedule.CalendarReferences}, which the modules that use calendars implement.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Schedules")
package io.calltask.schedule;
