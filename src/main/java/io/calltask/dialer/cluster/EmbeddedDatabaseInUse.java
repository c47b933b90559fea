package io.calltask.dialer.cluster;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A second instance started on the embedded database's data directory: H2 refuses to open a file
 * another process holds (error 90020). Spring Boot's "application failed to start" report then says
 * so in plain words, instead of a connection pool's stack trace. Registered in
 * {@code META-INF/spring.factories}.
 */
class EmbeddedDatabaseInUse extends AbstractFailureAnalyzer<SQLException> {

	/** H2's {@code DATABASE_ALREADY_OPEN_1}: "Database may be already in use". */
	static final int H2_DATABASE_ALREADY_OPEN = 90020;

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
		SQLException in = cause;
		while (in != null && in.getErrorCode() != H2_DATABASE_ALREADY_OPEN) {
			in = in.getCause() instanceof SQLException next ? next : null;
		}
		if (in == null) {
			return null;
		}
		return new FailureAnalysis("The embedded database (spring.datasource.url; by default data/ under the working "
				+ "directory) is in use by another calltask instance. The embedded database serves one instance.",
				"Stop the instance already running here, or start this one from another working directory. To run "
						+ "several instances, give them one PostgreSQL database (SPRING_DATASOURCE_URL; docs/CLUSTER.md).",
				cause);
	}

}
