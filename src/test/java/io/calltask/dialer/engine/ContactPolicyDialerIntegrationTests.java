package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact policy as a user sees it (API.md section 10): a phone's calls counted across all the
 * user's tasks and lines, the callee's own hours, and numbers held back showing why and until when.
 */
class ContactPolicyDialerIntegrationTests extends DialerTestSupport {

	private static final java.time.format.DateTimeFormatter SHOWN = java.time.format.DateTimeFormatter
		.ofPattern("yyyy-MM-dd HH:mm:ss");

	@Test
	void theSamePhonesInSeveralTasksAreNeverCalledMoreThanTheDailyLimitEvenFastOnManyLines() {
		putPolicy(Map.of("max_per_day", 2));
		int n = 40;
		// The same 40 people imported three times, written three ways.
		String[] plain = phones("1381000", n);
		String[] plus = new String[n];
		String[] intl = new String[n];
		for (int i = 0; i < n; i++) {
			plus[i] = "+86" + plain[i];
			intl[i] = "0086" + plain[i];
		}
		List<String> tasks = new ArrayList<>();
		for (String[] phones : List.of(plain, plus, intl)) {
			String task = createTask(Map.of("maximumcall", 50, "cps", 100,
					"line", List.of(createLine(100, 30), createLine(100, 30))));
			addNumbers(task, phones);
			tasks.add(task);
		}
		gateway.standard(ScriptedGateway.Script.answer(300, 700));
		step(Duration.ofSeconds(20), Duration.ofMillis(20));

		Map<String, Integer> perPerson = new HashMap<>();
		for (String task : tasks) {
			for (Call c : calls(task)) {
				perPerson.merge(c.phone().substring(c.phone().length() - 11), 1, Integer::sum);
			}
		}
		assertThat(perPerson).hasSize(n);
		assertThat(perPerson.values()).as("calls per person today").containsOnly(2);

		// The third number of each person waits for the callee's next day, and says so.
		Instant tomorrow = local().toLocalDate().plusDays(1).atStartOfDay(ZONE).toInstant();
		int held = 0;
		for (String task : tasks) {
			for (JsonNode number : numbers(task, "pending")) {
				assertThat(number.get("blocked_reason").stringValue()).isEqualTo("contact_limit");
				assertThat(number.get("next_attempt_at").stringValue()).isEqualTo(shown(tomorrow));
				held++;
			}
			assertStatsAddUp(task(task));
		}
		assertThat(held).isEqualTo(n);

		// Held numbers are not claimed again before their time: nothing moves for the rest of the day.
		int before = totalCalls(tasks);
		step(Duration.ofMinutes(10), Duration.ofSeconds(30));
		assertThat(totalCalls(tasks)).isEqualTo(before);

		clock.set(tomorrow.plusSeconds(1));
		step(Duration.ofSeconds(20), Duration.ofMillis(100));
		assertThat(totalCalls(tasks)).as("each held number called on the next day").isEqualTo(before + n);
		for (String task : tasks) {
			assertThat(numbers(task, "pending")).isEmpty();
		}
	}

	@Test
	void theIntervalCountsFromThePreviousCallsStartAcrossTasks() {
		putPolicy(Map.of("min_interval_minutes", 30));
		String line = createLine(10, 10);
		String first = createTask(Map.of("maximumcall", 5, "cps", 10, "line", List.of(line)));
		addNumbers(first, "13820000001");
		gateway.standard(ScriptedGateway.Script.answer(1000, 5000));
		step(Duration.ofSeconds(10), Duration.ofMillis(100));
		List<Call> calls = calls(first);
		assertThat(calls).hasSize(1);

		String second = createTask(Map.of("maximumcall", 5, "cps", 10, "line", List.of(line)));
		addNumbers(second, "+8613820000001");
		step(Duration.ofSeconds(10), Duration.ofMillis(100));
		assertThat(calls(second)).isEmpty();
		JsonNode held = numbers(second, "pending").get(0);
		assertThat(held.get("blocked_reason").stringValue()).isEqualTo("contact_interval");
		Instant allowed = calls.get(0).start().plus(Duration.ofMinutes(30));
		assertThat(held.get("next_attempt_at").stringValue()).isEqualTo(shown(allowed));

		clock.set(allowed.minusSeconds(5));
		step(Duration.ofSeconds(4), Duration.ofMillis(500));
		assertThat(calls(second)).isEmpty();
		step(Duration.ofSeconds(5), Duration.ofMillis(500));
		assertThat(calls(second)).hasSize(1);
		assertThat(calls(second).get(0).start()).isAfterOrEqualTo(allowed);
	}

