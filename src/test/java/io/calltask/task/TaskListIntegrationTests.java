package io.calltask.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec 2.1: the list, its filters, order, meta and item shape. */
class TaskListIntegrationTests extends TaskApiSupport {

	@Autowired
	JdbcClient jdbc;

	@Test
	void metaFollowsTheSeedIncludingPerPageAsAString() {
		for (int i = 0; i < 31; i++) {
			createTask("任务" + i);
		}
		JsonNode page = list("?per_page=1");
		assertThat(page.get("code").intValue()).isEqualTo(200);
		assertThat(page.get("status").stringValue()).isEqualTo("success");
		assertThat(page.get("message").stringValue()).isEqualTo("返回任务列表信息成功");
		JsonNode meta = page.get("meta");
		assertThat(meta.get("has_pages").booleanValue()).isTrue();
		assertThat(meta.get("total").intValue()).isEqualTo(31);
		assertThat(meta.get("last_page").intValue()).isEqualTo(31);
		assertThat(meta.get("current_page").intValue()).isEqualTo(1);
		assertThat(meta.get("per_page").isString()).isTrue();
		assertThat(meta.get("per_page").stringValue()).isEqualTo("1");
		assertThat(page.get("data").size()).isEqualTo(1);

		JsonNode defaults = list("");
		assertThat(defaults.get("meta").get("per_page").stringValue()).isEqualTo("15");
		assertThat(defaults.get("meta").get("last_page").intValue()).isEqualTo(3);
		assertThat(defaults.get("data").size()).isEqualTo(15);
		assertThat(list("?page=3").get("data").size()).isEqualTo(1);
	}

