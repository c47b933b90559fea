/**
 * Places the dialer's calls through FreeSWITCH over the Event Socket (inbound mode): implements
 * {@link io.calltask.dialer.spi.CallGateway}. API: {@link io.calltask.freeswitch.FreeSwitchSettings}
 * ({@code calltask.freeswitch.*}); {@code esl} is the protocol client (framing, message model,
 * connection handler, client API), {@code internal} the gateway (facade, nodes, the calls it follows with
 * their legs, found by channel uuid, their transfers to seats, the reconciler).
 */
@org.springframework.modulith.ApplicationModule(displayName = "FreeSWITCH")
package io.calltask.freeswitch;
