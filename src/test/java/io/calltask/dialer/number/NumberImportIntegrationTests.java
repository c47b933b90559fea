package io.calltask.dialer.number;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

class NumberImportIntegrationTests extends NumberApiSupport {

	@Test
	void jsonImportCountsAcceptedDuplicateAndInvalidNumbers() {
		String task = createTask("JSON 导入");
		List<Map<String, Object>> numbers = new ArrayList<>();
		numbers.add(Map.of("phone", "13800000001"));
		numbers.add(Map.of("phone", " 13800000002\t"));
		numbers.add(Map.of("phone", "+8613800000003", "variables",
				Map.of("name", "张三", "amount", new java.math.BigDecimal("12.50"), "vip", true, "age", 30)));
		numbers.add(Map.of("phone", "13800000001"));
		numbers.add(Map.of("phone", "138-0000-0004"));
		numbers.add(Map.of("phone", "1234"));
		numbers.add(Map.of("phone", ""));
		numbers.add(Map.of("variables", Map.of("name", "没有号码")));
		numbers.add(Map.of("phone", "1380000000５"));
		numbers.add(Map.of("phone", "123456789012345678901"));

		ApiClient.Response r = importJson(task, Map.of("numbers", numbers, "ignored", "unknown keys are ignored"));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		assertThat(r.json().get("status").stringValue()).isEqualTo("success");
		JsonNode result = r.data();
		assertCounts(result, 3, 1, 6);
		List<Integer> rows = new ArrayList<>();
		result.get("invalid_rows").forEach(row -> rows.add(row.get("row").intValue()));
		assertThat(rows).containsExactly(5, 6, 7, 8, 9, 10);
		JsonNode first = result.get("invalid_rows").get(0);
		assertThat(first.get("phone").stringValue()).isEqualTo("138-0000-0004");
		assertThat(first.get("reason").stringValue()).contains("数字");
		assertThat(result.get("invalid_rows").get(1).get("reason").stringValue()).contains("5 到 20");
		assertThat(result.get("invalid_rows").get(3).get("phone").stringValue()).isEmpty();

		assertThat(statuses(task)).containsExactly(Map.entry("13800000001", "pending"),
				Map.entry("13800000002", "pending"), Map.entry("+8613800000003", "pending"));
		assertThat(numberCount(task)).isEqualTo(3);

		JsonNode second = importPhones(task, "13800000001", "13800000004", "13800000002 ");
		assertCounts(second, 1, 2, 0);
		assertThat(numberCount(task)).isEqualTo(4);
	}

