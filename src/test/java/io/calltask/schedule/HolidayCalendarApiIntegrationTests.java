package io.calltask.schedule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /agent-api/holiday-calendar} and a task's {@code holiday_calendar_ids} (API.md section 10). */
class HolidayCalendarApiIntegrationTests extends ApiIntegrationTest {

	private static final String PATH = "/agent-api/holiday-calendar";

	private static Map<String, Object> holiday(String date) {
		return Map.of("date", date, "type", "holiday");
	}

	private static Map<String, Object> workday(String date, Object asWeekday) {
		Map<String, Object> day = new HashMap<>();
		day.put("date", date);
		day.put("type", "workday");
		day.put("as_weekday", asWeekday);
		return day;
	}

	private long create(ApiClient client, String name, List<?> days) {
		ApiClient.Response r = client.post(PATH, Map.of("name", name, "days", days));
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data().get("holiday_calendar_id").longValue();
	}

	private long total() {
		return api.get(PATH).json().get("meta").get("total").longValue();
	}

	@Test
	void theSpecsExampleIsCreatedReadPagedUpdatedAndDeleted() {
		ApiClient.Response created = api.post(PATH, Map.of("name", "中国 2027", "days",
				List.of(holiday("2027-02-06"), workday("2027-02-14", 1))));
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		JsonNode calendar = created.data();
		long id = calendar.get("holiday_calendar_id").longValue();
		assertThat(calendar.get("name").stringValue()).isEqualTo("中国 2027");
		assertThat(calendar.get("days").toString()).isEqualTo("[{\"date\":\"2027-02-06\",\"type\":\"holiday\","
				+ "\"as_weekday\":null},{\"date\":\"2027-02-14\",\"type\":\"workday\",\"as_weekday\":1}]");
		assertThat(api.get(PATH + "/" + id).data()).isEqualTo(calendar);

		create(api, "第二个", List.of());
		create(api, "第三个", List.of(holiday("2027-10-01")));
		JsonNode page = api.get(PATH + "?per_page=2&page=2").json();
		assertThat(page.get("meta").toString())
			.isEqualTo("{\"has_pages\":true,\"total\":3,\"last_page\":2,\"current_page\":2,\"per_page\":\"2\"}");
		assertThat(page.get("data").get(0).get("holiday_calendar_id").longValue()).as("newest first").isEqualTo(id);
		assertThat(api.get(PATH + "?page=9").data()).isEmpty();
		assertInvalid(api.get(PATH + "?per_page=0"), "per_page");

		JsonNode renamed = api.put(PATH + "/" + id, Map.of("name", "中国 2027 春节")).data();
		assertThat(renamed.get("days")).as("days not given are kept").isEqualTo(calendar.get("days"));
		JsonNode replaced = api.put(PATH + "/" + id, Map.of("days", List.of(workday("2027-09-26", 7)))).data();
		assertThat(replaced.get("name").stringValue()).isEqualTo("中国 2027 春节");
		assertThat(replaced.get("days").toString())
			.isEqualTo("[{\"date\":\"2027-09-26\",\"type\":\"workday\",\"as_weekday\":7}]");

		assertThat(api.delete(PATH + "/" + id).status()).isEqualTo(200);
		assertError(api.get(PATH + "/" + id), 404);
		assertThat(total()).isEqualTo(2);
	}

	@Test
	void everyBadValueIsA422NamingItsFieldAndNothingIsWritten() {
		assertInvalid(api.post(PATH, Map.of("days", List.of())), "name");
		assertInvalid(api.post(PATH, Map.of("name", " ")), "name");
		assertInvalid(api.post(PATH, Map.of("name", "x", "days", "2027-02-06")), "days");
		Map<String, Object> nullDays = new HashMap<>();
		nullDays.put("name", "x");
		nullDays.put("days", null);
		assertInvalid(api.post(PATH, nullDays), "days");
		assertInvalid(api.post(PATH, Map.of("name", "x", "days", List.of("2027-02-06"))), "days[0]");
		for (Object date : List.of("2027-02-30", "2027/02/06", "27-02-06", 20270206, "")) {
			assertInvalid(api.post(PATH, Map.of("name", "x", "days", List.of(holiday("2027-01-01"),
					Map.of("date", date, "type", "holiday")))), "days[1].date");
		}
		assertInvalid(api.post(PATH, Map.of("name", "x", "days", List.of(Map.of("type", "holiday")))), "days[0].date");
		assertInvalid(api.post(PATH, Map.of("name", "x", "days", List.of(Map.of("date", "2027-02-06", "type", "rest")))),
				"days[0].type");
		assertInvalid(api.post(PATH, Map.of("name", "x", "days", List.of(Map.of("date", "2027-02-06")))), "days[0].type");
		ApiClient.Response noWeekday = api.post(PATH, Map.of("name", "x", "days",
				List.of(holiday("2027-02-06"), Map.of("date", "2027-02-14", "type", "workday"))));
		assertInvalid(noWeekday, "days[1].as_weekday");
		assertThat(noWeekday.json().get("errors").size()).as(noWeekday.text()).isEqualTo(1);
		assertInvalid(api.post(PATH, Map.of("name", "x", "days", List.of(workday("2027-02-14", null)))),
				"days[0].as_weekday");
		assertInvalid(api.post(PATH, Map.of("name", "x", "days",
				List.of(Map.of("date", "2027-02-06", "type", "holiday", "as_weekday", 1)))), "days[0].as_weekday");
		for (Object weekday : List.of(8, -1, "1", 1.5)) {
			assertInvalid(api.post(PATH, Map.of("name", "x", "days", List.of(workday("2027-02-14", weekday)))),
					"days[0].as_weekday");
		}
		ApiClient.Response twice = api.post(PATH, Map.of("name", "x", "days",
				List.of(holiday("2027-02-06"), workday("2027-02-06", 1))));
		assertInvalid(twice, "days[1].date");
		assertThat(twice.errorsOf("days[1].date")).contains("重复");
		ApiClient.Response several = api.post(PATH, Map.of("days", List.of(Map.of("date", "x", "type", "y"))));
		assertThat(several.json().get("errors").properties().stream().map(Map.Entry::getKey).toList())
			.as("one answer names every bad field").containsExactly("name", "days[0].date", "days[0].type");
		List<Object> tooMany = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			tooMany.add(holiday(java.time.LocalDate.of(2027, 1, 1).plusDays(i).toString()));
		}
		assertInvalid(api.post(PATH, Map.of("name", "x", "days", tooMany)), "days");
		assertThat(total()).as("nothing written").isZero();

