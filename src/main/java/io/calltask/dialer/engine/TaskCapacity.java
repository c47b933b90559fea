package io.calltask.dialer.engine;

/**
 * How many calls a task may have in progress now: what the {@link Pacer} asks before each call it
 * hands the task. A strategy, so that a task paced by its seats (issue 24: the seats free, times
 * {@code bridge_proportion}; a predictive mode) is a second strategy rather than a change of the
 * pacer. Pure: it reads the tracked task only.
 */
interface TaskCapacity {

	/** Calls (and slots resting after a call) the task may hold at once. */
	int calls(TrackedTask task);

	/** Today's only strategy: {@code maximumcall}, less the slots resting after a call ({@code call_pause_second}). */
	TaskCapacity FIXED = task -> task.task().pacing().maximumcall() - task.resting();

}
