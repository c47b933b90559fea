/**
 * The HTTP contract every module shares: the success and error envelopes of docs/ROUTES.md,
 * typed request errors, strict JSON field reading and page parameters.
 * Controllers of every module build their answers with {@link io.calltask.api.ApiResponse}.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.calltask.api;
