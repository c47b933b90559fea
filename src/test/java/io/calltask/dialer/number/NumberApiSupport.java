package io.calltask.dialer.number;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Shortcuts for the number, blacklist and call tests: tasks, imports and what the user sees of them. */
public abstract class NumberApiSupport extends ApiIntegrationTest {

	protected String createTask(String name) {
		ApiClient.Response r = api.post(userPath("/task"), Map.of("name", name));
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data().get("uuid").stringValue();
	}

	protected String numberPath(String taskId) {
		return userPath("/task/" + taskId + "/number");
	}

	protected ApiClient.Response importJson(String taskId, Object body) {
		return api.post(numberPath(taskId), body);
	}

	protected ApiClient.Response importCsv(String taskId, String csv) {
		return api.raw("POST", numberPath(taskId), "text/csv", csv);
	}

	/** Imports phones (no variables) and checks it answered 200. */
	protected JsonNode importPhones(String taskId, String... phones) {
		List<Map<String, Object>> numbers = new ArrayList<>();
		for (String phone : phones) {
			numbers.add(Map.of("phone", phone));
		}
		ApiClient.Response r = importJson(taskId, Map.of("numbers", numbers));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.data();
	}

	/** {@code new_task_extra.number_count} of the task as the task API shows it. */
	protected long numberCount(String taskId) {
		ApiClient.Response r = api.get(userPath("/task/" + taskId));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.data().get("new_task_extra").get("number_count").longValue();
	}

	protected JsonNode numbers(String taskId, String query) {
		ApiClient.Response r = api.get(numberPath(taskId) + query);
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.json();
	}

	/** phone → status of every number of the task, in import order. */
	protected Map<String, String> statuses(String taskId) {
		Map<String, String> statuses = new LinkedHashMap<>();
		numbers(taskId, "?per_page=1000").get("data")
			.forEach(n -> statuses.put(n.get("phone").stringValue(), n.get("status").stringValue()));
		return statuses;
	}

	protected static void assertCounts(JsonNode result, long accepted, long duplicate, long invalid) {
		assertThat(result.get("accepted").longValue()).as(result.toString()).isEqualTo(accepted);
		assertThat(result.get("duplicate").longValue()).as(result.toString()).isEqualTo(duplicate);
		assertThat(result.get("invalid").longValue()).as(result.toString()).isEqualTo(invalid);
		assertThat(result.get("invalid_rows").size()).as(result.toString()).isEqualTo((int) Math.min(invalid, 1000));
	}

}
