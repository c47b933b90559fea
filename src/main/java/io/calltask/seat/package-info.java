/**
 * Seats (坐席) and bridge groups (转接组) of each user, API.md section 8.1: people set a seat's
 * {@code status}, the dialer its {@code call_state}. API: {@link io.calltask.seat.Seat},
 * {@link io.calltask.seat.BridgeGroup}, {@link io.calltask.seat.SeatBoardStore} (what the dialer reads
 * and writes), {@link io.calltask.seat.BridgeGroups} (a task's group reference checked), and
 * {@link io.calltask.seat.GroupReferences}, which the modules that use groups implement.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Seats")
package io.calltask.seat;
