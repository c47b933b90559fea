package io.calltask.dialer.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import io.calltask.agent.Agents;
import io.calltask.testing.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded database serves one instance (API.md §6): a second process started on the same data
 * directory exits with a plain report, and the first goes on leading.
 */
@DisabledIfEnvironmentVariable(named = "SPRING_DATASOURCE_URL", matches = "jdbc:postgresql:.*",
		disabledReason = "the embedded database's own behaviour (the suite's H2 run)")
class EmbeddedDatabaseIntegrationTests {

	@TempDir
	Path dir;

	@Test
	void aSecondInstanceOnTheSameDataDirectoryExitsWithAClearReport() throws Exception {
		// Two working directories (two logs), one data directory.
		List<String> arguments = List.of("--calltask.bootstrap.agent-api-key=" + Agents.newKey(),
				"--spring.datasource.url=jdbc:h2:file:" + dir.resolve("data/calltask") + ";MODE=PostgreSQL;"
						+ "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE");
		try (ServiceProcess first = new ServiceProcess(Files.createDirectories(dir.resolve("first")), Map.of(), arguments).start();
				ServiceProcess second = new ServiceProcess(Files.createDirectories(dir.resolve("second")), Map.of(), arguments)) {
			assertThat(first.dialerRole()).isEqualTo("leader");
			second.launch();
			assertThat(second.awaitExit(Duration.ofSeconds(90))).as("the second instance's exit code").isNotNull().isNotZero();
			String log = second.tail();
			assertThat(log).contains("APPLICATION FAILED TO START")
				.contains("The embedded database")
				.contains("is in use by another calltask instance")
				.doesNotContain("\tat com.zaxxer");
			assertThat(first.dialerRole()).as("the first instance goes on").isEqualTo("leader");
		}
	}

}
