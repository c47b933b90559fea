package io.calltask.dialer.engine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static io.calltask.dialer.engine.NumberClaims.at;

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

	/** False if this node's row is gone: another node took it over, thinking it dead. */
	public boolean heartbeat(String nodeId, Instant now) {
		return jdbc.sql("UPDATE dialer_node SET heartbeat_at = ? WHERE node_id = ?").params(at(now), nodeId).update() == 1;
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

	/**
	 * Takes over a dead node, all in one transaction: its claimed numbers go back to the queue and
	 * its open calls become this node's, so if this node dies too before closing them, whoever
	 * recovers this node closes them. Empty if another node took it over first.
	 */
	@Transactional
	public Optional<List<LostCall>> takeOver(String deadNode, String self, Instant now) {
		if (jdbc.sql("DELETE FROM dialer_node WHERE node_id = ?").param(deadNode).update() != 1) {
			return Optional.empty();
		}
		releaseClaims(deadNode, now);
		List<LostCall> lost = lostCalls(deadNode);
		jdbc.sql("UPDATE call_record SET node_id = ? WHERE node_id = ? AND end_at IS NULL").params(self, deadNode).update();
		jdbc.sql("UPDATE task_number SET claimed_by = ? WHERE claimed_by = ? AND status = 'calling'")
			.params(self, deadNode)
			.update();
		return Optional.of(lost);
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
