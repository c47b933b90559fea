/**
 * Agents (API clients), their hashed keys and the users (customer accounts) they own.
 * API: {@link io.calltask.agent.UserScope} (a path's {@code user_id}, checked against the calling
 * agent, injectable into any controller), {@link io.calltask.agent.Agents} to create agents and keys.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agents and users")
package io.calltask.agent;
