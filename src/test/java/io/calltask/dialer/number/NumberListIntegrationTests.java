package io.calltask.dialer.number;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import io.calltask.task.NumberMoves;
import io.calltask.task.TaskRuntime;

import static org.assertj.core.api.Assertions.assertThat;

class NumberListIntegrationTests extends NumberApiSupport {

	@Autowired
	private TaskRuntime runtime;

	@Autowired
	JdbcClient jdbc;

	@Test
	void numbersPageInImportOrder() {
		String task = createTask("分页");
		importPhones(task, "13800000001", "13800000002", "13800000003", "13800000004", "13800000005");

		JsonNode page2 = numbers(task, "?page=2&per_page=2");
		assertThat(page2.get("meta").get("total").intValue()).isEqualTo(5);
		assertThat(page2.get("meta").get("last_page").intValue()).isEqualTo(3);
		assertThat(page2.get("meta").get("current_page").intValue()).isEqualTo(2);
		assertThat(page2.get("meta").get("per_page").stringValue()).isEqualTo("2");
		assertThat(page2.get("data").valueStream().map(n -> n.get("phone").stringValue()))
			.containsExactly("13800000003", "13800000004");
		assertThat(numbers(task, "?page=4&per_page=2").get("data")).isEmpty();
		assertThat(numbers(task, "").get("meta").get("per_page").stringValue()).isEqualTo("15");
	}

	@Test
	void statusFilterTakesTheFiveWordsAndClaimedShowsAsPending() {
		String task = createTask("状态");
		api.post(userPath("/blacklist"), Map.of("phones", List.of("13800000005")));
		importPhones(task, "13800000001", "13800000002", "13800000003", "13800000004", "13800000005",
				"13800000006");
		// what the engine will do to numbers: claim, call, finish
		setStatus(task, "13800000002", "claimed", 0, null);
		setStatus(task, "13800000003", "calling", 1, null);
		setStatus(task, "13800000004", "called", 1, "NORMAL_CLEARING");
		setStatus(task, "13800000006", "failed", 3, "NO_ANSWER");

		assertThat(phones(task, "pending")).containsExactly("13800000001", "13800000002");
		assertThat(phones(task, "calling")).containsExactly("13800000003");
		assertThat(phones(task, "called")).containsExactly("13800000004");
		assertThat(phones(task, "failed")).containsExactly("13800000006");
		assertThat(phones(task, "filtered")).containsExactly("13800000005");
		assertThat(numbers(task, "?status=").get("meta").get("total").intValue()).isEqualTo(6);

		JsonNode all = numbers(task, "").get("data");
		assertThat(all.get(1).get("status").stringValue()).isEqualTo("pending");
		assertThat(all.get(5).get("attempts").intValue()).isEqualTo(3);
		assertThat(all.get(5).get("last_hangup_cause").stringValue()).isEqualTo("NO_ANSWER");

		for (String bad : List.of("claimed", "PENDING", "1", "pending,called", "done")) {
			assertInvalid(api.get(numberPath(task) + "?status=" + bad), "status");
		}
		assertInvalid(api.get(numberPath(task) + "?per_page=1001"), "per_page");
		assertInvalid(api.get(numberPath(task) + "?page=0"), "page");
	}

	private List<String> phones(String task, String status) {
		return numbers(task, "?status=" + status).get("data").valueStream().map(n -> n.get("phone").stringValue())
			.toList();
	}

	/** Moves a pending number as the engine would: its row, and the task's counts of finished numbers. */
	private void setStatus(String task, String phone, String status, int attempts, String cause) {
		jdbc.sql("UPDATE task_number SET status = ?, attempts = ?, last_hangup_cause = ? WHERE phone = ? AND "
				+ "task_id = (SELECT id FROM task WHERE uuid = ?)")
			.params(status, attempts, cause, phone, UUID.fromString(task))
			.update();
		long taskId = jdbc.sql("SELECT id FROM task WHERE uuid = ?").param(UUID.fromString(task)).query(Long.class).single();
		switch (status) {
			case "called" -> runtime.addNumbers(taskId, UUID.fromString(userId), new NumberMoves(-1, 1, 0, 0));
			case "failed" -> runtime.addNumbers(taskId, UUID.fromString(userId), new NumberMoves(-1, 0, 1, 0));
			default -> {
				// claimed and calling numbers are still open
			}
		}
	}

}
