package io.calltask.schedule;

/**
 * What still uses a holiday calendar: implemented by the modules that refer to calendars (a task's
 * {@code holiday_calendar_ids}), asked inside the calendar's delete transaction; a calendar in use is
 * not deleted (409).
 */
public interface CalendarReferences {

	/** How many live tasks use the calendar. */
	long countUsing(long calendarId);

}
