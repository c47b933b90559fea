/**
 * Dialing paced by seats (API.md section 9): {@code SeatPacing} decides, per task and tick, how many calls
 * without a seat the task may have ({@code ratio}, {@code predictive}) and keeps the day's abandon counts
 * for the task's {@code pacing} view; {@code HandlingTimes} predicts which busy seats free up soon. Pure:
 * no threads, no I/O, no clock; the engine feeds it and asks it. {@code bench/pacing-sim.sh} drives the
 * same code in virtual time (docs/pacing-sim.md).
 *
 * <h2>What the engine feeds it</h2>
 * Each tick, for each seat-paced task: {@link SeatPacing#decide} with the task's
 * settings (they may change between ticks), its share of its group's seats ({@link SeatPacing.Seats}) and its calls
 * without a seat (ringing, or answered and not yet waiting for, ringing or bridged to a seat). The task may
 * place another call while those are fewer than {@link SeatPacing.Decision#calls()} (and {@code maximumcall}, its
 * lines and {@code cps} allow it). And, as they happen, for the task's calls:
 * <ul>
 * <li>{@link SeatPacing#placed}: a call was placed;</li>
 * <li>{@link SeatPacing#answered}: answered after ringing for that long; {@link SeatPacing#unanswered}: ended without an
 * answer (no answer, busy, failed) after ringing for that long;</li>
 * <li>{@link SeatPacing#asked}: it asked for a seat (its bot asked; with {@code direct_bridge} 1, at its answer),
 * that long after it was placed; {@link SeatPacing#endedWithoutAsking}: answered, it ended without ever asking (a
 * call its bot finished);</li>
 * <li>exactly one outcome for each call that asked: {@link SeatPacing#bridged} if a seat answered within
 * {@code calltask.pacing.abandon-seconds} (2 s) of the ask, else {@link SeatPacing#abandoned}. <b>The caller
 * decides</b> which, since it holds each call's ask time (this class keeps no call): a call is abandoned
 * as soon as it is known not to be bridged in time (the customer hung up, was let go or was sent back
 * to the bot before, or the seconds passed with no seat answering); a seat that answers it later
 * changes nothing here;</li>
 * <li>{@link SeatPacing#handled}: a seat that served one of the task's calls is free again, that long after it was
 * taken for the customer (seat ring, talk and wrap-up). Feeding every handling time of the group to
 * each of its tasks is fine too: it is the group's seats whose frees are predicted.</li>
 * </ul>
 * {@link SeatPacing#view} is the task item's {@code pacing}. After a restart or a change of leader,
 * {@link SeatPacing#restoreToday} puts back the day's counts from the call records, so that the day's cap holds.
 *
 * <h2>The predictive controller (docs/pacing-sim.md explains it with figures)</h2>
 * Three estimates, from the calls as they resolve: {@code q}, the share of placed calls that ask for a
 * seat (with direct bridge: the answer rate); {@code T}, how long a placed call stays without a seat,
 * whatever becomes of it (the ring time; in a bot-first task, ring and bot); and the seats' recent
 * handling times ({@link io.calltask.dialer.pacing.HandlingTimes}). Each decision:
 * <ol>
 * <li>seats expected: {@code S = available + share × Σ P(free within T | busy for t)} over the busy
 * seats, less the customers already waiting;</li>
 * <li>calls: the number {@code C} whose expected asks within {@code T}, {@code qC} (Little's law), plus
 * {@code z} standard deviations ({@code √(qC(1-q) + Var S)}: asks and frees are chance events) come to
 * {@code S}; at least one per free seat (which never abandons), at most {@code max_dial_level × S};
 * {@code dial_level} is {@code C / S}, at least 1.0;</li>
 * <li>{@code z}, the safety margin in standard deviations, is set by the outcomes (stochastic
 * approximation): each call bridged in time lowers it by {@code k·τ}, each abandoned call raises it by
 * {@code k·(1-τ)}, so it settles where a share {@code τ} of the calls that ask are abandoned;
 * {@code τ} is {@value SeatPacing#TARGET_SHARE} of {@code max_abandon_rate} and {@code k} {@value SeatPacing#STEP};</li>
 * <li>the day's budget: the abandons still allowed today, {@code max_abandon_rate} of the day's answered
 * calls (counted as at least 50) less those abandoned. Busy seats all but sure to free within {@code T}
 * ({@value SeatPacing#SURE_Z} standard deviations short of those expected, once as many handling times are
 * known as seats are busy, since the first ones known are the short ones) cost none of it; the asks expected
 * beyond the free seats and those never exceed what remains. While fewer than {@value SeatPacing#BRAKE_ROOM}
 * remain, the margin is at least {@value SeatPacing#SURE_Z} and the asks expected never go beyond the seats free
 * or all but sure to free. Should the
 * day's rate still go over the cap after 50 answered calls, level 1.0 (one call per free seat) for the
 * rest of the day.</li>
 * </ol>
 * Until {@value SeatPacing#MIN_CALLS} calls have resolved it also dials one call per free seat, and until
 * {@value SeatPacing#MIN_HANDLING} handling times are known it expects no busy seat to free.
 */
package io.calltask.dialer.pacing;