		long id = create(api, "中国", List.of(holiday("2027-02-06")));
		assertInvalid(api.put(PATH + "/" + id, Map.of("name", "改名", "days", List.of(workday("2027-02-14", 9)))),
				"days[0].as_weekday");
		JsonNode kept = api.get(PATH + "/" + id).data();
		assertThat(kept.get("name").stringValue()).as("a refused update changes nothing").isEqualTo("中国");
		assertThat(kept.get("days").size()).isEqualTo(1);
	}

	@Test
	void anotherAgentsCalendarIsNotFoundOnEveryRoute() {
		long id = create(api, "中国", List.of(holiday("2027-02-06")));
		ApiClient other = newAgentClient();
		assertError(other.get(PATH + "/" + id), 404);
		assertError(other.put(PATH + "/" + id, Map.of("name", "偷改")), 404);
		assertError(other.delete(PATH + "/" + id), 404);
		assertThat(other.get(PATH).json().get("meta").get("total").intValue()).isZero();
		assertError(api.get(PATH + "/999999999"), 404);
		assertError(api.get(PATH + "/abc"), 404);
		assertThat(api.get(PATH + "/" + id).data().get("name").stringValue()).isEqualTo("中国");
		assertError(new ApiClient(port, null).get(PATH), 401);
	}

	@Test
	void aTaskNamesCalendarsOfItsAgentAndACalendarInUseIsNotDeleted() {
		long calendar = create(api, "中国", List.of(holiday("2027-02-06")));
		long second = create(api, "公司", List.of());
		ApiClient.Response plain = api.post(userPath("/task"), Map.of("name", "无日历"));
		assertThat(plain.status()).as(plain.text()).isEqualTo(201);
		assertThat(plain.data().get("holiday_calendar_ids").toString()).as("default").isEqualTo("[]");

		ApiClient.Response created = api.post(userPath("/task"), Map.of("name", "有日历", "holiday_calendar_ids",
				List.of(second, calendar)));
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		String task = created.data().get("uuid").stringValue();
		assertThat(created.data().get("holiday_calendar_ids").toString()).isEqualTo("[" + second + "," + calendar + "]");
		assertThat(api.get(userPath("/task")).data().get(0).get("holiday_calendar_ids").toString())
			.as("in the list too").isEqualTo("[" + second + "," + calendar + "]");
		JsonNode kept = api.put(userPath("/task/" + task), Map.of("remark", "改备注")).data();
		assertThat(kept.get("holiday_calendar_ids").toString()).as("absent: kept").isEqualTo("[" + second + "," + calendar + "]");

		long foreign = create(newAgentClient(), "别人的", List.of());
		for (Object bad : List.of(List.of(foreign), List.of(999_999_999L), List.of("1"), List.of(calendar, calendar),
				"1", 1, List.of(0))) {
			assertInvalid(api.put(userPath("/task/" + task), Map.of("holiday_calendar_ids", bad)), "holiday_calendar_ids");
			assertInvalid(api.post(userPath("/task"), Map.of("name", "坏", "holiday_calendar_ids", bad)),
					"holiday_calendar_ids");
		}
		assertThat(api.get(userPath("/task/" + task + "/edit")).data().get("holiday_calendar_ids").size())
			.as("refused updates change nothing").isEqualTo(2);

		String otherUser = newUser(api);
		ApiClient.Response shared = api.post("/agent-api/new/user/" + otherUser + "/task",
				Map.of("name", "同一代理商的另一客户", "holiday_calendar_ids", List.of(calendar)));
		assertThat(shared.status()).as("shared by all users of the agent: " + shared.text()).isEqualTo(201);
		String sharedTask = shared.data().get("uuid").stringValue();

		ApiClient.Response refused = api.delete(PATH + "/" + calendar);
		assertError(refused, 409);
		assertThat(refused.errorsOf("holiday_calendar_id")).contains("2 个任务");
		assertThat(api.get(PATH + "/" + calendar).status()).isEqualTo(200);

		Map<String, Object> none = new HashMap<>();
		none.put("holiday_calendar_ids", null);
		assertThat(api.put(userPath("/task/" + task), none).data().get("holiday_calendar_ids").toString()).isEqualTo("[]");
		assertError(api.delete(PATH + "/" + calendar), 409);
		assertThat(api.delete("/agent-api/new/user/" + otherUser + "/task/" + sharedTask).status())
			.as("a deleted task holds nothing").isEqualTo(200);
		assertThat(api.delete(PATH + "/" + calendar).status()).isEqualTo(200);
		assertThat(api.put(userPath("/task/" + task), Map.of("holiday_calendar_ids", List.of(second))).data()
			.get("holiday_calendar_ids").toString()).isEqualTo("[" + second + "]");
	}

}
