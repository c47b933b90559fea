/**
 * Call results out: webhooks ({@code call.finished}, {@code task.stopped}) stored in the transaction
 * of what they report, signed as Standard Webhooks, delivered at least once with retries, and their
 * delivery log. API: {@link io.calltask.notify.NotifySettings}; it listens, in the publisher's
 * transaction, to the dialer's {@link io.calltask.dialer.CallsFinished} and the task module's
 * {@link io.calltask.task.TaskStopped}. Its event bodies are snapshots read, in the writer's
 * transaction, from the tables of the calls, numbers, lines and tasks they report (a read model:
 * it writes only its own tables, and pauses a task only through the task module's API).
 *
 * <p>Its parts ({@code internal}), in the order an event meets them:
 * <ul>
 * <li>stored: {@code CallFinishedEvents}, {@code TaskStoppedEvents}, into {@code EventStore} (the
 * {@code notify_event} table);
 * <li>one round of the {@code Dispatcher} (its own thread): {@code Attempts} writes the attempts that
 * ended (delivered, due again after its delay, failed; fail-stop pauses the task); {@code DueEvents}
 * leases what is due, fairly between receivers; {@code WebhookSender} checks the address
 * ({@code ReceiverAddresses}), signs ({@code Signatures}, with {@code WebhookSecrets}) and POSTs;
 * {@code Retention} deletes old delivered and failed events;
 * <li>seen: {@code DeliveryLog} and {@code NotifyController} (the log, redelivery, the signing
 * secret), {@code NotifyMetrics};
 * <li>threads and the HTTP client: beans of {@code NotifyConfiguration}.
 * </ul>
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notify")
package io.calltask.notify;
