package io.calltask.api;

import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read side of a {@link CsvDownload}: queries whose rows are handed on as the database sends
 * them, a thousand at a time, inside a read-only transaction (PostgreSQL reads through a cursor only
 * inside one). A million rows then take the memory of a thousand.
 */
@Component
public class StreamedReads {

	private final JdbcClient fetching;

	private final TransactionTemplate readOnly;

	StreamedReads(DataSource dataSource, PlatformTransactionManager transactions) {
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(1000);
		this.fetching = JdbcClient.create(template);
		this.readOnly = new TransactionTemplate(transactions);
		readOnly.setReadOnly(true);
	}

	/** Runs {@code reads} with the fetching client, in one read-only transaction. */
	public void read(Consumer<JdbcClient> reads) {
		readOnly.executeWithoutResult(status -> reads.accept(fetching));
	}

}
