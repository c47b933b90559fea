package io.calltask.schedule;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class TimeGroupApiIntegrationTests extends ApiIntegrationTest {

	private static Map<String, Object> hour(int wday, String begin, String end) {
		return Map.of("wday", wday, "begin", begin, "end", end);
	}

	@Test
	void createUpdateHalvesAndDelete() {
		JsonNode group = api.post(userPath("/dial-time"), Map.of("name", "早班", "work_week", List.of(1, 2),
				"work_hour", List.of(hour(1, "9:00", "12:00"), hour(2, "09:00", "24:00")))).data();
		assertThat(group.get("work_hour").get(0).toString()).isEqualTo("{\"end\":\"12:00\",\"wday\":1,\"begin\":\"09:00\"}");
		assertThat(group.get("work_hour").get(1).get("end").stringValue()).isEqualTo("24:00");
		long id = group.get("id").longValue();

		JsonNode renamed = api.put(userPath("/dial-time/" + id), Map.of("name", "早班2")).data();
		assertThat(renamed.get("work_week")).isEqualTo(group.get("work_week"));
		JsonNode week = api.put(userPath("/dial-time/" + id), Map.of("work_week", List.of(2))).data();
		assertThat(week.get("work_week").toString()).isEqualTo("[2]");
		assertThat(week.get("work_hour").size()).isEqualTo(2);

		assertThat(api.get(userPath("/dial-time")).json().get("meta").get("total").intValue()).isEqualTo(1);
		assertThat(api.delete(userPath("/dial-time/" + id)).status()).isEqualTo(200);
		assertError(api.get(userPath("/dial-time/" + id)), 404);
	}

	@Test
	void badSchedulesAreRefusedWithTheEntryNamed() {
		assertInvalid(api.post(userPath("/dial-time"), Map.of("name", "x", "work_hour", List.of())), "work_week");
		assertInvalid(api.post(userPath("/dial-time"), Map.of("name", "x", "work_week", List.of(1))), "work_hour");
		assertInvalid(api.post(userPath("/dial-time"), Map.of("name", "x", "work_week", List.of(1, 1), "work_hour",
				List.of())), "work_week");
		var r = api.post(userPath("/dial-time"), Map.of("name", "x", "work_week", List.of(1), "work_hour",
				List.of(hour(1, "09:00", "10:00"), hour(1, "25:00", "26:00"))));
		assertInvalid(r, "work_hour");
		assertThat(r.errorsOf("work_hour")).contains("第 2 项");
		assertInvalid(api.post(userPath("/dial-time"), Map.of("name", "x", "work_week", List.of(1), "work_hour",
				List.of(hour(1, "12:00", "09:00")))), "work_hour");
		assertInvalid(api.post(userPath("/dial-time"), Map.of("name", "x", "work_week", List.of("1"), "work_hour",
				List.of())), "work_week");
		assertInvalid(api.post(userPath("/dial-time"), Map.of("name", "x", "work_week", List.of(1), "work_hour",
				List.of(Map.of("wday", "1", "begin", "09:00", "end", "10:00")))), "work_hour");
		assertThat(api.get(userPath("/dial-time")).json().get("meta").get("total").intValue()).isZero();
		assertError(newAgentClient().get(userPath("/dial-time")), 404);
	}

}
