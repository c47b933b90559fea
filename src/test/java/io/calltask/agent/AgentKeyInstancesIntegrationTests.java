package io.calltask.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import io.calltask.testing.ApiClient;
import io.calltask.testing.ServiceDatabase;
import io.calltask.testing.ServiceProcess;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys across real service processes (API.md §11): the bootstrap key answered from the first
 * request the port takes; on one PostgreSQL database, a key revoked through one instance refused by
 * another within a second, and the bootstrap key, once revoked, still refused after a restart.
 */
class AgentKeyInstancesIntegrationTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@TempDir
	Path dir;

	private final List<AutoCloseable> closing = new ArrayList<>();

	private final String key = Agents.newKey();

	@AfterEach
	void close() throws Exception {
		for (int i = closing.size() - 1; i >= 0; i--) {
			closing.get(i).close();
		}
	}

	@Test
	void theBootstrapKeyIsAnsweredFromTheFirstRequestTheServiceTakes() throws Exception {
		ServiceDatabase database = track(ServiceDatabase.forThisRun());
		ServiceProcess service = track(service("boot", database.environment())).launch();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/agent-api/user"))
			.header("Authorization", "Bearer " + key)
			.timeout(Duration.ofSeconds(10))
			.build();
		Map<Integer, Integer> answers = new TreeMap<>();
		long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
		while (!answers.containsKey(200)) {
			assertThat(System.nanoTime()).as("the service answering within two minutes").isLessThan(deadline);
			assertThat(service.exited()).as("the service running").isFalse();
			try {
				answers.merge(HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode(), 1, Integer::sum);
			}
			catch (IOException notListeningYet) {
				Thread.sleep(5);
			}
		}
		assertThat(answers).as("statuses answered while the service started").containsOnlyKeys(200);
	}

	@Test
	@EnabledIfEnvironmentVariable(named = "SPRING_DATASOURCE_URL", matches = "jdbc:postgresql:.*",
			disabledReason = "several instances share a PostgreSQL database (the suite's PostgreSQL run)")
	void aKeyRevokedOnOneInstanceIsRefusedByAnotherWithinASecond() throws Exception {
		ServiceDatabase database = track(ServiceDatabase.forThisRun());
		ServiceProcess a = track(service("a", database.environment())).launch();
		ServiceProcess b = track(service("b", database.environment())).launch();
		a.awaitUp();
		b.awaitUp();
		ApiClient bootstrapOnA = new ApiClient(a.port(), key);
		ApiClient.Response created = bootstrapOnA.post("/agent-api/key", Map.of("name", "集成"));
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		String second = created.data().get("key").stringValue();
		ApiClient secondOnB = new ApiClient(b.port(), second);
		assertThat(secondOnB.get("/agent-api/key").status()).as("known to the other instance").isEqualTo(200);

		assertThat(bootstrapOnA.delete("/agent-api/key/" + created.data().get("key_id").stringValue()).status())
			.isEqualTo(200);
		long revoked = System.nanoTime(); // answered: the revocation is committed
		int status;
		do {
			status = secondOnB.get("/agent-api/key").status();
		}
		while (status == 200 && System.nanoTime() - revoked < Duration.ofSeconds(3).toNanos());
		Duration refusedAfter = Duration.ofNanos(System.nanoTime() - revoked);
		assertThat(status).isEqualTo(401);
		assertThat(refusedAfter).as("revocation to the other instance's refusal").isLessThanOrEqualTo(Duration.ofSeconds(1));

		// The bootstrap key revoked (through the other instance, with a third key), then b restarted.
		String third = bootstrapOnA.post("/agent-api/key", Map.of("name", "第三")).data().get("key").stringValue();
		ApiClient thirdOnB = new ApiClient(b.port(), third);
		String bootstrapId = null;
		for (JsonNode k : thirdOnB.get("/agent-api/key").data()) {
			if (k.get("name").stringValue().equals("bootstrap")) {
				bootstrapId = k.get("key_id").stringValue();
				assertThat(k.get("prefix").stringValue()).isEqualTo(key.substring(0, 8));
			}
		}
		assertThat(thirdOnB.delete("/agent-api/key/" + bootstrapId).status()).isEqualTo(200);
		b.kill();
		b.launch().awaitUp();
		assertThat(new ApiClient(b.port(), key).get("/agent-api/key").status()).as("the bootstrap key after a restart")
			.isEqualTo(401);
		assertThat(new ApiClient(b.port(), third).get("/agent-api/key").data()).as("no new bootstrap key").hasSize(3);
	}

	private ServiceProcess service(String name, Map<String, String> environment) throws IOException {
		Path home = Files.createDirectories(dir.resolve(name));
		return new ServiceProcess(home, environment, List.of("--calltask.bootstrap.agent-api-key=" + key,
				"--calltask.api.rate-limit.requests-per-second=0"));
	}

	private <T extends AutoCloseable> T track(T closeable) {
		closing.add(closeable);
		return closeable;
	}

}
