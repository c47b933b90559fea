/**
 * The demo profile's data: an agent with the README's key and a user whose tasks look like the
 * seed document's example. Uses only the other modules' APIs; never runs outside the demo profile.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package io.calltask.demo;
