package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;
import io.calltask.time.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code predictive} through the whole application on the simulated gateway, in stepped time: with
 * seats waiting it raises its level above one call per seat, and the task list shows its pacing and
 * the day's abandons; over the day's abandon cap the level is 1.0 until the next day.
 */
@Import(PredictiveIntegrationTests.Beans.class)
@TestPropertySource(properties = { "calltask.dialer.simulated.answer-rate=0.3",
		"calltask.dialer.simulated.busy-rate=0", "calltask.dialer.simulated.gateway-error-rate=0",
		"calltask.dialer.simulated.ring-ms=1500", "calltask.dialer.simulated.seat-ring-ms=0",
		"calltask.dialer.simulated.seat-talk-ms=4000", "calltask.dialer.simulated.seed=11" })
class PredictiveIntegrationTests extends ApiIntegrationTest {

	@TestConfiguration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		@Primary
		MutableClock predictiveClock() {
			return new MutableClock(Instant.parse("2026-12-01T02:00:00Z"));
		}

	}

	@Autowired
	MutableClock clock;

	@Autowired
	DialerEngine engine;

	@Test
	void withSeatsWaitingPredictiveRaisesItsLevelAndShowsItsPacing() {
		List<Long> seats = seats(10);
		String task = predictiveTask(seats);

		double highest = 0;
		for (int minute = 0; minute < 10; minute++) {
			run(Duration.ofMinutes(1));
			highest = Math.max(highest, pacing(task).get("dial_level").doubleValue());
		}
		JsonNode pacing = pacing(task);
		assertThat(pacing.get("mode").stringValue()).isEqualTo("predictive");
		assertThat(highest).as("30 % answer: more than one call per seat").isGreaterThan(1.5);
		assertThat(pacing.get("answered_today").intValue()).isGreaterThan(200);
		assertThat(pacing.get("abandon_rate").doubleValue()).as(pacing.toString()).isLessThanOrEqualTo(5.0);
		stop(task);
	}

	@Test
	void overTheDaysCapTheLevelIsOneUntilTheNextDay() {
		List<Long> seats = seats(10);
		String task = predictiveTask(seats);
		for (int second = 0; second < 300 && pacing(task).get("answered_today").intValue() < 50; second++) {
			run(Duration.ofSeconds(1));
		}
		assertThat(pacing(task).get("answered_today").intValue()).isGreaterThanOrEqualTo(50);

		// The seats take short breaks with calls ringing: the customers who answer then wait for nobody.
		for (int round = 0; round < 30 && pacing(task).get("abandon_rate").doubleValue() <= 3.0; round++) {
			run(Duration.ofSeconds(3));
			for (long seat : seats) {
				api.put(userPath("/seat/" + seat + "/status"), Map.of("status", "break"));
			}
			run(Duration.ofSeconds(5));
			for (long seat : seats) {
				api.put(userPath("/seat/" + seat + "/status"), Map.of("status", "idle"));
			}
		}
		JsonNode capped = pacing(task);
		assertThat(capped.get("abandon_rate").doubleValue()).as(capped.toString()).isGreaterThan(3.0);
		// The seats wait again, the day's rate falls back under 3 %, and the level stays 1.0 all the same.
		double highest = 0;
		for (int minute = 0; minute < 5; minute++) {
			run(Duration.ofMinutes(1));
			highest = Math.max(highest, pacing(task).get("dial_level").doubleValue());
		}
		JsonNode later = pacing(task);
		assertThat(later.get("abandon_rate").doubleValue()).as(later.toString()).isLessThan(3.0);
		assertThat(highest).as("over the day's cap: one call per free seat").isEqualTo(1.0);

		// Midnight in Shanghai (16:00 UTC): a new day, fresh counts, and the level rises again.
		clock.set(Instant.parse("2026-12-01T16:00:00Z"));
		highest = 0;
		for (int minute = 0; minute < 10; minute++) {
			run(Duration.ofMinutes(1));
			highest = Math.max(highest, pacing(task).get("dial_level").doubleValue());
		}
		JsonNode nextDay = pacing(task);
		assertThat(highest).as(nextDay.toString()).isGreaterThan(1.0);
		assertThat(nextDay.get("abandon_rate").doubleValue()).as(nextDay.toString()).isLessThanOrEqualTo(5.0);
		stop(task);
	}

	private List<Long> seats(int n) {
		List<Long> seats = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			long id = api.post(userPath("/seat"), Map.of("name", "坐席" + i, "extension", "90" + i, "wrap_up_seconds", 0))
				.data().get("seat_id").longValue();
			api.put(userPath("/seat/" + id + "/status"), Map.of("status", "idle"));
			seats.add(id);
		}
		return seats;
	}

	/** A predictive task on a group of {@code seats}, 30 % answered, with 6000 numbers. */
	private String predictiveTask(List<Long> seats) {
		long group = api.post(userPath("/bridge-group"), Map.of("name", "预测", "seat_ids", seats, "max_wait_seconds", 2))
			.data().get("bridge_group_id").longValue();
		String line = api.post(userPath("/line"), Map.of("name", "线路", "gateway", "sim", "node_id", "fs-1", "cps", 50,
				"limit", 200)).data().get("line_id").stringValue();
		api.post(userPath("/group"), Map.of("name", "话术", "default", true));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", "预测式");
		body.put("enable", true);
		body.put("maximumcall", 200);
		body.put("cps", 20);
		body.put("line", List.of(line));
		body.put("bridge_group_id", group);
		body.put("direct_bridge", 1);
		body.put("dial_mode", "predictive");
		body.put("work_week", List.of(0, 1, 2, 3, 4, 5, 6));
		body.put("work_hour", DialerTestSupport.allDayHours());
		ApiClient.Response created = api.post(userPath("/task"), body);
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		String task = created.data().get("uuid").stringValue();
		StringBuilder csv = new StringBuilder("phone\n");
		for (int i = 0; i < 6000; i++) {
			csv.append("1520").append(String.format("%07d", i)).append('\n');
		}
		api.raw("POST", userPath("/task/" + task + "/number"), "text/csv", csv.toString());
		return task;
	}

	private JsonNode pacing(String task) {
		return api.get(userPath("/task/" + task)).data().get("pacing");
	}

	private void run(Duration time) {
		for (long ms = 0; ms < time.toMillis(); ms += 100) {
			clock.advance(Duration.ofMillis(100));
			engine.tick();
		}
	}

	/** Paused, and its calls ended, so that the next test starts clean. */
	private void stop(String task) {
		api.post(userPath("/task/" + task + "/pause"), Map.of());
		run(Duration.ofSeconds(40));
	}

}
