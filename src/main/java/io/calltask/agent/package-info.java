/**
 * Agents (API clients), their keys (several per agent, hashed, {@code full} or {@code read}, expiring,
 * revocable everywhere within a second) and the users (customer accounts) they own.
 * API: {@link io.calltask.agent.UserScope} (a path's {@code user_id}, checked against the calling
 * agent, injectable into any controller), {@link io.calltask.agent.Agents} to create agents,
 * {@link io.calltask.agent.AgentKeys} for an agent's keys.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Agents and users")
package io.calltask.agent;
