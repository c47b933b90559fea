/**
 * The engine: one pacing thread ticks {@link io.calltask.dialer.engine.DialerEngine}, which claims due
 * numbers, paces them inside every task and line limit, records calls in one transaction per batch
 * and only then hands them to the {@link io.calltask.dialer.spi.CallGateway}. Internal to the dialer.
 */
package io.calltask.dialer.engine;
