package io.calltask.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task that dials at once, as the tests of real service processes make it through the API: a
 * default 话术组, one line, the task enabled all week round the clock on that line, and its numbers.
 */
public final class DialingTask {

	private DialingTask() {
	}

	/**
	 * Creates it for {@code user}; {@code line} and {@code task} are the fields of each beyond those
	 * given here. Answers the task's uuid.
	 */
	public static String create(ApiClient api, String user, Map<String, Object> line, Map<String, Object> task,
			List<String> phones) {
		String base = "/agent-api/new/user/" + user;
		ApiClient.Response g = api.post(base + "/group", Map.of("name", "话术", "default", true));
		assertThat(g.status()).as(g.text()).isEqualTo(201);
		ApiClient.Response l = api.post(base + "/line", line);
		assertThat(l.status()).as(l.text()).isEqualTo(201);
		List<Map<String, Object>> hours = new ArrayList<>();
		for (int d = 0; d < 7; d++) {
			hours.add(Map.of("wday", d, "begin", "00:00", "end", "24:00"));
		}
		Map<String, Object> body = new LinkedHashMap<>(task);
		body.put("enable", true);
		body.put("work_week", List.of(0, 1, 2, 3, 4, 5, 6));
		body.put("work_hour", hours);
		body.put("line", List.of(l.data().get("line_id").stringValue()));
		ApiClient.Response t = api.post(base + "/task", body);
		assertThat(t.status()).as(t.text()).isEqualTo(201);
		String uuid = t.data().get("uuid").stringValue();
		List<Map<String, Object>> numbers = phones.stream().<Map<String, Object>>map(p -> Map.of("phone", p)).toList();
		ApiClient.Response n = api.post(base + "/task/" + uuid + "/number", Map.of("numbers", numbers));
		assertThat(n.status()).as(n.text()).isEqualTo(200);
		return uuid;
	}

}
