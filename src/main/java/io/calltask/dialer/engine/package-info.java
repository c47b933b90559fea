/**
 * The engine: one pacing thread ({@code DialerRunner}, {@code Ticker}) ticks {@code DialerEngine}, which
 * claims due numbers, paces them inside every task and line limit, records calls in one transaction
 * per batch and only then hands them to the {@link io.calltask.dialer.spi.CallGateway}. Internal to the
 * dialer. Its parts, in the order of a tick:
 * <ul>
 * <li>{@code TaskRefresh}: rereads tasks, lines and recycle rules on the reader thread;</li>
 * <li>{@code TrackedTasks}/{@code TrackedTask}: the tasks it tracks, their life cycle (stop_time,
 * restart_at, end_action; its transactions on the writer thread), whether each may dial now, what the
 * task list is told;</li>
 * <li>{@code TrackedLines}/{@code TrackedLine}: their lines, capacity and reservations;</li>
 * <li>{@code NumberSupply} over {@code NumberClaims}: the claimed numbers each task holds;</li>
 * <li>{@code Pacer}: who dials next on which line (pure, no threads or IO), asking each task's
 * {@code TaskCapacity} (today {@code FIXED}: maximumcall) and the {@code CallEligibility} of each
 * number (today the task's work hours; a contact policy plugs in here);</li>
 * <li>{@code CallsInProgress}/{@code CallInProgress}: calls up, their events (by kind, through
 * {@code CallEvent.Handler}) and ends, {@code Redial} (pure) deciding what becomes of each number;</li>
 * <li>{@code AttemptWriter} over {@code AttemptLog}/{@code AttemptBatch}: the batched writer on the
 * writer thread, which then places the calls. {@code AttemptLog} writes each table through the part
 * that owns it ({@code NumberStates}, {@code CallRecordWrites}, {@code TaskRuntime}, the
 * {@code CallsFinished} event) in {@code WriteOrder};</li>
 * <li>{@code NodeRecovery} over {@code DialerNodes}: what the previous leader, this node's earlier
 * runs and dead nodes left behind.</li>
 * </ul>
 * The engine dials only while its instance leads ({@link io.calltask.dialer.cluster.DialerRole}); every
 * transaction it makes is fenced with the term it dials under. {@code DialerConfiguration} makes the
 * engine and its two {@code WorkerThread}s.
 */
package io.calltask.dialer.engine;
