package io.calltask.freeswitch.realswitch;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole application dialing through the real switch, in real time: the dialer runs on its own
 * thread (auto-run, as in production) and the one FreeSWITCH node, {@value #NODE}, is the rig's. Tasks,
 * lines and numbers are made through the API as a user would; what the tests read back is the API's
 * (call records, the task's {@code call_info}, health) and the switch's own view ({@link RealSwitch}).
 * <p>
 * The node id is not {@code fs1}: other tests make lines on {@code fs1}, and a task of theirs left
 * enabled must not dial the real switch. The context is closed after each class, so no dialer of ours
 * keeps running (and taking over other tests' dialer nodes) while the rest of the suite runs.
 */
@RequiresRealSwitch
@TestPropertySource(properties = { "calltask.dialer.gateway=freeswitch", "calltask.dialer.auto-run=true",
		"calltask.freeswitch.lost-after=3s", "calltask.freeswitch.backoff-min=100ms",
		"calltask.freeswitch.backoff-max=500ms", "calltask.freeswitch.connect-timeout=1s",
		"management.endpoint.health.show-details=always" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class RealSwitchTestSupport extends ApiIntegrationTest {

	static final String NODE = "fs-real";

	private static final DateTimeFormatter API_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final List<String> tasks = new ArrayList<>();

	@DynamicPropertySource
	static void realSwitch(DynamicPropertyRegistry registry) {
		registry.add("calltask.freeswitch.nodes[" + NODE + "].host", () -> RealSwitch.HOST);
		registry.add("calltask.freeswitch.nodes[" + NODE + "].port", () -> RealSwitch.PORT);
		registry.add("calltask.freeswitch.nodes[" + NODE + "].password", () -> RealSwitch.PASSWORD);
	}

	@BeforeEach
	void nodeConnected() {
		within(Duration.ofSeconds(15)).until(() -> "UP".equals(health().path("status").asString()));
	}

	/** Pauses and deletes the test's tasks: none dials on into the next test. */
	@AfterEach
	void deleteTasks() {
		tasks.forEach(task -> api.delete(userPath("/task/" + task)));
	}

	/** Awaitility polling every 100 ms, giving up after {@code timeout}. */
	static ConditionFactory within(Duration timeout) {
		return await().atMost(timeout).pollInterval(Duration.ofMillis(100)).pollDelay(Duration.ZERO);
	}

	/**
	 * A number prefix of 7 digits no other run shares: {@code 137}, the test's own digit, 3 random
	 * digits. Phones are the prefix and 4 more digits, so counting the switch's channels by the prefix
	 * counts this test's calls only (another engineer's crash test dials {@code 1390…}).
	 */
	static String prefix(int test) {
		return "137" + test + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
	}

	static List<String> phones(String prefix, int n) {
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			phones.add(prefix + String.format("%04d", i));
		}
		return phones;
	}

	/** A caller number no other run shares. */
	static String callerNumber() {
		return "0755" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
	}

	/** A line on the real switch's node: {@code gateway} is one of the rig's sipp_* gateways. */
	String line(String gateway, int limit, int cps, String callerNumber) {
		ApiClient.Response r = api.post(userPath("/line"), Map.of("name", gateway + "-" + UUID.randomUUID().toString().substring(0, 6),
				"gateway", gateway, "node_id", NODE, "cps", cps, "limit", limit, "caller_number", callerNumber));
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data().get("line_id").stringValue();
	}

	/**
	 * An enabled task dialing on {@code lines}, sending answered calls to a new 话术组 (a numeric
	 * extension) in {@code context} ({@code default}: 2 s then hang up; {@code hold}: up 20 s), all day
	 * every day, from an hour ago to tomorrow. {@code extra} keys override or add to the body.
	 */
	String task(List<String> lines, String context, Map<String, Object> extra) {
		String group = api.post(userPath("/group"), Map.of("name", "话术")).data().get("id").asString();
		ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Asia/Shanghai"));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", "真实交换机" + UUID.randomUUID().toString().substring(0, 6));
		body.put("enable", true);
		body.put("line", lines);
		body.put("destination_extension", group);
		body.put("destination_context", context);
		body.put("maximumcall", 10);
		body.put("cps", 5);
		body.put("start_time", now.minusHours(1).format(API_TIME));
		body.put("stop_time", now.plusDays(1).format(API_TIME));
		body.put("work_week", List.of(0, 1, 2, 3, 4, 5, 6));
		List<Map<String, Object>> hours = new ArrayList<>();
		for (int day = 0; day < 7; day++) {
			hours.add(Map.of("wday", day, "begin", "00:00", "end", "24:00"));
		}
		body.put("work_hour", hours);
		body.putAll(extra);
		ApiClient.Response r = api.post(userPath("/task"), body);
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		String task = r.data().get("uuid").stringValue();
		tasks.add(task);
		return task;
	}

	/** Imports the phones (JSON route); all accepted. */
	void numbers(String task, List<String> phones) {
		List<Map<String, Object>> numbers = phones.stream().map(p -> Map.<String, Object>of("phone", p)).toList();
		ApiClient.Response r = api.post(userPath("/task/" + task + "/number"), Map.of("numbers", numbers));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		assertThat(r.data().get("accepted").intValue()).as(r.text()).isEqualTo(phones.size());
	}

	/** The task as {@code GET …/task/{id}} shows it. */
	JsonNode task(String task) {
		ApiClient.Response r = api.get(userPath("/task/" + task));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.data();
	}

	/** The task's statistics on one line, as the task list shows them ({@code new_task_extra.call_info.<line>}). */
	JsonNode callInfo(String task, String line) {
		ApiClient.Response r = api.get(userPath("/task?per_page=100"));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		for (JsonNode item : r.data()) {
			if (item.get("uuid").stringValue().equals(task)) {
				return item.path("new_task_extra").path("call_info").path(line);
			}
		}
		throw new AssertionError("task " + task + " is not in the list: " + r.text());
	}

	/** One call record as {@code GET …/task/{id}/call} shows it. */
	record Call(String callid, String phone, String lineId, boolean answered, boolean ended, String hangupCause,
			String outcome, int status, Integer billsec) {

		static Call of(JsonNode c) {
			return new Call(c.get("callid").stringValue(), c.get("phone").stringValue(), c.get("line_id").stringValue(),
					!c.get("answer_datetime").isNull(), !c.get("end_datetime").isNull(), text(c.get("hangup_cause")),
					text(c.get("outcome")), c.get("status").intValue(),
					c.get("billsec").isNull() ? null : c.get("billsec").intValue());
		}

		private static String text(JsonNode n) {
			return n == null || n.isNull() ? null : n.stringValue();
		}

	}

	/** The task's call records, newest first. */
	List<Call> calls(String task) {
		ApiClient.Response r = api.get(userPath("/task/" + task + "/call?per_page=1000"));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		List<Call> calls = new ArrayList<>();
		r.data().forEach(c -> calls.add(Call.of(c)));
		return calls;
	}

	/** Waits until the task has {@code n} call records, all ended; returns them. */
	List<Call> awaitEnded(String task, int n, Duration timeout) {
		within(timeout).until(() -> {
			List<Call> calls = calls(task);
			return calls.size() == n && calls.stream().allMatch(Call::ended);
		});
		return calls(task);
	}

	/** {@code GET /actuator/health/freeSwitch}, which needs no key. */
	JsonNode health() {
		return new ApiClient(port, null).get("/actuator/health/freeSwitch").json();
	}

}
