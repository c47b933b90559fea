package io.calltask.agent.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import io.calltask.CalltaskApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A start the key check refuses has touched no database: with the demo profile on a server
 * database, the start stops before Flyway migrates it and before the dialer registers (and would
 * recover) its node. The "server database" is a PostgreSQL URL whose stand-in driver counts the
 * connections asked of it and serves them from a fresh in-memory H2 database; the same start with a
 * random key shows that it is used.
 */
@ExtendWith(OutputCaptureExtension.class)
class AgentKeyCheckIntegrationTests {

	@Test
	void theDemoProfileOnAServerDatabaseIsRefusedBeforeAnyDatabaseWork(CapturedOutput output) throws SQLException {
		String database = "refused_" + UUID.randomUUID().toString().replace("-", "");
		String node = "refused-" + UUID.randomUUID();

		assertThatThrownBy(() -> start(database, node, "test,demo", null)).isInstanceOf(FailureAnalyzedException.class);

		assertThat(output).contains("The demo API key is only allowed on the embedded database.");
		assertThat(StandInDriver.connections(database)).as("connections asked of the database").isZero();
		assertThat(tables(database)).doesNotContain("flyway_schema_history", "dialer_node");
	}

	@Test
	void theSameStartWithARandomKeyMigratesTheDatabaseAndRegistersItsNode() throws SQLException {
		String database = "accepted_" + UUID.randomUUID().toString().replace("-", "");
		String node = "accepted-" + UUID.randomUUID();

		try (ConfigurableApplicationContext context = start(database, node, "test",
				UUID.randomUUID().toString().replace("-", ""))) {
			assertThat(StandInDriver.connections(database)).isPositive();
			assertThat(tables(database)).contains("flyway_schema_history", "dialer_node");
			assertThat(nodeRows(database, node)).isEqualTo(1);
		}
	}

	/** Command-line arguments: they win over SPRING_DATASOURCE_URL of a PostgreSQL test run. */
	private static ConfigurableApplicationContext start(String database, String node, String profiles, String key) {
		List<String> args = new ArrayList<>(List.of("--spring.profiles.active=" + profiles, "--server.port=0",
				"--spring.datasource.url=" + StandInDriver.PREFIX + database,
				"--spring.datasource.driver-class-name=" + StandInDriver.class.getName(),
				"--calltask.dialer.node-id=" + node));
		if (key != null) {
			args.add("--calltask.bootstrap.agent-api-key=" + key);
		}
		return new SpringApplicationBuilder(CalltaskApplication.class).run(args.toArray(String[]::new));
	}

	private static List<String> tables(String database) throws SQLException {
		List<String> tables = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(StandInDriver.h2(database), "sa", "");
				ResultSet rows = connection.getMetaData().getTables(null, null, "%", new String[] { "TABLE" })) {
			while (rows.next()) {
				tables.add(rows.getString("TABLE_NAME"));
			}
		}
		return tables;
	}

	private static int nodeRows(String database, String node) throws SQLException {
		try (Connection connection = DriverManager.getConnection(StandInDriver.h2(database), "sa", "");
				var query = connection.prepareStatement("SELECT count(*) FROM dialer_node WHERE node_id = ?")) {
			query.setString(1, node);
			try (ResultSet rows = query.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	/** Takes {@code jdbc:postgresql://stand-in/NAME}; counts connections and serves them from H2 {@code NAME}. */
	public static final class StandInDriver implements Driver {

		static final String PREFIX = "jdbc:postgresql://stand-in/";

		private static final Map<String, AtomicInteger> CONNECTIONS = new ConcurrentHashMap<>();

		static int connections(String database) {
			return CONNECTIONS.getOrDefault(database, new AtomicInteger()).get();
		}

		static String h2(String database) {
			return "jdbc:h2:mem:" + database
					+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
		}

		@Override
		public Connection connect(String url, Properties info) throws SQLException {
			if (!acceptsURL(url)) {
				return null;
			}
			String database = url.substring(PREFIX.length());
			CONNECTIONS.computeIfAbsent(database, name -> new AtomicInteger()).incrementAndGet();
			return DriverManager.getConnection(h2(database), "sa", "");
		}

		@Override
		public boolean acceptsURL(String url) {
			return url != null && url.startsWith(PREFIX);
		}

		@Override
		public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
			return new DriverPropertyInfo[0];
		}

		@Override
		public int getMajorVersion() {
			return 1;
		}

		@Override
		public int getMinorVersion() {
			return 0;
		}

		@Override
		public boolean jdbcCompliant() {
			return false;
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			throw new SQLFeatureNotSupportedException();
		}

	}

}
