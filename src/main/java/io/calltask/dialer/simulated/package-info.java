/**
 * A gateway without a switch, the default: calls answered, busy or failed with configured odds,
 * on the engine's clock ({@link io.calltask.dialer.engine.ClockDriven}). Nothing depends on it.
 */
package io.calltask.dialer.simulated;
