package io.calltask.catalog;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogApiIntegrationTests extends ApiIntegrationTest {

	@Test
	void groupsKeepOneDefault() {
		long first = api.post(userPath("/group"), Map.of("name", "话术一", "default", true)).data().get("id").longValue();
		JsonNode second = api.post(userPath("/group"), Map.of("name", "话术二", "default", true)).data();
		assertThat(second.get("default").booleanValue()).isTrue();
		assertThat(api.get(userPath("/group/" + first)).data().get("default").booleanValue()).isFalse();
		api.put(userPath("/group/" + first), Map.of("default", true));
		assertThat(api.get(userPath("/group/" + second.get("id").longValue())).data().get("default").booleanValue())
			.isFalse();
		JsonNode list = api.get(userPath("/group")).json();
		assertThat(list.get("meta").get("total").intValue()).isEqualTo(2);
		assertThat(list.get("data").get(0).get("name").stringValue()).isEqualTo("话术二");
	}

	@Test
	void recycleRulesValidateCausesAndOutcomes() {
		ApiClient.Response created = api.post(userPath("/recycle-rule"), Map.of("name", "未接通重呼", "hangup_causes",
				List.of("NO_ANSWER", "USER_BUSY", "NO_ANSWER"), "call_statuses", List.of("no_answer", "busy"),
				"interval_minutes", 30, "max_times", 3, "first_call_first", true));
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		JsonNode rule = created.data();
		assertThat(rule.get("hangup_causes").toString()).isEqualTo("[\"NO_ANSWER\",\"USER_BUSY\"]");
		assertThat(rule.get("enable").booleanValue()).isTrue();
		assertThat(rule.get("first_call_first").booleanValue()).isTrue();
		String id = rule.get("id").stringValue();

		JsonNode updated = api.put(userPath("/recycle-rule/" + id), Map.of("max_times", 5)).data();
		assertThat(updated.get("max_times").intValue()).isEqualTo(5);
		assertThat(updated.get("interval_minutes").intValue()).isEqualTo(30);

		assertInvalid(api.post(userPath("/recycle-rule"), Map.of("name", "r", "hangup_causes", List.of("NOT_A_CAUSE"))),
				"hangup_causes");
		assertInvalid(api.post(userPath("/recycle-rule"), Map.of("name", "r", "call_statuses", List.of("maybe"))),
				"call_statuses");
		assertInvalid(api.post(userPath("/recycle-rule"), Map.of("name", "r", "call_statuses", "busy")),
				"call_statuses");
		assertInvalid(api.post(userPath("/recycle-rule"), Map.of("name", "r", "max_times", 21)), "max_times");
		assertInvalid(api.post(userPath("/recycle-rule"), Map.of("name", "r", "interval_minutes", -1)),
				"interval_minutes");
		assertInvalid(api.put(userPath("/recycle-rule/" + id), Map.of("name", "改名", "enable", "yes")), "enable");
		assertThat(api.get(userPath("/recycle-rule/" + id)).data().get("name").stringValue()).isEqualTo("未接通重呼");
		assertThat(api.get(userPath("/recycle-rule")).json().get("meta").get("total").intValue()).isEqualTo(1);
		assertError(api.get(userPath("/recycle-rule/12345")), 404);
	}

	@Test
	void llmIntentionLabelsAreGradesAToF() {
		JsonNode config = api.post(userPath("/llm-intention"), Map.of("name", "意向分级", "labels",
				Map.of("A", "明确有意向", "F", "拒绝"))).data();
		assertThat(config.get("labels").get("A").stringValue()).isEqualTo("明确有意向");
		assertInvalid(api.post(userPath("/llm-intention"), Map.of("name", "x", "labels", Map.of("G", "?"))), "labels");
		assertInvalid(api.post(userPath("/llm-intention"), Map.of("name", "x", "labels", Map.of())), "labels");
		assertInvalid(api.post(userPath("/llm-intention"), Map.of("name", "x")), "labels");
		assertInvalid(api.post(userPath("/llm-intention"), Map.of("name", "x", "labels", Map.of("A", 1))), "labels");
		assertThat(api.get(userPath("/llm-intention")).json().get("meta").get("total").intValue()).isEqualTo(1);
	}

	@Test
	void backgroundsNeedHttpUrls() {
		JsonNode background = api.post(userPath("/background"), Map.of("name", "咖啡厅", "url",
				"https://cdn.example.com/cafe.wav")).data();
		assertThat(background.get("url").stringValue()).isEqualTo("https://cdn.example.com/cafe.wav");
		for (String url : List.of("javascript:alert(1)", "ftp://x/y.wav", "file:///etc/passwd", "//cdn/x.wav",
				"not a url")) {
			assertInvalid(api.post(userPath("/background"), Map.of("name", "b", "url", url)), "url");
		}
		long id = background.get("id").longValue();
		assertInvalid(api.put(userPath("/background/" + id), Map.of("url", "javascript:x")), "url");
		assertThat(api.get(userPath("/background/" + id)).data().get("url").stringValue()).endsWith("cafe.wav");
	}

	@Test
	void itemsOfOtherUsersAndAgentsAre404() {
		long group = api.post(userPath("/group"), Map.of("name", "私有话术")).data().get("id").longValue();
		String otherUser = newUser(api);
		assertError(api.get("/agent-api/new/user/" + otherUser + "/group/" + group), 404);
		assertError(api.delete("/agent-api/new/user/" + otherUser + "/group/" + group), 404);
		assertError(newAgentClient().get(userPath("/group/" + group)), 404);
		assertError(api.get(userPath("/group/abc")), 404);
		assertThat(api.get(userPath("/group/" + group)).status()).isEqualTo(200);
	}

}
