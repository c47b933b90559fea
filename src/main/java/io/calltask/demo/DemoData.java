package io.calltask.demo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.agent.Agents;
import io.calltask.agent.Users;
import io.calltask.catalog.BotGroup;
import io.calltask.catalog.Catalog;
import io.calltask.dialer.number.Numbers;
import io.calltask.line.Line;
import io.calltask.line.Lines;
import io.calltask.schedule.ClockTime;
import io.calltask.schedule.TimeGroup;
import io.calltask.schedule.TimeGroups;
import io.calltask.schedule.WeeklySchedule;
import io.calltask.schedule.WorkHour;
import io.calltask.task.TaskView;
import io.calltask.task.Tasks;

/**
 * Seeds the demo user once (a restart finds it and leaves everything as it is): a line, a 话术组,
 * a time group and four tasks, the first of them the seed document's example item, the last one
 * dialing its 2,000 numbers at any hour through the simulated gateway. Every start then prints the
 * demo key, the user and a curl line to try, so that a restarted demo needs no README to be used.
 */
@Component
@ConditionalOnBooleanProperty("calltask.demo.seed")
@Order(Ordered.LOWEST_PRECEDENCE)
class DemoData implements ApplicationRunner {

	/** The seed example's user_id, shown in the README. */
	static final UUID DEMO_USER = UUID.fromString("b6d94bef-5ac2-4c6e-ba13-d2f8f124862b");

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	/** The demo task that dials at any hour. */
	private static final String LIVE_TASK = "全天演示外呼";

	private final Agents agents;

	private final Users users;

	private final Lines lines;

	private final Catalog catalog;

	private final TimeGroups timeGroups;

	private final Tasks tasks;

	private final Numbers numbers;

	private final String key;

	private final Environment environment;

	private final JsonMapper json;

	DemoData(Agents agents, Users users, Lines lines, Catalog catalog, TimeGroups timeGroups, Tasks tasks,
			Numbers numbers, @Value("${calltask.bootstrap.agent-api-key}") String key, Environment environment,
			JsonMapper json) {
		this.json = json;
		this.numbers = numbers;
		this.agents = agents;
		this.users = users;
		this.lines = lines;
		this.catalog = catalog;
		this.timeGroups = timeGroups;
		this.tasks = tasks;
		this.key = key;
		this.environment = environment;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (!users.exists(DEMO_USER)) {
			seed();
		}
		notifyTo(environment.getProperty("calltask.demo.notify-url", ""));
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		String tasks = "http://localhost:" + port + environment.getProperty("server.servlet.context-path", "")
				+ "/agent-api/new/user/" + DEMO_USER + "/task?per_page=2";
		log.info("Demo API key: {}", key);
		log.info("Demo user:    {}", DEMO_USER);
		log.info("Try:          curl -s -H 'Authorization: Bearer {}' '{}'", key, tasks);
	}

