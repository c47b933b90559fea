package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import io.calltask.dialer.spi.CallGateway;
import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;
import io.calltask.time.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opt-out (API.md section 10) through the simulated gateway, every call answered and every callee
 * refusing further calls ({@code optout-rate} 1), on the tasks of a {@link Scenario}.
 */
@Import(OptoutTestClock.class)
@TestPropertySource(properties = { "calltask.dialer.simulated.answer-rate=1", "calltask.dialer.simulated.busy-rate=0",
		"calltask.dialer.simulated.gateway-error-rate=0", "calltask.dialer.simulated.ring-ms=1000",
		"calltask.dialer.simulated.talk-ms=3000", "calltask.dialer.simulated.seed=7",
		"calltask.dialer.simulated.optout-rate=1" })
abstract class OptoutTestSupport extends ApiIntegrationTest {

	static final String PHONE = "13900000001";

	@Autowired
	MutableClock clock;

	@Autowired
	DialerEngine engine;

	@Autowired
	CallGateway gateway;

	@Autowired
	JdbcClient jdbc;

	private final List<String> tasks = new java.util.ArrayList<>();

	@AfterEach
	void deleteTasks() {
		tasks.forEach(t -> api.delete(userPath("/task/" + t)));
		run(Duration.ofMinutes(1));
	}

	/**
	 * The user's tasks: {@code dialing} calls {@link #PHONE} with a rule that redials answered calls and
	 * holds the same person as {@code +86…} waiting for a redial tomorrow; {@code other} (paused) holds
	 * it as {@code +86…} and, waiting for a redial, {@code 0086…}, and an unrelated phone. Another
	 * user holds the phone too.
	 */
	static final class Scenario {

		final OptoutTestSupport test;

		final String dialing;

		final String other;

		final String otherUser;

		final String otherUsersTask;

		Scenario(OptoutTestSupport test) {
			this.test = test;
			ApiClient api = test.api;
			String line = api.post(test.userPath("/line"), Map.of("name", "模拟线路", "gateway", "sim", "node_id", "fs-1",
					"cps", 10, "limit", 10)).data().get("line_id").stringValue();
			String rule = api.post(test.userPath("/recycle-rule"), Map.of("name", "接通重呼", "enable", true,
					"first_call_first", true, "interval_minutes", 1, "max_times", 3, "hangup_causes", List.of(),
					"call_statuses", List.of("answered"))).data().get("id").stringValue();
			api.post(test.userPath("/group"), Map.of("name", "话术", "default", true));
			dialing = test.task(api, test.userPath(""), line, rule, true);
			other = test.task(api, test.userPath(""), line, null, false);
			test.importPhones(api, test.userPath(""), dialing, PHONE, "+86" + PHONE);
			test.importPhones(api, test.userPath(""), other, "+86" + PHONE, "0086" + PHONE, "13900000002");
			test.redialTomorrow(dialing, "+86" + PHONE);
			test.redialTomorrow(other, "0086" + PHONE);
			otherUser = newUser(api);
			String otherPath = "/agent-api/new/user/" + otherUser;
			String otherLine = api.post(otherPath + "/line", Map.of("name", "线路", "gateway", "sim", "node_id", "fs-1",
					"cps", 10, "limit", 10)).data().get("line_id").stringValue();
			otherUsersTask = test.task(api, otherPath, otherLine, null, false);
			test.importPhones(api, otherPath, otherUsersTask, PHONE);
		}

		void run() {
			test.run(Duration.ofSeconds(30));
		}

		String otherUsersStatus() {
			return test.api.get("/agent-api/new/user/" + otherUser + "/task/" + otherUsersTask + "/number").data().get(0)
				.get("status").stringValue();
		}

	}

	String task(ApiClient api, String userPath, String line, String rule, boolean enable) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", "外呼" + UUID.randomUUID().toString().substring(0, 6));
		body.put("enable", enable);
		body.put("maximumcall", 5);
		body.put("cps", 5);
		body.put("line", List.of(line));
		if (rule != null) {
			body.put("auto_recycle_rule_id", rule);
		}
		body.put("work_week", List.of(0, 1, 2, 3, 4, 5, 6));
		body.put("work_hour", DialerTestSupport.allDayHours());
		ApiClient.Response r = api.post(userPath + "/task", body);
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		String id = r.data().get("uuid").stringValue();
		tasks.add(id);
		return id;
	}

	void importPhones(ApiClient api, String userPath, String task, String... phones) {
		List<Map<String, Object>> numbers = new java.util.ArrayList<>();
		for (String phone : phones) {
			numbers.add(Map.of("phone", phone));
		}
		ApiClient.Response r = api.post(userPath + "/task/" + task + "/number", Map.of("numbers", numbers));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		assertThat(r.data().get("accepted").intValue()).as(r.text()).isEqualTo(phones.length);
	}

	/** The number was called once and waits for a redial a day from now. */
	void redialTomorrow(String task, String phone) {
		jdbc.sql("UPDATE task_number SET attempts = 1, next_attempt_at = ?, last_hangup_cause = 'NO_ANSWER' "
				+ "WHERE phone = ? AND task_id = (SELECT id FROM task WHERE uuid = ?)")
			.params(java.time.OffsetDateTime.ofInstant(clock.instant().plus(Duration.ofDays(1)), java.time.ZoneOffset.UTC),
					phone, UUID.fromString(task))
			.update();
	}

	void run(Duration total) {
		Instant end = clock.instant().plus(total);
		while (clock.instant().isBefore(end)) {
			clock.advance(Duration.ofMillis(200));
			engine.tick();
		}
	}

	Map<String, String> statuses(String task) {
		Map<String, String> statuses = new LinkedHashMap<>();
		api.get(userPath("/task/" + task + "/number?per_page=100")).data()
			.forEach(n -> statuses.put(n.get("phone").stringValue(), n.get("status").stringValue()));
		return statuses;
	}

	JsonNode extra(String task) {
		return api.get(userPath("/task/" + task)).data().get("new_task_extra");
	}

	static JsonNode only(JsonNode page) {
		assertThat(page.get("data").size()).as(page.toString()).isEqualTo(1);
		return page.get("data").get(0);
	}

}
