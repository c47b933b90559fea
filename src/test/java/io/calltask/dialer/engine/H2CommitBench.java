package io.calltask.dialer.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * What {@code WRITE_DELAY 0} (every H2 database's setting since issue 13: a commit is written when it
 * returns) costs a commit of the size the dialer's writer makes: 10 rows inserted and committed,
 * 2,000 times, on a file database in a fresh directory, with H2's default (500 ms) and with 0;
 * each case twice, the second after the JIT has warmed. Run by {@code bench/h2-commit-bench.sh}.
 */
public final class H2CommitBench {

	public static void main(String[] args) throws Exception {
		for (String delay : new String[] { "500", "0" }) {
			Path dir = Files.createTempDirectory("h2-commit-bench");
			try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=" + delay,
					"sa", "")) {
				try (Statement s = c.createStatement()) {
					s.execute("CREATE TABLE t (id INT, v VARCHAR(100))");
				}
				c.setAutoCommit(false);
				try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
					for (int round = 1; round <= 2; round++) {
						long start = System.nanoTime();
						for (int i = 0; i < 2000; i++) {
							for (int j = 0; j < 10; j++) {
								insert.setInt(1, i);
								insert.setString(2, "row " + i + "/" + j);
								insert.addBatch();
							}
							insert.executeBatch();
							c.commit();
						}
						System.out.printf("WRITE_DELAY %s, round %d: %.1f µs per commit of 10 rows%n", delay, round,
								(System.nanoTime() - start) / 1e3 / 2000);
					}
				}
			}
		}
	}

	private H2CommitBench() {
	}

}
