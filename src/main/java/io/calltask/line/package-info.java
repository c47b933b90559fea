/**
 * Caller lines (SIP trunks): gateway, FreeSWITCH node, and capacity (cps, concurrent limit).
 * API: {@link io.calltask.line.Line}, {@link io.calltask.line.Lines} (bulk lookup), and
 * {@link io.calltask.line.LineReferences}, which the modules that use lines implement.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Lines")
package io.calltask.line;
