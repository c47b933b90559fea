package io.calltask.freeswitch;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import io.calltask.dialer.engine.DialerEngine;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.freeswitch.internal.FreeSwitchGateway;
import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application dialing through FreeSWITCH, played by the protocol-faithful peer: a task's
 * numbers go out as originates built from the task and its line, and every kind of ending shows in
 * call records and statistics. One line's node is down: the task dials on its other line.
 */
@TestPropertySource(properties = { "calltask.dialer.gateway=freeswitch", "calltask.freeswitch.hangup-grace=300ms",
		"management.endpoint.health.show-details=always",
		"calltask.freeswitch.backoff-min=50ms", "calltask.freeswitch.backoff-max=100ms",
		"calltask.freeswitch.connect-timeout=500ms" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FreeSwitchDialingIntegrationTests extends ApiIntegrationTest {

	private static final FakeFreeSwitch peer = new FakeFreeSwitch("ClueCon");

	private static final Duration WAIT = Duration.ofSeconds(30);

	@DynamicPropertySource
	static void nodes(DynamicPropertyRegistry registry) {
		registry.add("calltask.freeswitch.nodes[fs-peer].host", () -> "127.0.0.1");
		registry.add("calltask.freeswitch.nodes[fs-peer].port", peer::port);
		registry.add("calltask.freeswitch.nodes[fs-peer].password", () -> "ClueCon");
		registry.add("calltask.freeswitch.nodes[fs-dead].host", () -> "127.0.0.1");
		registry.add("calltask.freeswitch.nodes[fs-dead].port", FreeSwitchDialingIntegrationTests::closedPort);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@AfterAll
	static void stopPeer() {
		peer.close();
	}

	@Autowired
	DialerEngine engine;

	@Autowired
	CallGateway gateway;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	private String line(String node, String gateway) {
		ApiClient.Response r = api.post(userPath("/line"), Map.of("name", "线路" + UUID.randomUUID().toString().substring(0, 6),
				"gateway", gateway, "node_id", node, "cps", 50, "limit", 20, "caller_number", "02100000000"));
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data().get("line_id").stringValue();
	}

	private String task(List<String> lines, Map<String, Object> extra) {
		String group = api.post(userPath("/group"), Map.of("name", "话术", "default", true)).data().get("id").asString();
		Map<String, Object> b = new LinkedHashMap<>();
		b.put("destination_extension", group);
		b.put("name", "真实外呼" + UUID.randomUUID().toString().substring(0, 6));
		b.put("enable", true);
		b.put("line", lines);
		b.put("maximumcall", 10);
		b.put("cps", 30);
		b.put("work_week", List.of(0, 1, 2, 3, 4, 5, 6));
		List<Map<String, Object>> hours = new ArrayList<>();
		for (int d = 0; d < 7; d++) {
			hours.add(Map.of("wday", d, "begin", "00:00", "end", "24:00"));
		}
		b.put("work_hour", hours);
		b.putAll(extra);
		ApiClient.Response r = api.post(userPath("/task"), b);
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data().get("uuid").stringValue();
	}

	private void numbers(String task, List<String> phones) {
		List<Map<String, Object>> numbers = phones.stream().map(p -> Map.<String, Object>of("phone", p)).toList();
		ApiClient.Response r = api.post(userPath("/task/" + task + "/number"), Map.of("numbers", numbers));
		assertThat(r.data().get("accepted").intValue()).as(r.text()).isEqualTo(phones.size());
	}

	/** Ticks the engine in real time until {@code done}. */
	private void runUntil(BooleanSupplier done, String what) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!done.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for " + what);
			}
			engine.tick();
			try {
				TimeUnit.MILLISECONDS.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
		engine.tick();
	}

	private long unfinished(String task) {
		return jdbc.sql("SELECT count(*) FROM task_number n JOIN task t ON t.id = n.task_id WHERE t.uuid = ? "
				+ "AND n.status NOT IN ('called', 'failed')").param(UUID.fromString(task)).query(Long.class).single();
	}

	private long answered(String task) {
		return jdbc.sql("SELECT count(*) FROM call_record c JOIN task t ON t.id = c.task_id WHERE t.uuid = ? "
				+ "AND c.answer_at IS NOT NULL").param(UUID.fromString(task)).query(Long.class).single();
	}

	private record Record(String phone, String lineId, String cause, String outcome, int status, long billMs) {
	}

	private Map<String, Record> records(String task) {
		Map<String, Record> byPhone = new HashMap<>();
		jdbc.sql("SELECT c.phone, c.line_id, c.hangup_cause, c.outcome, c.status, c.bill_ms FROM call_record c "
				+ "JOIN task t ON t.id = c.task_id WHERE t.uuid = ?")
			.param(UUID.fromString(task))
			.query((rs, i) -> new Record(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
					rs.getLong(6)))
			.list()
			.forEach(r -> byPhone.put(r.phone(), r));
		return byPhone;
	}

	private static CallScript byLastDigit(String dial) {
		return switch (dial.charAt(dial.length() - 1)) {
			case '4' -> CallScript.busy(30);
			case '5' -> CallScript.detected("关机", "NO_ANSWER", 30);
			case '6' -> CallScript.noAnswer(40);
			case '7' -> CallScript.gatewayDown();
			case '8' -> CallScript.reject("CALL_REJECTED", 30);
			default -> CallScript.answer(30, 80);
		};
	}

	@Test
	void aTasksNumbersAreDialedThroughFreeSwitchAndEveryEndingShows() {
		assertThat(gateway).isInstanceOf(FreeSwitchGateway.class);
		runUntil(() -> gateway.nodeUp("fs-peer"), "the peer's node up");
		assertThat(gateway.nodeUp("fs-dead")).isFalse();
		JsonNode health = new ApiClient(port, "").get("/actuator/health/freeSwitch").json();
		assertThat(health.get("status").asString()).as(health.toString()).isEqualTo("UP");
		assertThat(health.path("details").path("fs-dead").path("state").asString()).isEqualTo("down");
		assertThat(health.path("details").path("fs-peer").path("state").asString()).isEqualTo("up");
		peer.script(o -> byLastDigit(o.dial()));
		String dead = line("fs-dead", "carrier_dead");
		String live = line("fs-peer", "carrier_a");
		String task = task(List.of(dead, live), Map.of("originate_variables",
				"{execute_on_media='start_da zh',sip_h_X-Customer=a\\,b,origination_caller_id_name='Bank Card'}",
				"dial_format", "9%s", "_originate_timeout", 25, "_origination_caller_id_number", "95555"));
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			phones.add(String.format("138000000%02d", i));
		}
		numbers(task, phones);

		runUntil(() -> unfinished(task) == 0, "every number finished");

		List<FakeFreeSwitch.Originate> sent = peer.originates().stream()
			.filter(o -> o.dial().startsWith("913800000"))
			.toList();
		assertThat(sent).hasSize(40);
		for (FakeFreeSwitch.Originate o : sent) {
			assertThat(o.gateway()).isEqualTo("carrier_a");
			assertThat(o.variables()).as("the task's block, read once by the task module and written again here")
				.containsEntry("execute_on_media", "start_da zh")
				.containsEntry("sip_h_X-Customer", "a,b")
				.containsEntry("origination_caller_id_name", "Bank Card")
				.containsEntry("origination_caller_id_number", "95555")
				.containsEntry("originate_timeout", "25")
				.containsEntry("ignore_early_media", "true")
				.containsEntry("calltask_line", live);
			assertThat(o.variable("origination_uuid")).isEqualTo(o.jobUuid());
		}

		Map<String, Record> records = records(task);
		assertThat(records).hasSize(40);
		records.forEach((phone, r) -> {
			assertThat(r.lineId()).isEqualTo(live);
			switch (phone.charAt(phone.length() - 1)) {
				case '4' -> assertThat(List.of(r.cause(), r.outcome(), r.status())).containsExactly("USER_BUSY", "busy", 8);
				case '5' -> assertThat(List.of(r.cause(), r.outcome(), r.status())).containsExactly("NO_ANSWER", "no_answer", 6);
				case '6' -> assertThat(List.of(r.cause(), r.outcome(), r.status())).containsExactly("NO_ANSWER", "no_answer", 4);
				case '7' -> assertThat(List.of(r.cause(), r.outcome(), r.status()))
					.containsExactly("GATEWAY_DOWN", "gateway_error", 4);
				case '8' -> assertThat(List.of(r.cause(), r.outcome(), r.status()))
					.containsExactly("CALL_REJECTED", "busy", 2);
				default -> {
					assertThat(List.of(r.cause(), r.outcome(), r.status())).containsExactly("NORMAL_CLEARING", "answered", 1);
					assertThat(r.billMs()).isPositive();
				}
			}
		});

		JsonNode t = api.get(userPath("/task/" + task)).data();
		JsonNode used = t.path("new_task_extra").path("call_info").path(live);
		assertThat(used.get("dialed_number_total").longValue()).isEqualTo(40);
		assertThat(used.get("answer_total").longValue()).isEqualTo(20);
		assertThat(used.get("gateway_error_hangup_total").longValue()).isEqualTo(4);
		assertThat(used.get("normal_hangup_total").longValue()).isEqualTo(36);
		assertThat(used.get("calling_count").longValue()).isZero();
		assertThat(used.get("bill").longValue())
			.isEqualTo(records.values().stream().mapToLong(Record::billMs).sum());
		JsonNode unused = t.path("new_task_extra").path("call_info").path(dead);
		assertThat(unused.path("dialed_number_total").asLong(0)).isZero();
		assertThat(t.get("status").intValue()).isEqualTo(3);
		api.delete(userPath("/task/" + task));
	}

	@Test
	void callsOutliveADroppedConnectionAndALostSwitchEndsThemOnce() {
		runUntil(() -> gateway.nodeUp("fs-peer"), "the peer's node up");
		peer.script(o -> CallScript.answer(30, 1500));
		String live = line("fs-peer", "carrier_c");
		String task = task(List.of(live), Map.of());
		numbers(task, List.of("13700000001", "13700000002", "13700000003", "13700000004"));
		runUntil(() -> engine.callsInProgress() == 4 && peer.liveChannels().size() == 4, "four calls up");
		peer.dropConnections();
		runUntil(() -> unfinished(task) == 0, "calls ended after the reconnect");
		assertThat(records(task).values()).hasSize(4)
			.allSatisfy(r -> assertThat(List.of(r.cause(), r.outcome())).containsExactly("NORMAL_CLEARING", "answered"));

		peer.script(o -> CallScript.answer(30, 60_000));
		numbers(task, List.of("13700000005", "13700000006"));
		runUntil(() -> engine.callsInProgress() == 2 && peer.liveChannels().size() == 2, "two more calls up");
		runUntil(() -> answered(task) == 6, "both answered");
		java.time.Instant answeredAt = java.time.Instant.now();
		peer.restart();
		java.time.Instant restartedAt = java.time.Instant.now();
		runUntil(() -> unfinished(task) == 0, "lost calls ended");
		Map<String, Record> records = records(task);
		for (String phone : List.of("13700000005", "13700000006")) {
			assertThat(List.of(records.get(phone).cause(), records.get(phone).outcome()))
				.containsExactly("SYSTEM_SHUTDOWN", "answered");
			assertThat(records.get(phone).billMs()).as("up to the restart, not the minute scripted")
				.isBetween(1L, Duration.between(answeredAt, restartedAt).toMillis() + 1000);
		}
		JsonNode stats = api.get(userPath("/task/" + task)).data().path("new_task_extra").path("call_info").path(live);
		assertThat(stats.get("dialed_number_total").longValue()).isEqualTo(6);
		assertThat(stats.get("calling_count").longValue()).isZero();
		assertThat(stats.get("normal_hangup_total").longValue() + stats.get("gateway_error_hangup_total").longValue())
			.isEqualTo(6);
		api.delete(userPath("/task/" + task));
	}

	@Test
	void callsLeftUpWhenTheDialerStoppedAreFollowedToTheirEndWhenItStartsAgain() {
		runUntil(() -> gateway.nodeUp("fs-peer"), "the peer's node up");
		peer.script(o -> CallScript.answer(20, 3000));
		String live = line("fs-peer", "carrier_d");
		String task = task(List.of(live), Map.of());
		numbers(task, List.of("13600000001", "13600000002"));
		runUntil(() -> answered(task) == 2, "two calls answered");
		List<String> up = List.copyOf(peer.liveChannels());
		engine.stop();
		assertThat(peer.liveChannels()).as("calls go on while the dialer is down").containsAll(up);
		engine.start();
		runUntil(() -> unfinished(task) == 0, "the calls followed to their end");
		assertThat(records(task).values()).hasSize(2).allSatisfy(r -> {
			assertThat(List.of(r.cause(), r.outcome())).containsExactly("NORMAL_CLEARING", "answered");
			assertThat(r.billMs()).as("the whole conversation, as the switch billed it").isGreaterThanOrEqualTo(2500);
		});
		assertThat(peer.commands()).as("nobody hung them up")
			.noneMatch(c -> up.stream().anyMatch(id -> c.startsWith("api uuid_kill " + id)));
		api.delete(userPath("/task/" + task));
	}

	@Test
	void deletingATaskHangsUpItsRingingCalls() {
		runUntil(() -> gateway.nodeUp("fs-peer"), "the peer's node up");
		peer.script(o -> CallScript.ringing());
		String live = line("fs-peer", "carrier_b");
		String task = task(List.of(live), Map.of());
		List<String> phones = List.of("13900000001", "13900000002", "13900000003");
		numbers(task, phones);
		runUntil(() -> peer.originates().stream().filter(o -> o.dial().startsWith("139000000")).count() == 3
				&& peer.liveChannels().size() >= 3, "three calls ringing");

		api.delete(userPath("/task/" + task));
		runUntil(() -> records(task).values().stream().allMatch(r -> r.cause() != null) && peer.liveChannels().isEmpty(),
				"calls hung up");
		assertThat(records(task).values()).hasSize(3)
			.allSatisfy(r -> assertThat(List.of(r.cause(), r.outcome())).containsExactly("ORIGINATOR_CANCEL", "cancelled"));
		assertThat(peer.commands()).filteredOn(c -> c.startsWith("api uuid_kill ")).hasSize(3);
	}

}
