/**
 * The 2.0 outbound tasks: create, update, start, pause, soft delete, and the list of the seed
 * document with its derived status. API: {@link io.calltask.task.Tasks}, {@link io.calltask.task.TaskStatus},
 * the {@link io.calltask.task.TaskChanged} event; the dialer's runtime view is stored here and written by the dialer.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tasks")
package io.calltask.task;
