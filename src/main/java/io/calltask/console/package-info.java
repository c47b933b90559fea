/**
 * The operator console at {@code /console/}: static pages (plain ES modules and CSS under
 * {@code static/console}) that call the public {@code /agent-api} routes with the key the operator
 * signs in with. This module only serves them: the route to the page and its security headers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Operator console")
package io.calltask.console;
