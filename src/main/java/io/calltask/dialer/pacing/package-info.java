/**
 * Dialing paced by seats (API.md section 9): {@code SeatPacing} decides, per task and tick, how many calls
 * without a seat the task may have ({@code ratio}, {@code predictive}) and keeps the day's abandon counts
 * for the task's {@code pacing} view; {@code HandlingTimes} predicts which busy seats free up soon. Pure:
 * no threads, no I/O, no clock; the engine feeds it and asks it. {@code bench/pacing-sim.sh} drives the
 * same code in virtual time (docs/pacing-sim.md).
 */
package io.calltask.dialer.pacing;
