/**
 * The dialer: task numbers, the blacklist and call records, and the engine that claims due numbers,
 * paces them inside every task and line limit, originates them through a {@link io.calltask.dialer.spi.CallGateway}
 * and records what happened. API: {@link io.calltask.dialer.Numbers}, {@link io.calltask.dialer.Blacklist},
 * {@link io.calltask.dialer.CallRecords}; {@code spi} for gateways.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dialer")
package io.calltask.dialer;
