package io.calltask.dialer.blacklist;

import io.calltask.dialer.number.NumberApiSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

class BlacklistIntegrationTests extends NumberApiSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	BlacklistBackfill backfill;

	private JsonNode add(String... phones) {
		ApiClient.Response r = api.post(userPath("/blacklist"), Map.of("phones", List.of(phones)));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.data();
	}

	private JsonNode remove(String... phones) {
		ApiClient.Response r = api.delete(userPath("/blacklist"), Map.of("phones", List.of(phones)));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.data();
	}

	private JsonNode list(String query) {
		ApiClient.Response r = api.get(userPath("/blacklist" + query));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.json();
	}

	@Test
	void addListAndRemovePhones() {
		JsonNode first = add("13900000001", " 13900000002 ", "13900000001");
		assertThat(first.get("added").intValue()).isEqualTo(2);
		assertThat(first.get("existing").intValue()).isZero();
		assertThat(first.get("filtered_numbers").intValue()).isZero();
		JsonNode second = add("13900000002", "+8613900000003");
		assertThat(second.get("added").intValue()).isEqualTo(1);
		assertThat(second.get("existing").intValue()).isEqualTo(1);

		JsonNode page1 = list("?per_page=2");
		assertThat(page1.get("meta").get("total").intValue()).isEqualTo(3);
		assertThat(page1.get("meta").get("last_page").intValue()).isEqualTo(2);
		assertThat(page1.get("data").valueStream().map(e -> e.get("phone").stringValue()))
			.containsExactly("+8613900000003", "13900000002");
		assertThat(page1.get("data").get(0).get("create_datetime").stringValue())
			.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
		assertThat(list("?page=2&per_page=2").get("data").get(0).get("phone").stringValue()).isEqualTo("13900000001");

		JsonNode removed = remove("13900000001", "13999999999");
		assertThat(removed.get("removed").intValue()).isEqualTo(1);
		assertThat(removed.get("restored_numbers").intValue()).isZero();
		assertThat(list("").get("data").valueStream().map(e -> e.get("phone").stringValue()))
			.containsExactly("+8613900000003", "13900000002");
	}

	@Test
	void addingFiltersWaitingNumbersOfEveryLiveTaskAndRemovingRestoresThem() {
		String a = createTask("任务A");
		String b = createTask("任务B");
		String gone = createTask("已删除");
		importPhones(a, "13900000001", "13900000002", "13900000009");
		importPhones(b, "13900000001", "13900000002", "13900000003");
		importPhones(gone, "13900000001");
		assertThat(api.delete(userPath("/task/" + gone)).status()).isEqualTo(200);
		// a number in a dialer node's batch is filtered too; a call in progress is left to finish
		jdbc.sql("UPDATE task_number SET status = 'claimed', claimed_by = 'node-1' WHERE phone = '13900000002' "
				+ "AND task_id = (SELECT id FROM task WHERE uuid = ?)").param(UUID.fromString(a)).update();
		jdbc.sql("UPDATE task_number SET status = 'calling', callid = ? WHERE phone = '13900000002' "
				+ "AND task_id = (SELECT id FROM task WHERE uuid = ?)")
			.params(UUID.randomUUID(), UUID.fromString(b))
			.update();
		// another user's blacklist changes nothing here
		String otherUser = newUser(api);
		api.post("/agent-api/new/user/" + otherUser + "/blacklist", Map.of("phones", List.of("13900000001")));
		assertThat(numberCount(a)).isEqualTo(3);
		assertThat(numberCount(b)).isEqualTo(3);

		JsonNode added = add("13900000001", "13900000002");
		assertThat(added.get("added").intValue()).isEqualTo(2);
		assertThat(added.get("filtered_numbers").intValue()).isEqualTo(3);
		assertThat(statuses(a)).containsExactly(Map.entry("13900000001", "filtered"),
				Map.entry("13900000002", "filtered"), Map.entry("13900000009", "pending"));
		assertThat(statuses(b)).containsExactly(Map.entry("13900000001", "filtered"),
				Map.entry("13900000002", "calling"), Map.entry("13900000003", "pending"));
		assertThat(numberCount(a)).isEqualTo(1);
		assertThat(numberCount(b)).isEqualTo(2);
		assertThat(jdbc.sql("SELECT count(*) FROM task_number WHERE claimed_by IS NOT NULL AND phone = '13900000002'")
			.query(Long.class)
			.single()).isZero();

		JsonNode again = add("13900000002");
		assertThat(again.get("existing").intValue()).isEqualTo(1);
		assertThat(again.get("filtered_numbers").intValue()).isZero();

		JsonNode removed = remove("13900000001", "13900000002");
		assertThat(removed.get("removed").intValue()).isEqualTo(2);
		assertThat(removed.get("restored_numbers").intValue()).isEqualTo(3);
		assertThat(statuses(a)).containsExactly(Map.entry("13900000001", "pending"),
				Map.entry("13900000002", "pending"), Map.entry("13900000009", "pending"));
		assertThat(statuses(b).get("13900000001")).isEqualTo("pending");
		assertThat(numberCount(a)).isEqualTo(3);
		assertThat(numberCount(b)).isEqualTo(3);
	}

	@Test
	void badPhonesAre422AndChangeNothing() {
		add("13900000001");
		assertInvalid(api.post(userPath("/blacklist"), Map.of()), "phones");
		assertInvalid(api.post(userPath("/blacklist"), Map.of("phones", List.of())), "phones");
		assertInvalid(api.post(userPath("/blacklist"), Map.of("phones", "13900000002")), "phones");
		assertInvalid(api.post(userPath("/blacklist"), Map.of("phones", List.of(13900000002L))), "phones");
		ApiClient.Response bad = api.post(userPath("/blacklist"),
				Map.of("phones", List.of("13900000002", "139-0000-0003", "12")));
		assertInvalid(bad, "phones");
		assertThat(bad.errorsOf("phones")).contains("139-0000-0003").contains("12").doesNotContain("13900000002");
		List<String> tooMany = new ArrayList<>();
		for (int i = 0; i <= 10_000; i++) {
			tooMany.add(String.valueOf(13_000_000_000L + i));
		}
		assertInvalid(api.post(userPath("/blacklist"), Map.of("phones", tooMany)), "phones");
		assertInvalid(api.raw("POST", userPath("/blacklist"), "application/json", "not json"), "body");
		assertInvalid(api.delete(userPath("/blacklist"), Map.of("phones", List.of("13900000001", "x"))), "phones");
		assertError(api.raw("POST", userPath("/blacklist"), "text/plain", "13900000002"), 415);
		assertError(api.put(userPath("/blacklist"), Map.of("phones", List.of("13900000002"))), 405);

		assertThat(list("").get("data").valueStream().map(e -> e.get("phone").stringValue()))
			.containsExactly("13900000001");
	}

	@Test
	void blacklistsOfOtherAgentsUsersAre404() {
		add("13900000001");
		ApiClient other = newAgentClient();
		assertError(other.get(userPath("/blacklist")), 404);
		assertError(other.post(userPath("/blacklist"), Map.of("phones", List.of("13900000002"))), 404);
		assertError(other.delete(userPath("/blacklist"), Map.of("phones", List.of("13900000001"))), 404);
		assertError(api.get("/agent-api/new/user/" + UUID.randomUUID() + "/blacklist"), 404);
		assertThat(list("").get("meta").get("total").intValue()).isEqualTo(1);
	}

	@Test
	void aPhoneIsOnePersonHoweverItIsWrittenOnTheListAndInImports() {
		String a = createTask("任务A");
		importPhones(a, "+8613900000001", "008613900000002", "13900000003", "13900000004", "+861085551234");
		JsonNode added = add("13900000001", "+8613900000002", "8613900000003", "01085551234");
		assertThat(added.get("added").intValue()).isEqualTo(4);
		assertThat(added.get("filtered_numbers").intValue()).isEqualTo(4);
		assertThat(statuses(a)).containsExactly(Map.entry("+8613900000001", "filtered"),
				Map.entry("008613900000002", "filtered"), Map.entry("13900000003", "filtered"),
				Map.entry("13900000004", "pending"), Map.entry("+861085551234", "filtered"));
		assertThat(numberCount(a)).isEqualTo(1);

		// the same person written otherwise is on the list already
		JsonNode again = add("+8613900000001", "013900000003", "13900000002");
		assertThat(again.get("added").intValue()).isZero();
		assertThat(again.get("existing").intValue()).isEqualTo(3);
		assertThat(list("").get("meta").get("total").intValue()).isEqualTo(4);

		// an import is filtered by person, whichever way either side is written
		String b = createTask("任务B");
		assertCounts(importPhones(b, "13900000001", "+8613900000003", "8613900000002", "13900000005", "1085551234"), 5,
				0, 0);
		assertThat(statuses(b)).containsExactly(Map.entry("13900000001", "filtered"),
				Map.entry("+8613900000003", "filtered"), Map.entry("8613900000002", "filtered"),
				Map.entry("13900000005", "pending"), Map.entry("1085551234", "filtered"));
		assertThat(numberCount(b)).isEqualTo(1);

		// taking a person off in any spelling frees every spelling of it
		JsonNode removed = remove("+8613900000001", "008613900000003");
		assertThat(removed.get("removed").intValue()).isEqualTo(2);
		assertThat(removed.get("restored_numbers").intValue()).isEqualTo(4);
		assertThat(statuses(a).get("+8613900000001")).isEqualTo("pending");
		assertThat(statuses(a).get("13900000003")).isEqualTo("pending");
		assertThat(statuses(b).get("13900000001")).isEqualTo("pending");
		assertThat(statuses(b).get("+8613900000003")).isEqualTo("pending");
		assertThat(numberCount(a)).isEqualTo(3);
		assertThat(numberCount(b)).isEqualTo(3);
		assertThat(list("").get("data").valueStream().map(e -> e.get("phone").stringValue()))
			.containsExactly("01085551234", "+8613900000002");
	}

	@Test
	void theListShowsWhyEachPhoneIsOnIt() {
		add("13900000001");
		JsonNode entry = list("").get("data").get(0);
		assertThat(entry.get("phone").stringValue()).isEqualTo("13900000001");
		assertThat(entry.get("reason").stringValue()).isEqualTo("manual");
		assertThat(entry.get("callid").isNull()).as(entry.toString()).isTrue();
		assertThat(entry.get("create_datetime").stringValue()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
	}

	@Test
	void entriesFromBeforeMatchingByPersonAreMatchedAfterTheStart() {
		// as version 23 left it: the phone only
		jdbc.sql("INSERT INTO blacklist (user_id, phone, created_at) VALUES (?, '13900000001', CURRENT_TIMESTAMP)")
			.param(UUID.fromString(userId))
			.update();
		backfill.afterSingletonsInstantiated();
		String task = createTask("任务");
		importPhones(task, "+8613900000001", "13900000002");
		assertThat(statuses(task)).containsExactly(Map.entry("+8613900000001", "filtered"),
				Map.entry("13900000002", "pending"));
		assertThat(add("8613900000001").get("existing").intValue()).isEqualTo(1);
		assertThat(list("").get("data").get(0).get("reason").stringValue()).isEqualTo("manual");
	}

}
