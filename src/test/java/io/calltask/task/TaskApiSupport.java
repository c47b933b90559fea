package io.calltask.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Shortcuts for the task tests: create things through the API and read them back. */
abstract class TaskApiSupport extends ApiIntegrationTest {

	protected JsonNode createTask(Map<String, ?> body) {
		ApiClient.Response r = api.post(userPath("/task"), body);
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data();
	}

	protected JsonNode createTask(String name) {
		return createTask(Map.of("name", name));
	}

	protected String createLine(String name, int limit) {
		ApiClient.Response r = api.post(userPath("/line"), Map.of("name", name, "gateway", "gw_" + limit, "node_id",
				"2533f3f6-7ac1-4b55-b1de-7d308ce00d89", "cps", 10, "limit", limit, "caller_number", "20000"));
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data().get("line_id").stringValue();
	}

	protected long createGroup(String name) {
		ApiClient.Response r = api.post(userPath("/group"), Map.of("name", name));
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data().get("id").longValue();
	}

	protected JsonNode list(String query) {
		ApiClient.Response r = api.get(userPath("/task" + query));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.json();
	}

	protected List<String> names(String query) {
		return list(query).get("data").valueStream().map(t -> t.get("name").stringValue()).toList();
	}

	protected long total(String query) {
		return list(query).get("meta").get("total").longValue();
	}

	protected JsonNode get(String taskId) {
		ApiClient.Response r = api.get(userPath("/task/" + taskId + "/edit"));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.data();
	}

	protected static Map<String, Object> body(Object... keyValues) {
		Map<String, Object> body = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			body.put((String) keyValues[i], keyValues[i + 1]);
		}
		return body;
	}

	/** The seed document's ten local work-hour entries. */
	protected static List<Map<String, Object>> seedWorkHours() {
		return List.of(hour(1, "03:00", "19:00"), hour(1, "20:00", "23:30"), hour(2, "03:00", "19:00"),
				hour(3, "03:00", "19:00"), hour(3, "20:00", "23:30"), hour(4, "03:00", "19:00"),
				hour(4, "20:00", "23:30"), hour(5, "03:00", "19:00"), hour(6, "03:00", "19:00"),
				hour(0, "03:00", "19:00"));
	}

	protected static Map<String, Object> hour(int wday, String begin, String end) {
		return body("wday", wday, "begin", begin, "end", end);
	}

}
