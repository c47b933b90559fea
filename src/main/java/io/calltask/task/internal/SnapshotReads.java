package io.calltask.task.internal;

import java.sql.DatabaseMetaData;
import java.util.function.Function;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Read-only {@code REPEATABLE READ} transactions for reads that must see one snapshot (the task
 * list: its total, its page and everything the page refers to).
 * <p>
 * The JDBC way to ask for the isolation level costs three round trips per transaction on
 * PostgreSQL besides the {@code COMMIT}: the driver asks for the current level ({@code SHOW}),
 * sets the session's level before the transaction ({@code SET SESSION CHARACTERISTICS}) and sets
 * it back after. On PostgreSQL the transaction here keeps the session's level and instead sets its
 * own with {@code SET TRANSACTION ISOLATION LEVEL REPEATABLE READ} as its first statement, sent in
 * the same round trip as the first query ({@link FirstStatement#isolationPrefix()}). The snapshot
 * is taken at the first query, after the level is set, so the guarantee is the same. Other
 * databases (the embedded H2) get the level the JDBC way.
 */
@Component
class SnapshotReads {

	/** What the first statement of a snapshot read must do, passed to the code that runs it. */
	record FirstStatement(boolean setsIsolation) {

		/** To put before the first statement, {@code ""} if the transaction already has its level. */
		String isolationPrefix() {
			return setsIsolation ? "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; " : "";
		}

	}

	private static final FirstStatement NOTHING_TO_SET = new FirstStatement(false);

	private static final FirstStatement SET_ISOLATION = new FirstStatement(true);

	private final TransactionTemplate transactions;

	private final boolean isolationInStatement;

	SnapshotReads(PlatformTransactionManager transactionManager, DataSource dataSource) {
		this.isolationInStatement = isPostgres(dataSource);
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setReadOnly(true);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
		if (!isolationInStatement) {
			this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		}
	}

	/**
	 * Runs {@code work} in a read-only REPEATABLE READ transaction; it must run its first statement
	 * with the given {@link FirstStatement}. Inside a transaction that is already running, it joins
	 * it (and sets nothing).
	 */
	<T> T read(Function<FirstStatement, T> work) {
		return transactions.execute(status -> work
			.apply(isolationInStatement && status.isNewTransaction() ? SET_ISOLATION : NOTHING_TO_SET));
	}

	private static boolean isPostgres(DataSource dataSource) {
		try {
			String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
			return "PostgreSQL".equalsIgnoreCase(product);
		}
		catch (MetaDataAccessException ex) {
			return false;
		}
	}

}
