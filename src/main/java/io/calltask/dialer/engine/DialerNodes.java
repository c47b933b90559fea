package io.calltask.dialer.engine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.calltask.dialer.cluster.DialerLease;
import io.calltask.dialer.cluster.Term;

import static io.calltask.dialer.engine.NumberClaims.at;

/**
 * What a node left behind: numbers it had claimed and calls whose outcome it never recorded, taken
 * over by the leader (the nodes themselves and their heartbeats are {@code dialer.cluster}'s).
 */
@Repository
class DialerNodes {

	/** A call a node opened and never closed. */
	record LostCall(UUID callId, long taskId, long numberId, String phone, UUID lineId, int attempt, Instant startAt,
			Instant answeredAt) {
	}

	private final JdbcClient jdbc;

	private final DialerLease lease;

	DialerNodes(JdbcClient jdbc, DialerLease lease) {
		this.jdbc = jdbc;
		this.lease = lease;
	}

	/** Other nodes of the term's cluster whose last heartbeat is older than {@code before}, with that heartbeat. */
	public List<Dead> deadNodes(Term term, Instant before) {
		return jdbc
			.sql("SELECT node_id, heartbeat_at FROM dialer_node WHERE cluster = ? AND node_id <> ? AND heartbeat_at < ?")
			.params(term.cluster(), term.nodeId(), at(before))
			.query((rs, n) -> new Dead(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
			.list();
	}

	record Dead(String nodeId, Instant lastHeartbeat) {
	}

	/**
	 * Takes over a dead node of the cluster and removes it; empty if it is gone already (see
	 * {@link #inherit}).
	 */
	@Transactional
	public Optional<Inherited> takeOver(Term term, String deadNode, Instant now) {
		lease.fence(term);
		if (jdbc.sql("DELETE FROM dialer_node WHERE node_id = ?").param(deadNode).update() != 1) {
			return Optional.empty();
		}
		return Optional.of(take(term, deadNode, now));
	}

	/** What a term took over from a node: how many claimed numbers went back, and its open calls. */
	record Inherited(int released, List<LostCall> calls) {
	}

	/**
	 * Takes over what {@code node} left, in the term's fenced transaction: its claimed numbers go back
	 * to the queue and its open calls become the term's node's, so if this node dies too before
	 * closing them, the next leader takes them over in turn. {@code node} may be the term's own node
	 * (what an earlier run or term of it left).
	 */
	@Transactional
	public Inherited inherit(Term term, String node, Instant now) {
		lease.fence(term);
		return take(term, node, now);
	}

	/** {@link #inherit}'s work, in a transaction already fenced. */
	private Inherited take(Term term, String node, Instant now) {
		int released = releaseClaims(node, now);
		List<LostCall> lost = lostCalls(node);
		if (!node.equals(term.nodeId())) {
			jdbc.sql("UPDATE call_record SET node_id = ? WHERE node_id = ? AND end_at IS NULL")
				.params(term.nodeId(), node)
				.update();
			jdbc.sql("UPDATE task_number SET claimed_by = ? WHERE claimed_by = ? AND status = 'calling'")
				.params(term.nodeId(), node)
				.update();
		}
		return new Inherited(released, lost);
	}

	/** The node's last heartbeat, if it has a row. */
	public Optional<Instant> lastHeartbeat(String node) {
		return jdbc.sql("SELECT heartbeat_at FROM dialer_node WHERE node_id = ?")
			.param(node)
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.optional();
	}

	/** Numbers {@code nodeId} had claimed but not dialed go back to the queue. */
	private int releaseClaims(String nodeId, Instant now) {
		return jdbc.sql("UPDATE task_number SET status = 'pending', claimed_by = NULL, updated_at = ? "
				+ "WHERE claimed_by = ? AND status = 'claimed'")
			.params(at(now), nodeId)
			.update();
	}

	/** Calls {@code nodeId} opened and never closed. */
	private List<LostCall> lostCalls(String nodeId) {
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
