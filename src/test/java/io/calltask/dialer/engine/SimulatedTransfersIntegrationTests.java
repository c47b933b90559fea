package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.calltask.dialer.simulated.SimulatedGateway;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;
import io.calltask.time.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated gateway's bots ask for seats (API.md section 8.2): a run with far more customers asking
 * than seats, checked from its call records alone: every transfer ends bridged or abandoned, and no
 * seat ever talks with two customers at once.
 */
@Import(SimulatedTransfersIntegrationTests.Beans.class)
@TestPropertySource(properties = { "calltask.dialer.simulated.answer-rate=0.8",
		"calltask.dialer.simulated.busy-rate=0.1", "calltask.dialer.simulated.gateway-error-rate=0",
		"calltask.dialer.simulated.ring-ms=1500", "calltask.dialer.simulated.talk-ms=6000",
		"calltask.dialer.simulated.transfer-rate=0.6", "calltask.dialer.simulated.transfer-after-ms=2000",
		"calltask.dialer.simulated.seat-answer-rate=0.8", "calltask.dialer.simulated.seat-ring-ms=2000",
		"calltask.dialer.simulated.seat-talk-ms=8000", "calltask.dialer.simulated.seed=23" })
class SimulatedTransfersIntegrationTests extends ApiIntegrationTest {

	@TestConfiguration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		@Primary
		MutableClock simulatedTransfersClock() {
			return new MutableClock(Instant.parse("2026-11-30T02:00:00Z"));
		}

	}

	@Autowired
	MutableClock clock;

	@Autowired
	DialerEngine engine;

	@Autowired
	CallGateway gateway;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void moreCustomersThanSeatsAndNoSeatEverHasTwoAtOnce() {
		assertThat(gateway).isInstanceOf(SimulatedGateway.class);
		List<Long> seats = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ApiClient.Response seat = api.post(userPath("/seat"),
					Map.of("name", "坐席" + i, "extension", "80" + i, "wrap_up_seconds", 2, "max_no_answer", 100));
			long id = seat.data().get("seat_id").longValue();
			api.put(userPath("/seat/" + id + "/status"), Map.of("status", "idle"));
			seats.add(id);
		}
		long group = api.post(userPath("/bridge-group"), Map.of("name", "销售", "seat_ids", seats,
				"ring_timeout_seconds", 5, "max_wait_seconds", 15)).data().get("bridge_group_id").longValue();
		String line = api.post(userPath("/line"), Map.of("name", "线路", "gateway", "sim", "node_id", "fs-1", "cps", 20,
				"limit", 20)).data().get("line_id").stringValue();
		api.post(userPath("/group"), Map.of("name", "话术", "default", true));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", "转人工");
		body.put("enable", true);
		body.put("maximumcall", 12);
		body.put("cps", 4);
		body.put("line", List.of(line));
		body.put("bridge_group_id", group);
		body.put("work_week", List.of(0, 1, 2, 3, 4, 5, 6));
		body.put("work_hour", DialerTestSupport.allDayHours());
		ApiClient.Response created = api.post(userPath("/task"), body);
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		String task = created.data().get("uuid").stringValue();
		StringBuilder csv = new StringBuilder("phone\n");
		for (int i = 0; i < 120; i++) {
			csv.append("1510000").append(String.format("%04d", i)).append('\n');
		}
		api.raw("POST", userPath("/task/" + task + "/number"), "text/csv", csv.toString());

		for (int i = 0; i < 3000 && !(i > 100 && engine.callsInProgress() == 0); i++) {
			clock.advance(Duration.ofMillis(200));
			engine.tick();
		}
		assertThat(engine.callsInProgress()).isZero();
		List<Map<String, Object>> records = jdbc.query(
				"SELECT bridge_result, bridge_seat_id, bridge_start_at, end_at FROM call_record "
						+ "WHERE task_id = (SELECT id FROM task WHERE uuid = ?)",
				(rs, n) -> {
					Map<String, Object> r = new HashMap<>();
					r.put("bridge_result", rs.getString("bridge_result"));
					r.put("bridge_seat_id", rs.getObject("bridge_seat_id", Long.class));
					r.put("bridge_start_at", rs.getObject("bridge_start_at", OffsetDateTime.class));
					r.put("end_at", rs.getObject("end_at", OffsetDateTime.class));
					return r;
				}, UUID.fromString(task));
		Map<String, Integer> results = new HashMap<>();
		records.forEach(r -> results.merge((String) r.get("bridge_result"), 1, Integer::sum));
		assertThat(results.get("bridged")).as(results.toString()).isGreaterThan(10);
		assertThat(results.get("abandoned")).as("more customers than seats: some wait too long").isPositive();
		assertThat(results.keySet()).containsOnly("none", "bridged", "abandoned");

		Map<Long, List<long[]>> talks = new HashMap<>();
		for (Map<String, Object> r : records) {
			if ("bridged".equals(r.get("bridge_result"))) {
				long start = ((OffsetDateTime) r.get("bridge_start_at")).toInstant().toEpochMilli();
				long end = ((OffsetDateTime) r.get("end_at")).toInstant().toEpochMilli();
				talks.computeIfAbsent(((Number) r.get("bridge_seat_id")).longValue(), k -> new ArrayList<>())
					.add(new long[] { start, end });
			}
			else {
				assertThat(r.get("bridge_seat_id")).isNull();
			}
		}
		talks.forEach((seat, spans) -> {
			spans.sort((a, b) -> Long.compare(a[0], b[0]));
			for (int i = 1; i < spans.size(); i++) {
				assertThat(spans.get(i)[0]).as("seat " + seat + " talks with one customer at a time")
					.isGreaterThanOrEqualTo(spans.get(i - 1)[1]);
			}
		});
		for (int i = 0; i < 20; i++) { // the last wrap-ups (2 s)
			clock.advance(Duration.ofMillis(200));
			engine.tick();
		}
		for (long seat : seats) {
			assertThat(api.get(userPath("/seat/" + seat)).data().get("call_state").stringValue()).isEqualTo("free");
		}
	}

}
