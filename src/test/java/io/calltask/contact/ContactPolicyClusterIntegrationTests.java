package io.calltask.contact;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import io.calltask.agent.Agents;
import io.calltask.testing.ApiClient;
import io.calltask.testing.DialingTask;
import io.calltask.testing.ServiceDatabase;
import io.calltask.testing.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real service processes on one PostgreSQL database share the counts: the phones one instance
 * called up to the limit are held back by the other once it leads, in a task of its own.
 */
@EnabledIfEnvironmentVariable(named = "SPRING_DATASOURCE_URL", matches = "jdbc:postgresql:.*",
		disabledReason = "several instances share a PostgreSQL database (the suite's PostgreSQL run, .ci/run)")
class ContactPolicyClusterIntegrationTests {

	private static final int PHONES = 30;

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
	void aPhoneCalledUpToTheLimitOnOneInstanceIsHeldOnTheOther() throws Exception {
		ServiceDatabase database = track(ServiceDatabase.forThisRun());
		ServiceProcess first = track(service("first", database.environment())).start();
		first.await(() -> "leader".equals(first.dialerRole()), Duration.ofSeconds(30), "the first instance leading");
		ApiClient a = new ApiClient(first.port(), key);
		ApiClient.Response u = a.post("/agent-api/user", Map.of("name", "两个实例"));
		String user = u.data().get("user_id").stringValue();
		String base = "/agent-api/new/user/" + user;
		assertThat(a.put(base + "/contact-policy", Map.of("max_per_day", 1)).status()).isEqualTo(200);
		List<String> plain = new ArrayList<>();
		List<String> plus = new ArrayList<>();
		for (int i = 0; i < PHONES; i++) {
			plain.add(String.format("1360%07d", i));
			plus.add("+86" + plain.get(i));
		}
		String firstTask = DialingTask.create(a, user, line(), Map.of("name", "甲", "maximumcall", 20, "cps", 20), plain);
		first.await(() -> callTotal(a, base, firstTask) == PHONES, Duration.ofSeconds(60), "every phone called once");

		ServiceProcess second = track(service("second", database.environment())).start();
		first.kill();
		second.await(() -> "leader".equals(second.dialerRole()), Duration.ofSeconds(30), "the second instance leading");
		ApiClient b = new ApiClient(second.port(), key);
		String secondTask = DialingTask.create(b, user, line(), Map.of("name", "乙", "maximumcall", 20, "cps", 20), plus);
		second.await(() -> heldByTheLimit(b, base, secondTask) == PHONES, Duration.ofSeconds(60),
				"the second task's numbers held by the limit");
		assertThat(callTotal(b, base, secondTask)).as("calls of the second task").isZero();
		assertThat(callTotal(b, base, firstTask)).isEqualTo(PHONES);
	}

	private static Map<String, Object> line() {
		return Map.of("name", "线路" + System.nanoTime() % 100000, "gateway", "sim", "node_id", "sim1", "cps", 20,
				"limit", 20, "caller_number", "02100000000");
	}

	private static int callTotal(ApiClient api, String base, String task) {
		return api.get(base + "/task/" + task + "/call?per_page=1").json().path("meta").get("total").intValue();
	}

	private static int heldByTheLimit(ApiClient api, String base, String task) {
		int held = 0;
		for (JsonNode n : api.get(base + "/task/" + task + "/number?per_page=100&status=pending").json().path("data")) {
			if ("contact_limit".equals(n.path("blocked_reason").stringValue(null))) {
				held++;
			}
		}
		return held;
	}

	private ServiceProcess service(String name, Map<String, String> environment) throws Exception {
		Path home = Files.createDirectories(dir.resolve(name));
		return new ServiceProcess(home, environment, List.of("--calltask.bootstrap.agent-api-key=" + key,
				"--calltask.dialer.lease-timeout=4s", "--calltask.dialer.simulated.ring-ms=200",
				"--calltask.dialer.simulated.talk-ms=500", "--calltask.dialer.simulated.answer-rate=1",
				"--calltask.dialer.simulated.busy-rate=0", "--calltask.dialer.simulated.gateway-error-rate=0",
				"--logging.level.io.calltask=INFO"));
	}

	private <T extends AutoCloseable> T track(T closeable) {
		closing.add(closeable);
		return closeable;
	}

}