	@Test
	void aLargePageArrivesWhole() {
		for (int i = 0; i < 40; i++) {
			createTask("缓冲任务" + i);
		}
		ApiClient.Response small = api.get(userPath("/task"));
		assertThat(small.status()).isEqualTo(200);
		assertThat(small.contentType()).isEqualTo("application/json");
		assertThat(small.json().get("data").size()).isEqualTo(15);
		// 40 items are larger than 64 KiB, many times the server's buffers: one complete, parseable answer.
		ApiClient.Response large = api.get(userPath("/task?per_page=40"));
		assertThat(large.text().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(65536);
		assertThat(large.json().get("data").size()).isEqualTo(40);
		assertThat(large.json().get("data").get(39).get("name").stringValue()).isEqualTo("缓冲任务0");
	}

	@Test
	void pagePastTheEndIsEmptyWithTheRealTotal() {
		createTask("唯一任务");
		JsonNode page = list("?page=99&per_page=15");
		assertThat(page.get("data").isArray()).isTrue();
		assertThat(page.get("data").size()).isZero();
		assertThat(page.get("meta").get("total").intValue()).isEqualTo(1);
		assertThat(page.get("meta").get("current_page").intValue()).isEqualTo(99);
		assertThat(page.get("meta").get("last_page").intValue()).isEqualTo(1);
		assertThat(page.get("meta").get("has_pages").booleanValue()).isFalse();
	}

	@Test
	void emptyListHasOneLastPage() {
		JsonNode page = list("");
		assertThat(page.get("data").size()).isZero();
		assertThat(page.get("meta").get("total").intValue()).isZero();
		assertThat(page.get("meta").get("last_page").intValue()).isEqualTo(1);
	}

	@Test
	void badPagingIs422() {
		assertInvalid(api.get(userPath("/task?page=0")), "page");
		assertInvalid(api.get(userPath("/task?page=abc")), "page");
		assertInvalid(api.get(userPath("/task?per_page=0")), "per_page");
		assertInvalid(api.get(userPath("/task?per_page=1001")), "per_page");
		assertInvalid(api.get(userPath("/task?per_page=99999999999999999999")), "per_page");
		assertThat(list("?per_page=1000").get("meta").get("per_page").stringValue()).isEqualTo("1000");
	}

	@Test
	void orderIsTopThenSortThenNewest() {
		createTask("A");
		createTask("B");
		createTask(body("name", "C", "sort", 100));
		createTask(body("name", "D", "is_top", 1, "sort", -5));
		createTask(body("name", "E", "sort", 2));
		assertThat(names("")).containsExactly("D", "C", "E", "B", "A");
		assertThat(get(createTask("F").get("uuid").stringValue()).get("sort").intValue()).isEqualTo(101);
	}

	/**
	 * Walking every page gives the full list in order, at any page size and filter, also right
	 * after writes that reorder it (deep pages seek from cached anchors; the test profile places
	 * one every 10 tasks).
	 */
	@Test
	void everyPageSizeWalksTheWholeListInOrderAcrossWrites() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 47; i++) {
			ids.add(createTask(body("name", "t" + i, "sort", i % 7, "is_top", i % 11 == 0 ? 1 : 0, "enable", i % 3 == 0))
				.get("uuid")
				.stringValue());
		}
		assertPagesMatchTheWholeList();
		api.put(userPath("/task/" + ids.get(5)), Map.of("sort", 100));
		api.put(userPath("/task/" + ids.get(0)), Map.of("is_top", 0));
		api.post(userPath("/task/" + ids.get(1) + "/start"), Map.of());
		api.delete(userPath("/task/" + ids.get(30)));
		createTask(body("name", "late", "sort", 3));
		assertPagesMatchTheWholeList();
		// Top tasks first by their sort (i % 7), then t5, moved to sort 100.
		assertThat(names("?per_page=1000").subList(0, 5)).containsExactly("t33", "t11", "t44", "t22", "t5");
	}

	private void assertPagesMatchTheWholeList() {
		for (String status : List.of("", "&status=1", "&status=3")) {
			List<String> all = names("?per_page=1000" + status);
			for (int perPage : List.of(1, 3, 7, 10, 25)) {
				List<String> walked = new ArrayList<>();
				for (int page = 1; page <= (all.size() + perPage - 1) / perPage; page++) {
					walked.addAll(names("?per_page=" + perPage + "&page=" + page + status));
				}
				assertThat(walked).as("per_page " + perPage + status).isEqualTo(all);
			}
		}
	}

	@Test
	void statusFiltersInEverySyntax() {
		String running = createTask(body("name", "运行中", "enable", true)).get("uuid").stringValue();
		createTask(body("name", "等待中", "enable", true));
		createTask(body("name", "已暂停"));

		assertThat(names("?status=1")).containsExactly("已暂停");
		assertThat(names("?status=3")).containsExactlyInAnyOrder("运行中", "等待中");
		assertThat(names("?status=2")).isEmpty();
		assertThat(total("?status=1")).isEqualTo(1);
		assertThat(total("?status=3")).isEqualTo(2);
		for (String both : List.of("?status%5B%5D=1&status%5B%5D=3", "?status=1&status=3", "?status=1,3",
				"?status=1%2C3", "?status%5B%5D=1,3")) {
			assertThat(names(both)).as(both).hasSize(3);
			assertThat(total(both)).as(both).isEqualTo(3);
		}

		// The dialer marks one enabled task as dialing: it alone is status 2, and still within 3.
		markDialing(running);
		assertThat(names("?status=2")).containsExactly("运行中");
		assertThat(total("?status=2")).isEqualTo(1);
		assertThat(names("?status=3")).hasSize(2);
		assertThat(names("?status=1,2")).containsExactlyInAnyOrder("运行中", "已暂停");
		assertThat(total("?status=1,2")).isEqualTo(2);
		JsonNode dialing = get(running);
		assertThat(dialing.get("status").intValue()).isEqualTo(2);
		assertThat(dialing.get("status_str").stringValue()).isEqualTo("拨打中");
		assertThat(dialing.get("new_task_extra").get("call_status").booleanValue()).isTrue();

		// Paused, it is status 1 whatever the dialer last said.
		api.post(userPath("/task/" + running + "/pause"), Map.of());
		assertThat(get(running).get("status").intValue()).isEqualTo(1);
		assertThat(get(running).get("status_str").stringValue()).isEqualTo("停止");
		assertThat(names("?status=2")).isEmpty();
	}

	@Test
	void unknownStatusValuesAre422() {
		for (String bad : List.of("?status=4", "?status=0", "?status=abc", "?status=1,5", "?status%5B%5D=x",
				"?status=-1")) {
			assertInvalid(api.get(userPath("/task" + bad)), "status");
		}
		assertThat(list("?status=").get("code").intValue()).isEqualTo(200);
	}

	@Test
	void nameIsACaseInsensitiveSubstringWithLikeCharactersLiteral() {
		createTask("外呼任务-十一月");
		createTask("外呼任务-十二月");
		createTask("Promo ABC");
		createTask("100% 完成");
		createTask("1000 完成");
		createTask("a_b");
		createTask("axb");
		createTask("path\\to");
		createTask("pathto");

		assertThat(names("?name=" + enc("外呼任务"))).containsExactlyInAnyOrder("外呼任务-十一月", "外呼任务-十二月");
		assertThat(names("?name=" + enc("十二"))).containsExactly("外呼任务-十二月");
		assertThat(names("?name=abc")).containsExactly("Promo ABC");
		assertThat(names("?name=" + enc("%"))).containsExactly("100% 完成");
		assertThat(names("?name=" + enc("0%"))).containsExactly("100% 完成");
		assertThat(names("?name=" + enc("_"))).containsExactly("a_b");
		assertThat(names("?name=" + enc("\\"))).containsExactly("path\\to");
		assertThat(total("?name=" + enc("完成"))).isEqualTo(2);
		assertThat(names("?name=" + enc("不存在"))).isEmpty();
		assertThat(total("?name=" + enc("任务") + "&status=3")).isZero();
		assertInvalid(api.get(userPath("/task?name=" + "x".repeat(101))), "name");
	}

	@Test
	void aSearchsTotalFollowsRenamesAndDeletes() {
		String a = createTask("春季回访").get("uuid").stringValue();
		createTask("秋季回访");
		assertThat(total("?name=" + enc("回访"))).isEqualTo(2);
		assertThat(total("?name=" + enc("回访") + "&page=5")).isEqualTo(2);
		String c = createTask("其他").get("uuid").stringValue();
		api.put(userPath("/task/" + c), Map.of("name", "冬季回访"));
		assertThat(total("?name=" + enc("回访"))).isEqualTo(3);
		api.delete(userPath("/task/" + a));
		assertThat(total("?name=" + enc("回访"))).isEqualTo(2);
		assertThat(names("?name=" + enc("回访"))).containsExactly("冬季回访", "秋季回访");
		api.post(userPath("/task/" + c + "/start"), Map.of());
		assertThat(total("?name=" + enc("回访") + "&status=3")).isEqualTo(1);
		assertThat(total("?name=" + enc("回访") + "&status=1")).isEqualTo(1);
	}

	@Test
	void hostileNamesAreStoredAndFoundLiterally() {
		String sql = "'; DROP TABLE task; --";
		String jsonish = "{\"enable\":true}";
		createTask(sql);
		createTask(jsonish);
		assertThat(names("?name=" + enc("DROP TABLE"))).containsExactly(sql);
		assertThat(names("?name=" + enc("\"enable\""))).containsExactly(jsonish);
		assertThat(total("")).isEqualTo(2);
	}

	@Test
	void softDeletedTasksNeverAppear() {
		String gone = createTask(body("name", "删除我", "enable", true)).get("uuid").stringValue();
		createTask("保留");
		assertThat(api.delete(userPath("/task/" + gone)).status()).isEqualTo(200);
		assertThat(names("")).containsExactly("保留");
		assertThat(total("")).isEqualTo(1);
		assertThat(total("?status=3")).isZero();
		assertThat(names("?name=" + enc("删除"))).isEmpty();
	}

	@Test
	void listShowsOnlyTheUsersOwnTasks() {
		createTask("我的任务");
		String otherUser = newUser(api);
		ApiClient.Response theirs = api.get("/agent-api/new/user/" + otherUser + "/task");
		assertThat(theirs.json().get("meta").get("total").intValue()).isZero();
		ApiClient stranger = newAgentClient();
		assertError(stranger.get(userPath("/task")), 404);
	}

	/** Items are copied from the last time they were written only while nothing they show has changed. */
	@Test
	void aRepeatedPageShowsEveryChangeToWhatItsItemsShow() {
		String lineId = createLine("线路甲", 10);
		long group = createGroup("话术甲");
		String taskId = createTask(body("name", "重复的页", "line", List.of(lineId), "destination_extension",
				Long.toString(group))).get("uuid").stringValue();
		JsonNode first = list("").get("data").get(0);
		assertThat(list("").get("data").get(0)).as("the same rows, the same item").isEqualTo(first);

		api.put(userPath("/line/" + lineId), Map.of("name", "线路乙"));
		api.put(userPath("/group/" + group), Map.of("name", "话术乙"));
		writeLineStats(taskId, lineId);
		JsonNode changed = list("").get("data").get(0);
		assertThat(changed.get("group").get("name").stringValue()).isEqualTo("话术乙");
		JsonNode stats = changed.get("new_task_extra").get("call_info").get(lineId);
		assertThat(stats.get("line_name").stringValue()).isEqualTo("线路乙");
		assertThat(stats.get("dialed_number_total").longValue()).isEqualTo(2);

		jdbc.sql("UPDATE task_line_stats SET dialed_number_total = 3 WHERE line_id = ?").param(UUID.fromString(lineId))
			.update();
		assertThat(list("").get("data").get(0).get("new_task_extra").get("call_info").get(lineId)
			.get("dialed_number_total").longValue()).as("the dialer's statistics move").isEqualTo(3);
		api.put(userPath("/task/" + taskId), Map.of("name", "改名"));
		assertThat(list("").get("data").get(0).get("name").stringValue()).isEqualTo("改名");
	}

	/** Every key of the seed's example item, with the seed's JSON type wherever the seed shows a value. */
	@Test
	void itemsCarryEveryKeyOfTheSeedWithItsJsonTypes() throws IOException {
		JsonNode seed = seedExample().get("data").get(0);
		String lineId = createLine("测试站ip对接线路", 10);
		long group = createGroup("测试模型");
		String taskId = createTask(body("name", "测试api接口创建-222", "maximumcall", 1, "cps", 1, "line",
				List.of(lineId), "destination_extension", Long.toString(group), "originate_variables",
				"{execute_on_media=start_da}", "_origination_caller_id_number", "20000", "start_time",
				"2024-11-01 13:25:26", "stop_time", "2025-11-01 13:25:26", "work_week", List.of(1, 2, 3, 4, 5, 6, 0),
				"work_hour", seedWorkHours()))
			.get("uuid")
			.stringValue();
		writeLineStats(taskId, lineId);

		JsonNode item = list("").get("data").get(0);
		assertSameShape("", seed, item);
		for (String documented : List.of("caller_line_id", "call_notify_url", "call_stop_notify_url", "is_call_in")) {
			assertThat(item.has(documented)).as(documented).isTrue();
		}
		assertThat(item.get("destination_extension").stringValue()).isEqualTo(Long.toString(group));
		assertThat(item.get("group").get("id").longValue()).isEqualTo(group);
		assertThat(item.get("group").get("name").stringValue()).isEqualTo("测试模型");
		assertThat(item.get("new_task_extra").get("work_hour"))
			.isEqualTo(seed.get("new_task_extra").get("work_hour"));
		assertThat(item.get("task_extras").get("work_hour")).isEqualTo(seed.get("task_extras").get("work_hour"));
		assertThat(item.get("task_extras").get("start_time").stringValue()).isEqualTo("2024-11-01 13:25:26");

		JsonNode info = item.get("new_task_extra").get("call_info").get(lineId);
		assertSameShape("call_info", seed.get("new_task_extra").get("call_info").values().iterator().next(), info);
		assertThat(info.get("line_name").stringValue()).isEqualTo("测试站ip对接线路");
		assertThat(info.get("task_id").stringValue()).isEqualTo(taskId);
		assertThat(info.get("dialed_number_total").intValue()).isEqualTo(2);
		assertThat(info.get("bill").intValue()).isEqualTo(8000);
	}

	@Test
	void aTaskTheDialerNeverRanReadsAsNeverRun() {
		JsonNode task = createTask(body("name", "新任务", "enable", true));
		JsonNode remote = task.get("new_task_extra");
		assertThat(remote.get("call_status").booleanValue()).isFalse();
		assertThat(remote.get("call_info").isObject()).isTrue();
		assertThat(remote.get("call_info").size()).isZero();
		assertThat(remote.get("number_count").intValue()).isZero();
		assertThat(remote.get("enable").intValue()).isEqualTo(1);
		assertThat(task.get("cache_number_count").intValue()).isZero();
		assertThat(task.get("status").intValue()).isEqualTo(3);
		assertThat(task.get("status_str").stringValue()).isEqualTo("等待执行");
	}

	private static void assertSameShape(String path, JsonNode expected, JsonNode actual) {
		List<String> missing = new ArrayList<>();
		expected.propertyNames().forEach(key -> {
			if (!actual.has(key)) {
				missing.add(path + "." + key);
			}
		});
		assertThat(missing).as("keys of the seed missing from our item").isEmpty();
		expected.propertyStream().forEach(e -> {
			JsonNode want = e.getValue();
			JsonNode got = actual.get(e.getKey());
			String at = path + "." + e.getKey();
			if (want.isNull() || got.isNull()) {
				return;
			}
			if (e.getKey().equals("call_info") || e.getKey().equals("line") || e.getKey().equals("work_hour")) {
				assertThat(got.getNodeType()).as(at).isEqualTo(want.getNodeType());
				return;
			}
			if (want.isNumber()) {
				assertThat(got.isNumber()).as(at + " is a number: " + got).isTrue();
			}
			else {
				assertThat(got.getNodeType()).as(at + " = " + got).isEqualTo(want.getNodeType());
			}
			if (want.isObject()) {
				assertSameShape(at, want, got);
			}
		});
	}

	private void markDialing(String taskUuid) {
		jdbc.sql("INSERT INTO task_runtime (task_id, user_id, call_status, number_count, cache_number_count, updated_at) "
				+ "SELECT id, user_id, TRUE, 5, 2, CURRENT_TIMESTAMP FROM task WHERE uuid = ?")
			.param(UUID.fromString(taskUuid))
			.update();
	}

	private void writeLineStats(String taskUuid, String lineId) {
		jdbc.sql("INSERT INTO task_line_stats (task_id, line_id, call_status, dialed_number_total, answer_total, "
				+ "gateway_error_hangup_total, normal_hangup_total, bill, calling_count, answering_count, updated_at) "
				+ "SELECT id, ?, 1, 2, 1, 0, 2, 8000, 0, 0, CURRENT_TIMESTAMP FROM task WHERE uuid = ?")
			.params(UUID.fromString(lineId), UUID.fromString(taskUuid))
			.update();
	}

	private static JsonNode seedExample() throws IOException {
		try (InputStream in = TaskListIntegrationTests.class.getResourceAsStream("/seed/task-list-example.json")) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

	private static String enc(String text) {
		return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
	}

}
