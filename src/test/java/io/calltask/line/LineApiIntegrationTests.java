package io.calltask.line;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class LineApiIntegrationTests extends ApiIntegrationTest {

	private Map<String, Object> line(String name) {
		return Map.of("name", name, "gateway", "trunk_1", "node_id", "fs-node.1", "cps", 20, "limit", 30,
				"caller_number", "+8610000");
	}

	@Test
	void createReadListUpdateDelete() {
		ApiClient.Response created = api.post(userPath("/line"), line("线路A"));
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		JsonNode l = created.data();
		String id = l.get("line_id").stringValue();
		assertThat(l.get("limit").intValue()).isEqualTo(30);
		assertThat(l.get("caller_number").stringValue()).isEqualTo("+8610000");
		api.post(userPath("/line"), line("线路B"));

		JsonNode list = api.get(userPath("/line?per_page=1")).json();
		assertThat(list.get("meta").get("total").intValue()).isEqualTo(2);
		assertThat(list.get("meta").get("per_page").stringValue()).isEqualTo("1");
		assertThat(list.get("data").get(0).get("name").stringValue()).isEqualTo("线路B");

		JsonNode updated = api.put(userPath("/line/" + id), Map.of("cps", 5)).data();
		assertThat(updated.get("cps").intValue()).isEqualTo(5);
		assertThat(updated.get("name").stringValue()).isEqualTo("线路A");
		assertThat(updated.get("gateway").stringValue()).isEqualTo("trunk_1");
		assertThat(api.get(userPath("/line/" + id)).data()).isEqualTo(updated);

		assertThat(api.delete(userPath("/line/" + id)).status()).isEqualTo(200);
		assertError(api.get(userPath("/line/" + id)), 404);
		assertError(api.delete(userPath("/line/" + id)), 404);
	}

	@Test
	void badLinesAreRefusedAndNothingIsStored() {
		assertInvalid(api.post(userPath("/line"), Map.of("gateway", "g", "node_id", "n")), "name");
		assertInvalid(api.post(userPath("/line"), Map.of("name", "x".repeat(5000), "gateway", "g", "node_id", "n")),
				"name");
		for (String gateway : List.of("bad gateway", "a,b", "gw}{x", "gw'1", "gw\nx", "")) {
			assertInvalid(api.post(userPath("/line"), Map.of("name", "n", "gateway", gateway, "node_id", "n")),
					"gateway");
		}
		assertInvalid(api.post(userPath("/line"), Map.of("name", "n", "gateway", "g", "node_id", "n/1")), "node_id");
		assertInvalid(api.post(userPath("/line"), Map.of("name", "n", "gateway", "g", "node_id", "n", "cps", 0)), "cps");
		assertInvalid(api.post(userPath("/line"), Map.of("name", "n", "gateway", "g", "node_id", "n", "limit", "10")),
				"limit");
		assertInvalid(api.post(userPath("/line"), Map.of("name", "n", "gateway", "g", "node_id", "n", "caller_number",
				"'; DROP TABLE line; --")), "caller_number");
		assertInvalid(api.raw("POST", userPath("/line"), "application/json", "not json"), "body");
		assertThat(api.get(userPath("/line")).json().get("meta").get("total").intValue()).isZero();

		String id = api.post(userPath("/line"), line("原线路")).data().get("line_id").stringValue();
		assertInvalid(api.put(userPath("/line/" + id), Map.of("name", "新名字", "limit", 0)), "limit");
		assertThat(api.get(userPath("/line/" + id)).data().get("name").stringValue()).isEqualTo("原线路");
	}

	@Test
	void linesOfOtherUsersAndAgentsAre404() {
		String id = api.post(userPath("/line"), line("私有线路")).data().get("line_id").stringValue();
		String otherUser = newUser(api);
		assertError(api.get("/agent-api/new/user/" + otherUser + "/line/" + id), 404);
		assertError(api.put("/agent-api/new/user/" + otherUser + "/line/" + id, Map.of("cps", 1)), 404);
		assertError(api.delete("/agent-api/new/user/" + otherUser + "/line/" + id), 404);
		assertError(newAgentClient().get(userPath("/line/" + id)), 404);
		assertError(api.get(userPath("/line/not-a-uuid")), 404);
		assertThat(api.get(userPath("/line/" + id)).data().get("cps").intValue()).isEqualTo(20);
	}

}
