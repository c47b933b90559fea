package io.calltask.dialer.engine;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import io.calltask.dialer.spi.CallGateway;
import io.calltask.task.TaskRuntime;
import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;
import io.calltask.time.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application with the engine stepped by hand: a clock the test moves, and a gateway
 * whose calls end as the test scripts them. Each test starts on a fresh Monday 10:00 (Asia/Shanghai)
 * later than anything before it, and deletes its tasks afterwards so the next test has the engine
 * to itself.
 */
@Import(DialerTestBeans.class)
public abstract class DialerTestSupport extends ApiIntegrationTest {

	protected static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

	@Autowired
	protected MutableClock clock;

	@Autowired
	protected ScriptedGateway gateway;

	@Autowired
	DialerEngine engine;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	TaskRuntime taskRuntime;

	@Autowired
	CallGateway chosenGateway;

	private final List<String> tasksToDelete = new ArrayList<>();

	@BeforeEach
	void freshMonday() {
		assertThat(chosenGateway).isSameAs(gateway);
		gateway.reset();
		moveTo(DayOfWeek.MONDAY, LocalTime.of(10, 0));
		engine.tick();
	}

	@AfterEach
	void deleteTasks() {
		for (String task : tasksToDelete) {
			api.delete(userPath("/task/" + task));
		}
		tasksToDelete.clear();
		for (int i = 0; i < 100 && engine.callsInProgress() > 0; i++) {
			step(Duration.ofMinutes(1), Duration.ofSeconds(10));
		}
		engine.tick();
	}

	/** Moves the clock forward to the next {@code day} at {@code time} (local), at least a week past now. */
	void moveTo(DayOfWeek day, LocalTime time) {
		ZonedDateTime now = clock.instant().atZone(ZONE);
		LocalDate date = now.toLocalDate().plusWeeks(1).with(TemporalAdjusters.previousOrSame(day));
		ZonedDateTime target = date.atTime(time).atZone(ZONE);
		while (!target.isAfter(now.plusDays(1))) {
			target = target.plusWeeks(1);
		}
		clock.set(target.toInstant());
	}

	/** Sets the local time of the current day (forward only). */
	void at(LocalTime time) {
		ZonedDateTime target = clock.instant().atZone(ZONE).with(time);
		assertThat(target.toInstant()).isAfterOrEqualTo(clock.instant());
		clock.set(target.toInstant());
	}

	protected ZonedDateTime local() {
		return clock.instant().atZone(ZONE);
	}

	/** One engine tick at the current time, with what the gateway has due delivered first. */
	void tick() {
		gateway.advanceTo(clock.instant());
		engine.tick();
	}

	/** Moves time by {@code total} in steps of {@code step}, ticking at each. */
	protected void step(Duration total, Duration step) {
		Instant end = clock.instant().plus(total);
		while (clock.instant().isBefore(end)) {
			clock.advance(step);
			tick();
		}
	}

	protected String createLine(int cps, int limit) {
		ApiClient.Response r = api.post(userPath("/line"), Map.of("name", "线路" + UUID.randomUUID().toString().substring(0, 6),
				"gateway", "gw1", "node_id", "fs-1", "cps", cps, "limit", limit, "caller_number", "02100000000"));
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data().get("line_id").stringValue();
	}

	String createRule(Map<String, Object> body) {
		Map<String, Object> b = new LinkedHashMap<>(Map.of("name", "重呼", "enable", true, "first_call_first", true,
				"interval_minutes", 10, "max_times", 2, "hangup_causes", List.of(), "call_statuses", List.of()));
		b.putAll(body);
		ApiClient.Response r = api.post(userPath("/recycle-rule"), b);
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data().get("id").stringValue();
	}

	/** An enabled task dialing every day 00:00-24:00, answered calls going to the user's default 话术组, unless {@code body} says otherwise. */
	protected String createTask(Map<String, Object> body) {
		if (api.get(userPath("/group")).json().path("data").isEmpty()) {
			ApiClient.Response g = api.post(userPath("/group"), Map.of("name", "话术", "default", true));
			assertThat(g.status()).as(g.text()).isEqualTo(201);
		}
		Map<String, Object> b = new LinkedHashMap<>();
		b.put("name", "外呼" + UUID.randomUUID().toString().substring(0, 6));
		b.put("enable", true);
		b.put("work_week", List.of(0, 1, 2, 3, 4, 5, 6));
		b.put("work_hour", allDayHours());
		b.putAll(body);
		ApiClient.Response r = api.post(userPath("/task"), b);
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		String id = r.data().get("uuid").stringValue();
		tasksToDelete.add(id);
		return id;
	}

	/** How a test's seat starts: signed in (idle) or as created (offline). */
	protected enum SeatStart {
		IDLE, OFFLINE
	}

	private final Map<Long, String> seatExtensions = new LinkedHashMap<>();

	/** A seat of the user through the API, with a fresh extension (its contact {@code user/<extension>}). */
	protected long createSeat(String name, SeatStart start) {
		String extension = String.valueOf(1000 + (System.nanoTime() / 1000) % 9_000_000);
		ApiClient.Response r = api.post(userPath("/seat"), Map.of("name", name, "extension", extension));
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		long id = r.data().get("seat_id").longValue();
		seatExtensions.put(id, extension);
		if (start == SeatStart.IDLE) {
			ApiClient.Response s = api.put(userPath("/seat/" + id + "/status"), Map.of("status", "idle"));
			assertThat(s.status()).as(s.text()).isEqualTo(200);
		}
		return id;
	}

