package io.calltask.demo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command: the demo key works and the demo user's tasks look like the seed's. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "spring.datasource.url="
		+ "jdbc:h2:mem:calltask_demo;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
		"calltask.demo.notify-url=http://localhost:9999/calltask" })
@ActiveProfiles({ "test", "demo" })
@ExtendWith(OutputCaptureExtension.class)
class DemoDataIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	DemoData demo;

	@Test
	void theDemoUserHasSeedLikeTasksAndARestartAddsNothing() {
		ApiClient api = new ApiClient(port, "ct_demo_key_do_not_use_in_production_0001");
		String tasks = "/agent-api/new/user/b6d94bef-5ac2-4c6e-ba13-d2f8f124862b/task";
		JsonNode page = api.get(tasks).json();
		assertThat(page.get("meta").get("total").intValue()).isEqualTo(4);
		JsonNode seedLike = api.get(tasks + "?name=222").data().get(0);
		assertThat(seedLike.get("name").stringValue()).isEqualTo("测试api接口创建-222");
		assertThat(seedLike.get("status_str").stringValue()).isEqualTo("停止");
		assertThat(seedLike.get("group").get("name").stringValue()).isEqualTo("测试模型");
		assertThat(seedLike.get("new_task_extra").get("work_hour").toString())
			.isEqualTo("[{\"wday\":\"-1\",\"begin\":\"03:00\",\"end\":\"19:00\"},"
					+ "{\"wday\":1,\"begin\":\"20:00\",\"end\":\"23:30\"},"
					+ "{\"wday\":3,\"begin\":\"20:00\",\"end\":\"23:30\"},"
					+ "{\"wday\":4,\"begin\":\"20:00\",\"end\":\"23:30\"}]");
		assertThat(page.get("data").get(0).get("is_top").intValue()).isEqualTo(1);

		JsonNode live = api.get(tasks + "?name=%E5%85%A8%E5%A4%A9").data().get(0);
		assertThat(live.get("enable").booleanValue()).isTrue();
		assertThat(live.get("call_notify_url").stringValue()).as("calltask.demo.notify-url")
			.isEqualTo("http://localhost:9999/calltask");
		assertThat(live.get("call_notify_type").intValue()).isEqualTo(2);
		assertThat(live.get("new_task_extra").get("number_count").intValue()).as("numbers to dial at any hour")
			.isEqualTo(2000);
		String numbers = tasks + "/" + live.get("uuid").stringValue() + "/number?per_page=1";
		assertThat(api.get(numbers).json().get("meta").get("total").intValue()).isEqualTo(2000);

		demo.run(new DefaultApplicationArguments());
		assertThat(api.get(tasks).json().get("meta").get("total").intValue()).isEqualTo(4);
	}

	@Test
	void everyStartPrintsTheKeyTheUserAndACurlLineThatWorks(CapturedOutput output) {
		demo.run(new DefaultApplicationArguments()); // a restart: the data exists already
		assertThat(output).contains("Demo API key: ct_demo_key_do_not_use_in_production_0001")
			.contains("Demo user:    b6d94bef-5ac2-4c6e-ba13-d2f8f124862b");
		Matcher curl = Pattern
			.compile("curl -s -H 'Authorization: Bearer ct_demo_key_do_not_use_in_production_0001' "
					+ "'http://localhost:(\\d+)(/agent-api/new/user/b6d94bef-5ac2-4c6e-ba13-d2f8f124862b/task[^']*)'")
			.matcher(output.getOut());
		assertThat(curl.find()).as("a curl line in:%n%s", output.getOut()).isTrue();
		assertThat(Integer.parseInt(curl.group(1))).isEqualTo(port);
		ApiClient.Response answer = new ApiClient(port, "ct_demo_key_do_not_use_in_production_0001").get(curl.group(2));
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("meta").get("total").intValue()).isEqualTo(4);
	}

}
