package io.calltask.notify;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.agent.Agents;
import io.calltask.testing.ApiClient;
import io.calltask.testing.DialingTask;
import io.calltask.testing.ServiceDatabase;
import io.calltask.testing.ServiceProcess;
import io.calltask.testing.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real service process dials a task whose receiver is down, is killed (SIGKILL) with every event
 * still undelivered, and starts again once the receiver is up: every call's event arrives, with the
 * id it was stored with, signed. Runs on the embedded default, or on a fresh PostgreSQL database
 * where the suite runs on PostgreSQL.
 */
class WebhookCrashIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	@Test
	void eventsStoredBeforeAKillArriveAfterTheRestartWithTheirIds() throws Exception {
		int port = freePort();
		String key = Agents.newKey();
		List<String> arguments = List.of("--calltask.bootstrap.agent-api-key=" + key,
				"--calltask.dialer.node-id=webhook-crash-" + port, "--calltask.notify.allow-private=true",
				"--calltask.notify.timeout=1s", "--calltask.notify.poll=100ms",
				"--calltask.notify.retry-delays=3s,3s,3s,3s,3s,3s,3s,3s,3s,3s,3s,3s",
				"--calltask.dialer.simulated.ring-ms=200", "--calltask.dialer.simulated.talk-ms=1000");
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			phones.add(String.format("138%08d", 20_000_000 + i));
		}
		try (ServiceDatabase database = ServiceDatabase.forThisRun()) {
			String user;
			String task;
			Set<String> stored = new HashSet<>();
			try (ServiceProcess first = new ServiceProcess(dir, database.environment(), arguments).start()) {
				ApiClient api = new ApiClient(first.port(), key);
				user = api.post("/agent-api/user", Map.of("name", "通知崩溃")).data().get("user_id").stringValue();
				task = task(api, user, "http://127.0.0.1:" + port + "/calls", phones);
				String base = "/agent-api/new/user/" + user + "/task/" + task;
				await(() -> {
					JsonNode calls = api.get(base + "/call?per_page=100").data();
					return calls.size() == phones.size() && calls.valueStream().allMatch(c -> !c.get("end_datetime").isNull());
				}, "every number called", first);
				await(() -> {
					JsonNode log = api.get(base + "/notify?per_page=100").data();
					return log.size() == phones.size() && log.valueStream().allMatch(e -> e.get("attempts").intValue() >= 1);
				}, "every event tried against the receiver that is down", first);
				JsonNode log = api.get(base + "/notify?per_page=100").data();
				assertThat(log.valueStream().map(e -> e.get("status").stringValue())).containsOnly("pending");
				log.valueStream().forEach(e -> stored.add(e.get("id").stringValue()));
				first.kill();
			}

			try (WebhookReceiver receiver = new WebhookReceiver(port);
					ServiceProcess second = new ServiceProcess(dir, database.environment(), arguments).start()) {
				ApiClient api = new ApiClient(second.port(), key);
				await(() -> distinctIds(receiver).containsAll(stored), "every stored event delivered", second);
				String secret = api.get("/agent-api/webhook-secret").data().get("secret").stringValue();
				assertThat(distinctIds(receiver)).isEqualTo(stored);
				Set<String> callids = new HashSet<>();
				for (WebhookReceiver.Received r : receiver.received()) {
					JsonNode body = JSON.readTree(r.body());
					assertThat(body.get("id").stringValue()).isEqualTo(r.id());
					assertThat(WebhookReceiver.verify(r, secret)).isTrue();
					callids.add(body.get("data").get("callid").stringValue());
				}
				JsonNode calls = api.get("/agent-api/new/user/" + user + "/task/" + task + "/call?per_page=100").data();
				assertThat(callids).as("one event per call")
					.isEqualTo(new HashSet<>(calls.valueStream().map(c -> c.get("callid").stringValue()).toList()));
			}
		}
	}

	private static Set<String> distinctIds(WebhookReceiver receiver) {
		Set<String> ids = new HashSet<>();
		receiver.received().forEach(r -> ids.add(r.id()));
		return ids;
	}

	private static String task(ApiClient api, String user, String url, List<String> phones) {
		return DialingTask.create(api, user, Map.of("name", "线路", "gateway", "gw1", "node_id", "fs1", "cps", 10, "limit", 10,
				"caller_number", "02100000000"), Map.of("name", "通知外呼", "maximumcall", 10, "cps", 10, "call_notify_url",
						url, "call_notify_type", 2), phones);
	}

	private static void await(BooleanSupplier condition, String what, ServiceProcess service)
			throws InterruptedException {
		service.await(condition, Duration.ofSeconds(90), what);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
