/**
 * The gateway seam: how the engine places calls ({@link io.calltask.dialer.spi.CallGateway}) and the
 * events a gateway reports back. Implemented by the simulated gateway and by FreeSWITCH.
 */
@org.springframework.modulith.NamedInterface("spi")
package io.calltask.dialer.spi;
