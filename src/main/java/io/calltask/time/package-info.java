/**
 * Time as every module reads it: the injected {@link java.time.Clock} (a test supplies its own) and
 * {@link io.calltask.time.DateTimes}, the API's {@code yyyy-MM-dd HH:mm:ss} in the deployment's zone.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.calltask.time;
