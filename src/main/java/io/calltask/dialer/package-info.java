/**
 * The dialer: a task's numbers and their import, the blacklist, call records, and the engine that
 * claims due numbers, paces them inside every task and line limit, originates them and records what
 * happened. API: {@link io.calltask.dialer.number.Numbers} (named interface {@code number}) and the
 * gateway seam {@code spi}; the rest is internal. One sub-package per feature, each with its web
 * controller beside the service it calls (as in spring-petclinic): a feature reads in one folder.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dialer")
package io.calltask.dialer;
