/**
 * Caller lines (SIP trunks): gateway, FreeSWITCH node, and capacity (cps, concurrent limit).
 * API: {@link io.calltask.line.Line}, {@link io.calltask.line.Lines} (bulk lookup), the {@link io.calltask.line.LineDeleting} event.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Lines")
package io.calltask.line;
