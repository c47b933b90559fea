package io.calltask.dialer.cluster;

import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dialer lease: one row per cluster in {@code dialer_lease}, its expiry in the database's time.
 * Taking it adds one to its fencing token; every dialer transaction starts with {@link #fence}, which
 * passes only while the token it was started under is the lease's and the lease has not expired. On
 * PostgreSQL the fence holds a share lock on the row until the transaction ends, so the lease cannot
 * pass to another node while a write of its holder is under way: the next holder sees all of it.
 */
@Repository
public class DialerLease {

	private static final OffsetDateTime NEVER = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

	private final JdbcClient jdbc;

	/** {@code FOR SHARE} on PostgreSQL; H2 has no share lock, and one process only (its file lock). */
	private final String shareLock;

	DialerLease(JdbcClient jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.shareLock = embedded(dataSource) ? "" : " FOR SHARE";
	}

	/** The embedded database (H2) serves one process at a time: its file is locked by the first. */
	static boolean embedded(DataSource dataSource) {
		try {
			return "H2".equals(JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("cannot tell which database this is", ex);
		}
	}

	/**
	 * Takes the lease for {@code nodeId} for {@code timeout} if it is free: expired, never held, or
	 * held by this node (a new term then, with a new token). {@code exclusive}: take it whoever holds
	 * it (the embedded database: no other process can be running).
	 */
	@Transactional
	public Optional<Term> acquire(String cluster, String nodeId, Duration timeout, boolean exclusive) {
		Optional<Boolean> takeable = jdbc
			.sql("SELECT holder IS NULL OR holder = ? OR expires_at <= CURRENT_TIMESTAMP FROM dialer_lease WHERE cluster = ?")
			.params(nodeId, cluster)
			.query(Boolean.class)
			.optional();
		if (takeable.isEmpty()) {
			jdbc.sql("INSERT INTO dialer_lease (cluster, holder, token, expires_at) VALUES (?, NULL, 0, ?) "
					+ "ON CONFLICT DO NOTHING")
				.params(cluster, NEVER)
				.update();
		}
		else if (!takeable.get() && !exclusive) {
			return Optional.empty(); // held: no lock taken, the holder's writes are not held up
		}
		Lease lease = jdbc
			.sql("SELECT holder, token, expires_at <= CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM dialer_lease "
					+ "WHERE cluster = ? FOR UPDATE")
			.param(cluster)
			.query((rs, n) -> new Lease(rs.getString(1), rs.getLong(2), rs.getBoolean(3),
					rs.getObject(4, OffsetDateTime.class).toInstant()))
			.single();
		if (!exclusive && lease.holder() != null && !lease.holder().equals(nodeId) && !lease.expired()) {
			return Optional.empty(); // taken meanwhile
		}
		long token = lease.token() + 1;
		jdbc.sql("UPDATE dialer_lease SET holder = ?, token = ?, expires_at = ?, previous_holder = ? WHERE cluster = ?")
			.params(nodeId, token, at(lease.now().plus(timeout)), lease.holder(), cluster)
			.update();
		return Optional.of(new Term(cluster, nodeId, token, lease.holder()));
	}

	private record Lease(String holder, long token, boolean expired, Instant now) {
	}

	/** Extends the term's lease by {@code timeout} from now; false if it is no longer the lease's or has expired. */
	@Transactional
	public boolean renew(Term term, Duration timeout) {
		Instant now = jdbc.sql("SELECT CURRENT_TIMESTAMP").query(OffsetDateTime.class).single().toInstant();
		return jdbc.sql("UPDATE dialer_lease SET expires_at = ? WHERE cluster = ? AND holder = ? AND token = ? "
				+ "AND expires_at > ?")
			.params(at(now.plus(timeout)), term.cluster(), term.nodeId(), term.token(), at(now))
			.update() == 1;
	}

	/** Gives the lease up (a clean shutdown): a standby takes it at its next try. */
	@Transactional
	public void release(Term term) {
		jdbc.sql("UPDATE dialer_lease SET expires_at = ? WHERE cluster = ? AND holder = ? AND token = ?")
			.params(NEVER, term.cluster(), term.nodeId(), term.token())
			.update();
	}

	/**
	 * The fence: the first statement of every dialer transaction. Throws {@link LeaseLostException}
	 * (rolling the transaction back) unless {@code term} still holds the lease, unexpired.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void fence(Term term) {
		boolean held = jdbc
			.sql("SELECT token FROM dialer_lease WHERE cluster = ? AND holder = ? AND token = ? "
					+ "AND expires_at > CURRENT_TIMESTAMP" + shareLock)
			.params(term.cluster(), term.nodeId(), term.token())
			.query(Long.class)
			.optional()
			.isPresent();
		if (!held) {
			throw new LeaseLostException(term);
		}
	}

	static OffsetDateTime at(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
