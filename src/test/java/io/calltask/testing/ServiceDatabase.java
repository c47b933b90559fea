package io.calltask.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * Where {@link ServiceProcess}es keep their data: the embedded default under their working
 * directory, or, when the suite runs on PostgreSQL ({@code SPRING_DATASOURCE_URL}), a database of
 * their own on that server, dropped after.
 */
public record ServiceDatabase(Map<String, String> environment, String adminUrl, String name) implements AutoCloseable {

	public static ServiceDatabase forThisRun() throws SQLException {
		String url = System.getenv("SPRING_DATASOURCE_URL");
		if (url == null || !url.startsWith("jdbc:postgresql:")) {
			return new ServiceDatabase(Map.of(), null, null);
		}
		String name = "calltask_process_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		try (Connection c = connect(url); Statement s = c.createStatement()) {
			s.execute("CREATE DATABASE " + name);
		}
		return new ServiceDatabase(Map.of("SPRING_DATASOURCE_URL", url.replaceFirst("/[^/?]+(?=\\?|$)", "/" + name)), url,
				name);
	}

	@Override
	public void close() throws SQLException {
		if (name != null) {
			try (Connection c = connect(adminUrl); Statement s = c.createStatement()) {
				s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			}
		}
	}

	private static Connection connect(String url) throws SQLException {
		String user = System.getenv("SPRING_DATASOURCE_USERNAME");
		String password = System.getenv("SPRING_DATASOURCE_PASSWORD");
		return DriverManager.getConnection(url, user == null ? "postgres" : user, password == null ? "" : password);
	}

}