	@Test
	void listedNumbersCarryTheirVariables() {
		String task = createTask("变量");
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("name", "张三");
		variables.put("amount", new java.math.BigDecimal("12.50"));
		variables.put("vip", true);
		variables.put("age", 30);
		importJson(task, Map.of("numbers", List.of(Map.of("phone", "13800000001", "variables", variables),
				Map.of("phone", "13800000002", "variables", Map.of()))));

		JsonNode items = numbers(task, "").get("data");
		JsonNode first = items.get(0);
		assertThat(first.get("phone").stringValue()).isEqualTo("13800000001");
		assertThat(first.get("status").stringValue()).isEqualTo("pending");
		assertThat(first.get("attempts").intValue()).isZero();
		assertThat(first.get("last_hangup_cause").isNull()).isTrue();
		assertThat(first.get("next_attempt_at").isNull()).isTrue();
		assertThat(first.get("create_datetime").stringValue()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
		JsonNode vars = first.get("variables");
		assertThat(vars.get("name").stringValue()).isEqualTo("张三");
		assertThat(vars.get("amount").decimalValue()).isEqualByComparingTo("12.50");
		assertThat(vars.get("vip").booleanValue()).isTrue();
		assertThat(vars.get("age").intValue()).isEqualTo(30);
		assertThat(items.get(1).get("variables").isNull()).as("an empty object is no variables").isTrue();
	}

	@Test
	void csvImportHandlesQuotingVariablesBomAndLineEnds() {
		String task = createTask("CSV 导入");
		String csv = "\uFEFFphone, name ,note\r\n"
				+ "13800000001,张三,\"欠款 1,000 元\"\r\n"
				+ "\"13800000002\",\"李\"\"四\"\"\",\"两行\n备注\"\r\n"
				+ "\r\n"
				+ " 13800000003 ,王五,\n"
				+ "13800000001,重复,\n"
				+ "abc,坏号码,\n"
				+ ",空号码,\n"
				+ "13800000004,,";
		ApiClient.Response r = importCsv(task, csv);
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		assertCounts(r.data(), 4, 1, 2);
		JsonNode invalid = r.data().get("invalid_rows");
		assertThat(invalid.get(0).get("row").intValue()).isEqualTo(5);
		assertThat(invalid.get(0).get("phone").stringValue()).isEqualTo("abc");
		assertThat(invalid.get(1).get("row").intValue()).as("an empty phone cell").isEqualTo(6);
		assertThat(invalid.get(1).get("phone").stringValue()).isEmpty();

		JsonNode items = numbers(task, "").get("data");
		assertThat(items).hasSize(4);
		assertThat(items.get(0).get("variables").get("name").stringValue()).isEqualTo("张三");
		assertThat(items.get(0).get("variables").get("note").stringValue()).isEqualTo("欠款 1,000 元");
		assertThat(items.get(1).get("variables").get("name").stringValue()).isEqualTo("李\"四\"");
		assertThat(items.get(1).get("variables").get("note").stringValue()).isEqualTo("两行\n备注");
		assertThat(items.get(2).get("phone").stringValue()).isEqualTo("13800000003");
		assertThat(items.get(2).get("variables").has("note")).as("empty cells are left out").isFalse();
		assertThat(items.get(3).get("variables").isNull()).as("no variables at all").isTrue();
		assertThat(numberCount(task)).isEqualTo(4);
	}

	@Test
	void csvWithOnlyAPhoneColumnStoresNoVariables() {
		String task = createTask("只有号码");
		ApiClient.Response r = importCsv(task, "Phone\n13800000001\n13800000002\n");
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		assertCounts(r.data(), 2, 0, 0);
		assertThat(numbers(task, "").get("data").get(0).get("variables").isNull()).isTrue();
	}

	@Test
	void blacklistedNumbersAreAcceptedAsFiltered() {
		String task = createTask("黑名单过滤");
		assertThat(api.post(userPath("/blacklist"), Map.of("phones", List.of("13900000001"))).status()).isEqualTo(200);

		assertCounts(importPhones(task, "13900000001", "13900000002"), 2, 0, 0);
		assertThat(statuses(task)).containsExactly(Map.entry("13900000001", "filtered"),
				Map.entry("13900000002", "pending"));
		assertThat(numberCount(task)).as("filtered numbers are finished").isEqualTo(1);

		ApiClient.Response csv = importCsv(task, "phone\n13900000001\n13900000003\n");
		assertCounts(csv.data(), 1, 1, 0);
		assertThat(numberCount(task)).isEqualTo(2);
	}

	@Test
	void badRequestsAre422AndStoreNothing() {
		String task = createTask("全部或没有");
		assertInvalid(importJson(task, Map.of()), "numbers");
		assertInvalid(importJson(task, Map.of("numbers", List.of())), "numbers");
		assertInvalid(importJson(task, Map.of("numbers", "13800000001")), "numbers");
		assertInvalid(importJson(task, Map.of("numbers", List.of("13800000001"))), "numbers");
		assertInvalid(importJson(task, Map.of("numbers", List.of(Map.of("phone", 13800000001L)))), "numbers");
		assertInvalid(importJson(task, Map.of("numbers", List.of(Map.of("phone", "13800000001", "variables",
				Map.of("address", Map.of("city", "北京")))))), "numbers");
		assertInvalid(importJson(task, Map.of("numbers", List.of(Map.of("phone", "13800000001", "variables",
				List.of("a"))))), "numbers");
		assertInvalid(importJson(task, Map.of("numbers", List.of(Map.of("phone", "13800000001", "variables",
				Map.of("x".repeat(65), "v"))))), "numbers");
		assertInvalid(api.raw("POST", numberPath(task), "application/json", "{\"numbers\":[{\"phone\":\"1380000"),
				"body");
		assertInvalid(api.raw("POST", numberPath(task), "application/json", "[{\"phone\":\"13800000001\"}]"), "body");
		assertInvalid(api.raw("POST", numberPath(task), "application/json", ""), "body");

		// a wrong type after more than one batch of good numbers: the batches already written roll back
		List<Object> many = new ArrayList<>();
		for (int i = 0; i < 12_000; i++) {
			many.add(Map.of("phone", String.valueOf(13_000_000_000L + i)));
		}
		many.add(Map.of("phone", false));
		ApiClient.Response late = importJson(task, Map.of("numbers", many));
		assertInvalid(late, "numbers");
		assertThat(late.errorsOf("numbers")).contains("第 12001 项");

		assertInvalid(importCsv(task, "mobile,name\n13800000001,张三\n"), "phone");
		assertInvalid(importCsv(task, "phone,name\n"), "body");
		assertInvalid(importCsv(task, ""), "body");
		assertInvalid(importCsv(task, "phone,name\n13800000001,张三,多一列\n"), "body");
		assertInvalid(importCsv(task, "phone,name\n13800000001,\"张三\n"), "body");
		assertInvalid(importCsv(task, "phone,name\n13800000001,张\"三\n"), "body");
		assertInvalid(importCsv(task, "phone,name\n13800000001,\"张三\"x\n"), "body");
		assertInvalid(importCsv(task, "phone,name,name\n13800000001,a,b\n"), "body");
		ApiClient.Response rowError = importCsv(task, "phone,name\n13800000001,a\n13800000002\n");
		assertInvalid(rowError, "body");
		assertThat(rowError.errorsOf("body")).contains("第 2 行");

		assertError(api.raw("POST", numberPath(task), "text/plain", "13800000001"), 415);
		assertError(api.raw("PUT", numberPath(task), "application/json", "{}"), 405);

		assertThat(numbers(task, "").get("meta").get("total").intValue()).isZero();
		assertThat(numberCount(task)).isZero();
	}

	@Test
	void importsAboveTheApiBodyLimitAreAcceptedAndInvalidRowsAreCapped() {
		String task = createTask("大批量");
		StringBuilder csv = new StringBuilder("phone,name\n");
		for (int i = 0; i < 100_000; i++) {
			csv.append(13_000_000_000L + i).append(",客户").append(i).append('\n');
		}
		for (int i = 0; i < 1500; i++) {
			csv.append("bad").append(i).append(",坏\n");
		}
		assertThat(csv.length()).isGreaterThan(1_048_576);
		ApiClient.Response r = importCsv(task, csv.toString());
		assertThat(r.status()).as(r.text().substring(0, Math.min(500, r.text().length()))).isEqualTo(200);
		assertCounts(r.data(), 100_000, 0, 1500);
		assertThat(r.data().get("invalid_rows").get(0).get("row").intValue()).isEqualTo(100_001);
		assertThat(numberCount(task)).isEqualTo(100_000);
		assertThat(numbers(task, "?status=pending").get("meta").get("total").intValue()).isEqualTo(100_000);
	}

	@Test
	void theListsTotalCountsEveryStoredNumberAcrossImports() {
		String task = createTask("总数");
		String other = createTask("另一个任务");
		assertThat(api.post(userPath("/blacklist"), Map.of("phones", List.of("13900000009"))).status()).isEqualTo(200);
		assertCounts(importPhones(task, "13900000001", "13900000002", "13900000003"), 3, 0, 0);
		assertCounts(importPhones(task, "13900000003", "13900000004", "13900000009", "12"), 2, 1, 1);
		importPhones(other, "13900000001");
		assertInvalid(importCsv(task, "phone,name\n13900000005,a\n13900000006\n"), "body");

		JsonNode all = numbers(task, "?per_page=2&page=3");
		assertThat(all.get("meta").get("total").intValue()).as("4 pending and 1 filtered, nothing of the failed import")
			.isEqualTo(5);
		assertThat(all.get("data")).hasSize(1);
		assertThat(all.get("data").get(0).get("phone").stringValue()).isEqualTo("13900000009");
		assertThat(numbers(task, "?status=filtered").get("meta").get("total").intValue()).isEqualTo(1);
		assertThat(numbers(task, "?status=pending").get("meta").get("total").intValue()).isEqualTo(4);
		assertThat(numbers(other, "").get("meta").get("total").intValue()).isEqualTo(1);
		assertThat(numbers(createTask("还没有号码"), "").get("meta").get("total").intValue()).isZero();
	}

	@Test
	void tasksOfOthersAndDeletedTasksAre404() {
		String task = createTask("私有任务");
		String otherUser = newUser(api);
		String foreignPath = "/agent-api/new/user/" + otherUser + "/task/" + task + "/number";
		assertError(api.post(foreignPath, Map.of("numbers", List.of(Map.of("phone", "13800000001")))), 404);
		assertError(api.get(foreignPath), 404);
		ApiClient other = newAgentClient();
		assertError(other.post(numberPath(task), Map.of("numbers", List.of(Map.of("phone", "13800000001")))), 404);
		assertError(other.get(numberPath(task)), 404);
		assertError(api.post(userPath("/task/not-a-uuid/number"), Map.of("numbers", List.of())), 404);
		assertError(api.raw("POST", userPath("/task/" + java.util.UUID.randomUUID() + "/number"), "text/csv",
				"phone\n13800000001\n"), 404);
		assertThat(numbers(task, "").get("meta").get("total").intValue()).isZero();

		assertThat(api.delete(userPath("/task/" + task)).status()).isEqualTo(200);
		assertError(importJson(task, Map.of("numbers", List.of(Map.of("phone", "13800000001")))), 404);
		assertError(importCsv(task, "phone\n13800000001\n"), 404);
		assertError(api.get(numberPath(task)), 404);
	}

}
