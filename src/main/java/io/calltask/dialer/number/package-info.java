/**
 * A task's numbers: imported from JSON or CSV (streamed, all or nothing) and listed. API for other
 * modules: {@link io.calltask.dialer.number.Numbers} (the demo data imports through it).
 */
package io.calltask.dialer.number;
