/**
 * Call records as the API lists them, and the words and codes a call ends with
 * ({@link io.calltask.dialer.callrecord.CallOutcome}, {@link io.calltask.dialer.callrecord.CallStatusCode}), which
 * the engine writes. Internal to the dialer.
 */
package io.calltask.dialer.callrecord;
