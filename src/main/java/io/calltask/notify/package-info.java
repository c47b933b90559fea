/**
 * Call results out: webhooks ({@code call.finished}, {@code task.stopped}) stored in the transaction
 * of what they report, signed as Standard Webhooks, delivered at least once with retries, and their
 * delivery log. API: {@link io.calltask.notify.NotifySettings}; it listens, in the publisher's
 * transaction, to the dialer's {@link io.calltask.dialer.CallsFinished} and the task module's
 * {@link io.calltask.task.TaskStopped}. Its event bodies are snapshots read, in the writer's
 * transaction, from the tables of the calls, numbers, lines and tasks they report (a read model:
 * it writes only its own tables, and pauses a task only through the task module's API).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notify")
package io.calltask.notify;