	protected String extensionOf(long seat) {
		return seatExtensions.get(seat);
	}

	/** A bridge group of {@code seats} in this order, with {@code more} of its settings. */
	protected long createGroup(List<Long> seats, Map<String, Object> more) {
		Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "组" + UUID.randomUUID().toString().substring(0, 6),
				"seat_ids", new ArrayList<>(seats)));
		body.putAll(more);
		ApiClient.Response r = api.post(userPath("/bridge-group"), body);
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data().get("bridge_group_id").longValue();
	}

	/** work_hour entries for every day, 00:00-24:00. */
	static List<Map<String, Object>> allDayHours() {
		List<Map<String, Object>> hours = new ArrayList<>();
		for (int d = 0; d < 7; d++) {
			hours.add(Map.of("wday", d, "begin", "00:00", "end", "24:00"));
		}
		return hours;
	}

	protected JsonNode task(String taskId) {
		ApiClient.Response r = api.get(userPath("/task/" + taskId));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.data();
	}

	/** Imports numbers through the number API (JSON), in this order. */
	protected void addNumbers(String taskId, String... phones) {
		List<Map<String, Object>> numbers = new ArrayList<>();
		for (String phone : phones) {
			numbers.add(Map.of("phone", phone));
		}
		ApiClient.Response r = api.post(userPath("/task/" + taskId + "/number"), Map.of("numbers", numbers));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		assertThat(r.data().get("accepted").intValue()).as(r.text()).isEqualTo(phones.length);
	}

	protected String[] phones(String prefix, int n) {
		String[] phones = new String[n];
		for (int i = 0; i < n; i++) {
			phones[i] = prefix + String.format("%05d", i);
		}
		return phones;
	}

	record Call(String phone, UUID lineId, int attempt, Instant start, Instant answer, Instant end, Integer billsec,
			String cause, String outcome, int status) {
	}

	/** The task's call records, oldest first. */
	List<Call> calls(String taskId) {
		return jdbc.sql("SELECT c.phone, c.line_id, c.attempt, c.start_at, c.answer_at, c.end_at, c.billsec, "
				+ "c.hangup_cause, c.outcome, c.status FROM call_record c JOIN task t ON t.id = c.task_id "
				+ "WHERE t.uuid = ? ORDER BY c.id")
			.param(UUID.fromString(taskId))
			.query((rs, n) -> new Call(rs.getString(1), rs.getObject(2, UUID.class), rs.getInt(3), instant(rs, 4),
					instant(rs, 5), instant(rs, 6), (Integer) rs.getObject(7), rs.getString(8), rs.getString(9),
					rs.getInt(10)))
			.list();
	}

	/** Numbers of the task by status. */
	/**
	 * The task's numbers per stored status, counted in the database; and, each time, the number list's
	 * total per shown status ({@code claimed} shows as pending) checked against those counts: the list
	 * reads its totals from counters kept as numbers move, which must never drift from the rows.
	 */
	protected Map<String, Integer> numberStatuses(String taskId) {
		Map<String, Integer> out = new LinkedHashMap<>();
		jdbc.sql("SELECT n.status, count(*) FROM task_number n JOIN task t ON t.id = n.task_id WHERE t.uuid = ? "
				+ "GROUP BY n.status")
			.param(UUID.fromString(taskId))
			.query((rs, n) -> out.put(rs.getString(1), rs.getInt(2)))
			.list();
		for (String shown : List.of("pending", "calling", "called", "failed", "filtered")) {
			int expected = out.getOrDefault(shown, 0) + (shown.equals("pending") ? out.getOrDefault("claimed", 0) : 0);
			ApiClient.Response list = api.get(userPath("/task/" + taskId + "/number?per_page=1&status=" + shown));
			assertThat(list.json().path("meta").get("total").intValue()).as("the list's total of " + shown + " numbers, " + out)
				.isEqualTo(expected);
		}
		return out;
	}

	private static Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
		java.time.OffsetDateTime t = rs.getObject(column, java.time.OffsetDateTime.class);
		return t == null ? null : t.toInstant();
	}

	/** normal + gateway_error + calling = dialed on every line of the task, and nothing negative. */
	static void assertStatsAddUp(JsonNode task) {
		JsonNode info = task.path("new_task_extra").path("call_info");
		info.properties().forEach(e -> {
			JsonNode s = e.getValue();
			long dialed = s.get("dialed_number_total").longValue();
			assertThat(s.get("normal_hangup_total").longValue() + s.get("gateway_error_hangup_total").longValue()
					+ s.get("calling_count").longValue()).as(e.getKey() + " " + s).isEqualTo(dialed);
			assertThat(s.get("calling_count").longValue()).isNotNegative();
			assertThat(s.get("answering_count").longValue()).isNotNegative();
			assertThat(s.get("answering_count").longValue()).isLessThanOrEqualTo(s.get("calling_count").longValue());
		});
	}

}
