package io.calltask.dialer.number;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes the valid numbers of one import in large batches, inside the import's transaction. The
 * unique constraint {@code task_number_once} is the judge of duplicates ({@code ON CONFLICT DO
 * NOTHING}); what a batch did not insert was a duplicate. A number whose phone is on the user's
 * blacklist is stored {@code filtered} with {@code last_call_status} 11: its phone as written is
 * looked up among the spellings of the blacklisted persons ({@code blacklist_spelling}), so matching
 * by E.164 costs an import no normalising.
 */
abstract sealed class NumberInsert permits NumberInsert.Postgres, NumberInsert.Portable {

	protected final JdbcTemplate jdbc;

	protected final long taskId;

	protected final UUID userId;

	protected final OffsetDateTime now;

	private final int batchSize;

	private final boolean randomOrder;

	protected final List<String> phones;

	protected final List<String> variables;

	/** Each phone in E.164 ({@code task_number.phone_e164}), as the contact policy counts it. */
	protected final List<String> e164s;

	private final java.util.function.UnaryOperator<String> e164;

	private long accepted;

	private long filtered;

	NumberInsert(JdbcTemplate jdbc, long taskId, UUID userId, OffsetDateTime now, int batchSize,
			boolean randomOrder, java.util.function.UnaryOperator<String> e164) {
		this.e164 = e164;
		this.e164s = new ArrayList<>(batchSize);
		this.randomOrder = randomOrder;
		this.jdbc = jdbc;
		this.taskId = taskId;
		this.userId = userId;
		this.now = now;
		this.batchSize = batchSize;
		this.phones = new ArrayList<>(batchSize);
		this.variables = new ArrayList<>(batchSize);
	}

	/** A valid phone with its variables (canonical JSON or null), in import order. */
	public void add(String phone, String variablesJson) {
		phones.add(phone);
		variables.add(variablesJson);
		if (phones.size() >= batchSize) {
			flush();
		}
	}

	public void flush() {
		if (phones.isEmpty()) {
			return;
		}
		// libphonenumber reads a phone in microseconds: a batch's phones are read on every core.
		e164s.addAll(phones.parallelStream().map(e164).toList());
		long[] counts = write();
		accepted += counts[0];
		filtered += counts[1];
		phones.clear();
		variables.clear();
		e164s.clear();
	}

	/** Numbers stored by this import, filtered ones included. */
	public long accepted() {
		return accepted;
	}

	/** Of {@link #accepted}, those stored as {@code filtered}. */
	public long filtered() {
		return filtered;
	}

	/** Inserts the current batch: {inserted, of which filtered}. */
	protected abstract long[] write();

	/**
	 * The random-order key, only for tasks that dial in random order: other tasks' numbers stay out
	 * of the random-order index, the costliest one to keep up in a large import. (A task switched
	 * to random order later gets its numbers' keys when the dialer first claims in that order.)
	 */
	protected Integer rnd() {
		return randomOrder ? ThreadLocalRandom.current().nextInt() : null;
	}

	/**
	 * PostgreSQL: one statement per 10,000 numbers, the batch passed as three arrays and unnested in
	 * import order; the blacklist is joined in and the statement answers its own counts.
	 */
	static final class Postgres extends NumberInsert {

		private static final String SQL = "WITH ins AS (INSERT INTO task_number (task_id, user_id, phone, variables, "
				+ "status, rnd, attempts, answered, last_call_status, created_at, updated_at, phone_e164) "
				+ "SELECT ?, ?, v.phone, v.variables, CASE WHEN b.phone IS NULL THEN 'pending' ELSE 'filtered' END, "
				+ "v.rnd, 0, FALSE, CASE WHEN b.phone IS NULL THEN NULL ELSE 11 END, ?, ?, v.e164 "
				+ "FROM unnest(?::varchar[], ?::varchar[], ?::int[], ?::varchar[]) WITH ORDINALITY "
				+ "AS v (phone, variables, rnd, e164, ord) "
				+ "LEFT JOIN blacklist_spelling b ON b.user_id = ? AND b.phone = v.phone ORDER BY v.ord "
				+ "ON CONFLICT (task_id, phone) DO NOTHING RETURNING status) "
				+ "SELECT count(*), count(*) FILTER (WHERE status = 'filtered') FROM ins";

