package io.calltask.dialer.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The instances' node ids in {@code dialer_node}: each running instance holds its id (its
 * {@code incarnation}, a random id per process) and beats. An id is free when no row has it, its
 * instance stopped cleanly, or its heartbeat no longer moves; a second instance starting with the id
 * of a live one is refused.
 */
@Repository
class NodeRegistry {

	private final JdbcClient jdbc;

	NodeRegistry(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private record Holder(UUID incarnation, Instant heartbeat, boolean stopped) {
	}

	/**
	 * Takes {@code nodeId} for this process ({@code incarnation}). If a running instance may still hold
	 * it (not stopped, and beating within {@code recent}), its heartbeat is watched for {@code watch}:
	 * if it moves, the start is refused. Of two processes taking one id at once, the second is refused.
	 */
	void register(String cluster, String nodeId, UUID incarnation, Instant now, Duration recent, Duration watch) {
		Optional<Holder> holder = holder(nodeId);
		if (holder.isPresent() && !holder.get().stopped() && holder.get().heartbeat().isAfter(now.minus(recent))) {
			sleep(watch);
			Optional<Holder> after = holder(nodeId);
			if (!after.equals(holder)) {
				if (after.isPresent() && !after.get().stopped()) {
					throw refused(nodeId, "its heartbeat moved while this one watched it for " + watch.toSeconds() + " s");
				}
				holder = after; // it stopped cleanly or was removed meanwhile: free
			}
		}
		if (holder.isPresent()) {
			// Compare and set: only the process that saw this holder replaces it.
			int taken = jdbc.sql("UPDATE dialer_node SET cluster = ?, incarnation = ?, started_at = ?, heartbeat_at = ?, "
					+ "stopped = FALSE WHERE node_id = ? AND incarnation IS NOT DISTINCT FROM ? AND heartbeat_at = ?")
				.params(cluster, incarnation, at(now), at(now), nodeId, holder.get().incarnation(),
						at(holder.get().heartbeat()))
				.update();
			if (taken != 1) {
				throw refused(nodeId, "another instance took it at the same moment");
			}
			return;
		}
		try {
			jdbc.sql("INSERT INTO dialer_node (node_id, cluster, incarnation, started_at, heartbeat_at, stopped) "
					+ "VALUES (?, ?, ?, ?, ?, FALSE)")
				.params(nodeId, cluster, incarnation, at(now), at(now))
				.update();
		}
		catch (DuplicateKeyException ex) {
			throw refused(nodeId, "another instance took it at the same moment");
		}
	}

	/**
	 * Beats. False if the row is no longer this process's: taken over as dead (deleted) or taken by
	 * another instance while this one did not beat.
	 */
	boolean beat(String nodeId, UUID incarnation, Instant now) {
		return jdbc.sql("UPDATE dialer_node SET heartbeat_at = ? WHERE node_id = ? AND incarnation = ?")
			.params(at(now), nodeId, incarnation)
			.update() == 1;
	}

	/** After a missed beat: takes the id again if nobody has it (true), or answers that another instance does. */
	boolean reclaim(String cluster, String nodeId, UUID incarnation, Instant now) {
		try {
			return jdbc.sql("INSERT INTO dialer_node (node_id, cluster, incarnation, started_at, heartbeat_at, stopped) "
					+ "VALUES (?, ?, ?, ?, ?, FALSE) ON CONFLICT DO NOTHING")
				.params(nodeId, cluster, incarnation, at(now), at(now))
				.update() == 1 || beat(nodeId, incarnation, now);
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** A clean shutdown: the id is free at once. */
	void stopped(String nodeId, UUID incarnation) {
		jdbc.sql("UPDATE dialer_node SET stopped = TRUE WHERE node_id = ? AND incarnation = ?")
			.params(nodeId, incarnation)
			.update();
	}

	private Optional<Holder> holder(String nodeId) {
		return jdbc.sql("SELECT incarnation, heartbeat_at, stopped FROM dialer_node WHERE node_id = ?")
			.param(nodeId)
			.query((rs, n) -> new Holder(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant(),
					rs.getBoolean(3)))
			.optional();
	}

	private static FailureAnalyzedException refused(String nodeId, String why) {
		return new FailureAnalyzedException("calltask.dialer.node-id=" + nodeId + " is the id of a running instance ("
				+ why + ").", "Give every instance its own calltask.dialer.node-id (CALLTASK_DIALER_NODE_ID), or leave "
						+ "it unset for the host name plus a random suffix; if that instance was just killed, start "
						+ "again in a few seconds.");
	}

	private static void sleep(Duration d) {
		try {
			Thread.sleep(d.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while checking calltask.dialer.node-id", ex);
		}
	}

	private static OffsetDateTime at(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