	@Test
	void aNumberIsCalledInItsOwnZonesWindow() {
		putPolicy(Map.of("window", Map.of("begin", "09:00", "end", "18:00"), "timezone_source", "phone"));
		at(LocalTime.of(10, 0)); // Shanghai 10:00: night in New York and London
		String task = createTask(Map.of("maximumcall", 5, "cps", 10, "line", List.of(createLine(10, 10))));
		String shanghai = "13830000001";
		String newYork = "+12125550123";
		String london = "+442079460123";
		addNumbers(task, shanghai, newYork, london);
		gateway.standard(ScriptedGateway.Script.answer(1000, 2000));
		step(Duration.ofSeconds(10), Duration.ofMillis(100));
		assertThat(calls(task)).extracting(Call::phone).containsExactly(shanghai);

		Instant londonOpens = nextLocal(ZoneId.of("Europe/London"), LocalTime.of(9, 0));
		Instant newYorkOpens = nextLocal(ZoneId.of("America/New_York"), LocalTime.of(9, 0));
		Map<String, JsonNode> held = new HashMap<>();
		numbers(task, "pending").forEach(nb -> held.put(nb.get("phone").stringValue(), nb));
		assertThat(held.keySet()).containsExactlyInAnyOrder(newYork, london);
		assertThat(held.get(london).get("blocked_reason").stringValue()).isEqualTo("callee_window");
		assertThat(held.get(london).get("next_attempt_at").stringValue()).isEqualTo(shown(londonOpens));
		assertThat(held.get(newYork).get("blocked_reason").stringValue()).isEqualTo("callee_window");
		assertThat(held.get(newYork).get("next_attempt_at").stringValue()).isEqualTo(shown(newYorkOpens));

		clock.set(londonOpens.minusSeconds(2));
		step(Duration.ofSeconds(10), Duration.ofMillis(500));
		assertThat(calls(task)).extracting(Call::phone).containsExactly(shanghai, london);
		assertThat(calls(task).get(1).start()).isAfterOrEqualTo(londonOpens);

		clock.set(newYorkOpens.minusSeconds(2));
		step(Duration.ofSeconds(10), Duration.ofMillis(500));
		assertThat(calls(task)).extracting(Call::phone).containsExactly(shanghai, london, newYork);
		assertThat(calls(task).get(2).start()).isAfterOrEqualTo(newYorkOpens);
		assertThat(numbers(task, "pending")).isEmpty();
	}

	@Test
	void aCallThatNeverLeftTheSwitchGivesItsCountBack() {
		putPolicy(Map.of("max_per_day", 1));
		String line = createLine(10, 10);
		String first = createTask(Map.of("maximumcall", 5, "cps", 10, "line", List.of(line)));
		addNumbers(first, "13840000001");
		gateway.script("13840000001", ScriptedGateway.Script.fail("NORMAL_TEMPORARY_FAILURE", 100));
		step(Duration.ofSeconds(5), Duration.ofMillis(100));
		assertThat(calls(first)).extracting(Call::outcome).containsExactly("gateway_error");

		String second = createTask(Map.of("maximumcall", 5, "cps", 10, "line", List.of(line)));
		addNumbers(second, "+8613840000001");
		gateway.standard(ScriptedGateway.Script.answer(500, 1000));
		step(Duration.ofSeconds(5), Duration.ofMillis(100));
		assertThat(calls(second)).as("the failed call did not count").hasSize(1);

		String third = createTask(Map.of("maximumcall", 5, "cps", 10, "line", List.of(line)));
		addNumbers(third, "008613840000001");
		step(Duration.ofSeconds(5), Duration.ofMillis(100));
		assertThat(calls(third)).as("the answered one did").isEmpty();
	}

	@Test
	void aLooserPolicyLetsHeldNumbersGoAtOnce() {
		putPolicy(Map.of("max_per_day", 1));
		String line = createLine(10, 10);
		String first = createTask(Map.of("maximumcall", 5, "cps", 10, "line", List.of(line)));
		String second = createTask(Map.of("maximumcall", 5, "cps", 10, "line", List.of(line)));
		addNumbers(first, "13850000001");
		addNumbers(second, "13850000001");
		gateway.standard(ScriptedGateway.Script.answer(500, 1000));
		step(Duration.ofSeconds(5), Duration.ofMillis(100));
		assertThat(calls(first).size() + calls(second).size()).isEqualTo(1);

		putPolicy(Map.of("max_per_day", 2));
		step(Duration.ofSeconds(5), Duration.ofMillis(100));
		assertThat(calls(first).size() + calls(second).size()).isEqualTo(2);
	}

	private void putPolicy(Map<String, Object> policy) {
		ApiClient.Response r = api.put(userPath("/contact-policy"), new LinkedHashMap<>(policy));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
	}

	private List<JsonNode> numbers(String task, String status) {
		ApiClient.Response r = api.get(userPath("/task/" + task + "/number?per_page=100&status=" + status));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		List<JsonNode> out = new ArrayList<>();
		r.json().path("data").forEach(out::add);
		return out;
	}

	private int totalCalls(List<String> tasks) {
		int total = 0;
		for (String task : tasks) {
			total += calls(task).size();
		}
		return total;
	}

	/** The next {@code time} in {@code zone} after now. */
	private Instant nextLocal(ZoneId zone, LocalTime time) {
		ZonedDateTime now = clock.instant().atZone(zone);
		ZonedDateTime next = now.toLocalDate().atTime(time).atZone(zone);
		return (next.toInstant().isAfter(clock.instant()) ? next : next.plusDays(1)).toInstant();
	}

	private static String shown(Instant instant) {
		return SHOWN.format(instant.atZone(ZONE));
	}

}