		Postgres(JdbcTemplate jdbc, long taskId, UUID userId, OffsetDateTime now, boolean randomOrder,
				java.util.function.UnaryOperator<String> e164) {
			super(jdbc, taskId, userId, now, 10_000, randomOrder, e164);
		}

		@Override
		protected long[] write() {
			return jdbc.execute((ConnectionCallback<long[]>) con -> {
				Integer[] rnds = new Integer[phones.size()];
				for (int i = 0; i < rnds.length; i++) {
					rnds[i] = rnd();
				}
				Array phoneArray = con.createArrayOf("varchar", phones.toArray());
				Array variableArray = con.createArrayOf("varchar", variables.toArray());
				Array rndArray = con.createArrayOf("int4", rnds);
				Array e164Array = con.createArrayOf("varchar", e164s.toArray());
				try (PreparedStatement ps = con.prepareStatement(SQL)) {
					ps.setLong(1, taskId);
					ps.setObject(2, userId);
					ps.setObject(3, now);
					ps.setObject(4, now);
					ps.setArray(5, phoneArray);
					ps.setArray(6, variableArray);
					ps.setArray(7, rndArray);
					ps.setArray(8, e164Array);
					ps.setObject(9, userId);
					try (ResultSet rs = ps.executeQuery()) {
						rs.next();
						return new long[] { rs.getLong(1), rs.getLong(2) };
					}
				}
				finally {
					phoneArray.free();
					variableArray.free();
					rndArray.free();
					e164Array.free();
				}
			});
		}

	}

	/**
	 * Any other database (H2): the batch's blacklisted phones in one query, then one JDBC batch of
	 * single-row inserts, whose per-row counts say which numbers were stored.
	 */
	static final class Portable extends NumberInsert {

		private static final String SQL = "INSERT INTO task_number (task_id, user_id, phone, variables, status, rnd, "
				+ "attempts, answered, last_call_status, created_at, updated_at, phone_e164) "
				+ "VALUES (?, ?, ?, ?, ?, ?, 0, FALSE, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

		Portable(JdbcTemplate jdbc, long taskId, UUID userId, OffsetDateTime now, boolean randomOrder,
				java.util.function.UnaryOperator<String> e164) {
			super(jdbc, taskId, userId, now, 1000, randomOrder, e164);
		}

		@Override
		protected long[] write() {
			Set<String> blacklisted = blacklisted();
			return jdbc.execute((ConnectionCallback<long[]>) con -> {
				boolean[] filtered = new boolean[phones.size()];
				try (PreparedStatement ps = con.prepareStatement(SQL)) {
					for (int i = 0; i < phones.size(); i++) {
						filtered[i] = blacklisted.contains(phones.get(i));
						ps.setLong(1, taskId);
						ps.setObject(2, userId);
						ps.setString(3, phones.get(i));
						if (variables.get(i) == null) {
							ps.setNull(4, Types.VARCHAR);
						}
						else {
							ps.setString(4, variables.get(i));
						}
						ps.setString(5, filtered[i] ? "filtered" : "pending");
						Integer rnd = rnd();
						if (rnd == null) {
							ps.setNull(6, Types.INTEGER);
						}
						else {
							ps.setInt(6, rnd);
						}
						if (filtered[i]) {
							ps.setInt(7, 11);
						}
						else {
							ps.setNull(7, Types.INTEGER);
						}
						ps.setObject(8, now);
						ps.setObject(9, now);
						ps.setString(10, e164s.get(i));
						ps.addBatch();
					}
					int[] rows = ps.executeBatch();
					long inserted = 0;
					long insertedFiltered = 0;
					for (int i = 0; i < rows.length; i++) {
						if (rows[i] > 0) {
							inserted++;
							if (filtered[i]) {
								insertedFiltered++;
							}
						}
					}
					return new long[] { inserted, insertedFiltered };
				}
			});
		}

		private Set<String> blacklisted() {
			StringBuilder sql = new StringBuilder("SELECT phone FROM blacklist_spelling WHERE user_id = ? AND phone IN (");
			List<Object> args = new ArrayList<>(phones.size() + 1);
			args.add(userId);
			for (int i = 0; i < phones.size(); i++) {
				sql.append(i == 0 ? "?" : ", ?");
				args.add(phones.get(i));
			}
			sql.append(')');
			return new HashSet<>(jdbc.queryForList(sql.toString(), String.class, args.toArray()));
		}

	}

}