	private void seed() {
		UUID agent = agents.ensure("demo", key);
		users.create(agent, DEMO_USER, "演示用户");
		Line line = lines.create(DEMO_USER, json.valueToTree(Map.of("name", "测试站ip对接线路", "gateway", "demo_trunk",
				"node_id", "2533f3f6-7ac1-4b55-b1de-7d308ce00d89", "cps", 10, "limit", 10, "caller_number", "20000")));
		BotGroup group = catalog.createGroup(DEMO_USER, "测试模型", false);
		TimeGroup weekdays = timeGroups.create(DEMO_USER, "工作日 09:00-12:00 14:00-18:00", weekdays());

		tasks.create(DEMO_USER, json.valueToTree(Map.ofEntries(Map.entry("name", "测试api接口创建-222"),
				Map.entry("maximumcall", 1), Map.entry("cps", 1), Map.entry("line", List.of(line.id().toString())),
				Map.entry("destination_extension", Long.toString(group.id())),
				Map.entry("originate_variables", "{execute_on_media=start_da}"),
				Map.entry("_origination_caller_id_number", "20000"), Map.entry("start_time", "2024-11-01 13:25:26"),
				Map.entry("stop_time", "2025-11-01 13:25:26"), Map.entry("work_week", List.of(1, 2, 3, 4, 5, 6, 0)),
				Map.entry("work_hour", seedWorkHours()))));
		TaskView promotion = tasks.create(DEMO_USER, json.valueToTree(Map.of("name", "双十一促销外呼", "enable", true,
				"maximumcall", 10, "cps", 5, "line", List.of(line.id().toString()), "destination_extension",
				Long.toString(group.id()), "dial_time_id", weekdays.id(), "originate_variables",
				"{execute_on_media=start_da}")));
		importDemoNumbers(promotion.id(), "1391000", 500);
		tasks.create(DEMO_USER, json.valueToTree(Map.of("name", "老客户回访", "enable", true, "is_top", 1, "maximumcall",
				5, "cps", 2, "line", List.of(Map.of("id", line.id().toString(), "limit", 5)), "destination_extension",
				Long.toString(group.id()), "dial_time_id", weekdays.id(), "remark", "置顶任务")));
		// Dials at any hour, so a first run shows a task dialing live (the simulated gateway answers).
		List<Map<String, Object>> allDay = new java.util.ArrayList<>();
		for (int day = 0; day <= 6; day++) {
			allDay.add(Map.of("wday", day, "begin", "00:00", "end", "24:00"));
		}
		TaskView live = tasks.create(DEMO_USER, json.valueToTree(Map.of("name", LIVE_TASK, "enable", true,
				"maximumcall", 5, "cps", 2, "line", List.of(line.id().toString()), "destination_extension",
				Long.toString(group.id()), "work_week", List.of(0, 1, 2, 3, 4, 5, 6), "work_hour", allDay, "remark",
				"演示：模拟网关实时拨打")));
		importDemoNumbers(live.id(), "1380000", 2000);
		log.info("Demo data created: a line, a 话术组, a time group and four tasks");
	}

	/**
	 * {@code calltask.demo.notify-url} (CALLTASK_DEMO_NOTIFY_URL), when set: the live demo task pushes
	 * every finished call ({@code call.finished}) and its stops ({@code task.stopped}) there. Set on
	 * every start, so it can be changed without new demo data.
	 */
	private void notifyTo(String url) {
		if (url.isBlank()) {
			return;
		}
		for (TaskView t : tasks.list(DEMO_USER, LIVE_TASK, List.of(), io.calltask.api.PageRequest.of(null, null)).items()) {
			if (t.summary().name().equals(LIVE_TASK)) {
				tasks.update(DEMO_USER, t.id(), json.valueToTree(Map.of("call_notify_url", url, "call_notify_type", 2,
						"call_stop_notify_url", url)));
				log.info("Demo task {} notifies {}", LIVE_TASK, url);
			}
		}
	}

	/** {@code count} numbers {@code prefix}0000… with a name variable, as a CSV import. */
	private void importDemoNumbers(UUID taskId, String prefix, int count) {
		StringBuilder csv = new StringBuilder("phone,name\n");
		for (int i = 0; i < count; i++) {
			csv.append(prefix).append(String.format("%04d", i)).append(",客户").append(i + 1).append('\n');
		}
		numbers.importNumbers(DEMO_USER, taskId, MediaType.valueOf("text/csv"),
				new java.io.ByteArrayInputStream(csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
	}

	private static List<Map<String, Object>> seedWorkHours() {
		String[][] hours = { { "1", "03:00", "19:00" }, { "1", "20:00", "23:30" }, { "2", "03:00", "19:00" },
				{ "3", "03:00", "19:00" }, { "3", "20:00", "23:30" }, { "4", "03:00", "19:00" },
				{ "4", "20:00", "23:30" }, { "5", "03:00", "19:00" }, { "6", "03:00", "19:00" },
				{ "0", "03:00", "19:00" } };
		return java.util.Arrays.stream(hours)
			.map(h -> Map.<String, Object>of("wday", Integer.parseInt(h[0]), "begin", h[1], "end", h[2]))
			.toList();
	}

	private static WeeklySchedule weekdays() {
		List<WorkHour> hours = new java.util.ArrayList<>();
		for (int day = 1; day <= 5; day++) {
			hours.add(new WorkHour(day, ClockTime.parse("09:00"), ClockTime.parse("12:00")));
			hours.add(new WorkHour(day, ClockTime.parse("14:00"), ClockTime.parse("18:00")));
		}
		return new WeeklySchedule(List.of(1, 2, 3, 4, 5), hours);
	}

}
