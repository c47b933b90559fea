/**
 * The 2.0 outbound tasks: create, update, start, pause, soft delete, and the list of the seed document with its
 * derived status. API: {@link io.calltask.task.Tasks} (answering {@link io.calltask.task.TaskView} records),
 * {@link io.calltask.task.TaskStatus}, the {@link io.calltask.task.TaskChanged} event, and
 * {@link io.calltask.task.TaskRuntime} (with {@link io.calltask.task.LineCounters}): the dialer's view, stored here and
 * written by the dialer. Implements the line, catalog and seat modules' references, so what a task uses is not
 * deleted.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tasks")
package io.calltask.task;
