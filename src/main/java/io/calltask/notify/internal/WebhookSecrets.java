package io.calltask.notify.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.calltask.notify.NotifySettings;

import static io.calltask.notify.internal.EventStore.at;

/**
 * Each agent's signing secret ({@code webhook_secret}), created on first use; a rotation keeps the
 * previous one signing, as a second signature, for {@code calltask.notify.secret-overlap}.
 */
@Component
class WebhookSecrets {

	/** An agent's secret, and until when the previous one still signs (null: none does). */
	record Secret(String secret, String previous, Instant previousExpires) {
	}

	private final JdbcClient jdbc;

	private final Clock clock;

	private final NotifySettings settings;

	WebhookSecrets(JdbcClient jdbc, Clock clock, NotifySettings settings) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = settings;
	}

	/** The agent's secret, created now if it has none. */
	@Transactional
	public Secret current(UUID agentId) {
		Optional<Secret> found = find(agentId, false);
		if (found.isPresent()) {
			return found.get();
		}
		jdbc.sql("INSERT INTO webhook_secret (agent_id, secret, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
			.params(agentId, Signatures.newSecret(), at(clock.instant()))
			.update();
		return find(agentId, false).orElseThrow();
	}

	/** A new secret; the one it replaces still signs for the overlap. */
	@Transactional
	public Secret rotate(UUID agentId) {
		Secret old = current(agentId);
		find(agentId, true); // locks the row
		Instant now = clock.instant();
		jdbc.sql("UPDATE webhook_secret SET secret = ?, previous_secret = ?, previous_expires_at = ?, updated_at = ? "
				+ "WHERE agent_id = ?")
			.params(Signatures.newSecret(), old.secret(), at(now.plus(settings.secretOverlap())), at(now), agentId)
			.update();
		return find(agentId, false).orElseThrow();
	}

	/** The secrets that sign the agent's events now: its own, then the previous one while it is valid. */
	@Transactional
	public List<String> signing(UUID agentId) {
		Secret s = current(agentId);
		List<String> secrets = new ArrayList<>(2);
		secrets.add(s.secret());
		if (s.previous() != null && s.previousExpires() != null && clock.instant().isBefore(s.previousExpires())) {
			secrets.add(s.previous());
		}
		return secrets;
	}

	private Optional<Secret> find(UUID agentId, boolean lock) {
		return jdbc.sql("SELECT secret, previous_secret, previous_expires_at FROM webhook_secret WHERE agent_id = ?"
				+ (lock ? " FOR UPDATE" : ""))
			.param(agentId)
			.query((rs, n) -> {
				OffsetDateTime expires = rs.getObject(3, OffsetDateTime.class);
				return new Secret(rs.getString(1), rs.getString(2), expires == null ? null : expires.toInstant());
			})
			.optional();
	}

}
