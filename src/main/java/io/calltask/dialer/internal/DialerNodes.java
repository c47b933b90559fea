package io.calltask.dialer.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static io.calltask.dialer.internal.NumberClaims.at;

/**
 * The dialer nodes sharing the database, their heartbeats, and what a dead node left behind:
 * numbers it had claimed and calls whose outcome it never recorded.
 */
@Repository
class DialerNodes {

	/** A call a node opened and never closed. */
	record LostCall(UUID callId, long taskId, long numberId, String phone, UUID lineId, int attempt, Instant startAt,
			Instant answeredAt) {
	}

	private final JdbcClient jdbc;

	DialerNodes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Registers this node; answers its previous heartbeat if it ran before (it died or stopped then). */
	@Transactional
	public Optional<Instant> register(String nodeId, Instant now) {
		Optional<Instant> previous = jdbc.sql("SELECT heartbeat_at FROM dialer_node WHERE node_id = ? FOR UPDATE")
			.param(nodeId)
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.optional();
		if (previous.isPresent()) {
			jdbc.sql("UPDATE dialer_node SET started_at = ?, heartbeat_at = ? WHERE node_id = ?")
				.params(at(now), at(now), nodeId)
				.update();
		}
		else {
			jdbc.sql("INSERT INTO dialer_node (node_id, started_at, heartbeat_at) VALUES (?, ?, ?)")
				.params(nodeId, at(now), at(now))
				.update();
		}
		return previous;
	}

	public void heartbeat(String nodeId, Instant now) {
		jdbc.sql("UPDATE dialer_node SET heartbeat_at = ? WHERE node_id = ?").params(at(now), nodeId).update();
	}

	/** Other nodes whose last heartbeat is older than {@code before}, with that heartbeat. */
	public List<Dead> deadNodes(String self, Instant before) {
		return jdbc.sql("SELECT node_id, heartbeat_at FROM dialer_node WHERE node_id <> ? AND heartbeat_at < ?")
			.params(self, at(before))
			.query((rs, n) -> new Dead(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
			.list();
	}

	record Dead(String nodeId, Instant lastHeartbeat) {
	}

	/** Takes over a dead node: once this commits, nobody else recovers it. False if another node got it first. */
	@Transactional
	public boolean takeOver(String deadNode) {
		return jdbc.sql("DELETE FROM dialer_node WHERE node_id = ?").param(deadNode).update() == 1;
	}

	/** Numbers {@code nodeId} had claimed but not dialed go back to the queue. */
	public int releaseClaims(String nodeId, Instant now) {
		return jdbc.sql("UPDATE task_number SET status = 'pending', claimed_by = NULL, updated_at = ? "
				+ "WHERE claimed_by = ? AND status = 'claimed'")
			.params(at(now), nodeId)
			.update();
	}

	/** Calls {@code nodeId} opened and never closed. */
	public List<LostCall> lostCalls(String nodeId) {
		return jdbc.sql("SELECT callid, task_id, number_id, phone, line_id, attempt, start_at, answer_at "
				+ "FROM call_record WHERE node_id = ? AND end_at IS NULL")
			.param(nodeId)
			.query((rs, n) -> {
				OffsetDateTime answered = rs.getObject(8, OffsetDateTime.class);
				return new LostCall(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3), rs.getString(4),
						rs.getObject(5, UUID.class), rs.getInt(6), rs.getObject(7, OffsetDateTime.class).toInstant(),
						answered == null ? null : answered.toInstant());
			})
			.list();
	}

}
