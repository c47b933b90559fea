package io.calltask.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.test.context.TestPropertySource;

import io.calltask.testing.ApiIntegrationTest;
import io.calltask.testing.Browser;
import io.calltask.testing.RequiresBrowser;
import io.calltask.testing.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator console in a real headless Chromium against the whole service, its dialer running
 * on the simulated gateway (short calls): what an operator does, and what they see when it goes
 * wrong. Screenshots of the pages land in {@link Browser#SCREENSHOTS}.
 */
@RequiresBrowser
@TestPropertySource(properties = { "calltask.dialer.auto-run=true", "calltask.dialer.simulated.ring-ms=300",
		"calltask.dialer.simulated.talk-ms=1500", "calltask.dialer.simulated.answer-rate=0.7",
		"calltask.notify.allow-private=true", "calltask.notify.timeout=2s", "calltask.notify.retry-delays=200ms",
		"calltask.dialer.simulated.seat-ring-ms=200", "calltask.dialer.simulated.seat-talk-ms=800" })
class ConsoleBrowserTests extends ApiIntegrationTest {

	private Browser browser;

	private String key;

	@org.springframework.beans.factory.annotation.Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@BeforeEach
	void openBrowser() {
		key = api.key(); // the agent and user of ApiIntegrationTest
		browser = new Browser(port);
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void anOperatorCreatesLoadsStartsWatchesPausesAndDownloadsATask() throws IOException {
		signIn(key);
		pickTheUser();

		browser.click(By.cssSelector("#nav a[data-nav=lines]"));
		browser.type(By.id("line-name"), "主线路");
		browser.type(By.id("line-gateway"), "trunk_a");
		browser.type(By.id("line-node_id"), "fs1");
		browser.type(By.id("line-cps"), "5");
		browser.type(By.id("line-limit"), "4");
		browser.click(By.id("add-line"));
		browser.awaitFlash("线路「主线路」已添加");
		browser.type(By.id("group-name"), "回访话术");
		browser.click(By.id("group-default"));
		browser.click(By.id("add-group"));
		browser.awaitFlash("话术组「回访话术」已添加");

		browser.click(By.cssSelector("#nav a[data-nav=tasks]"));
		browser.click(By.id("new-task"));
		browser.type(By.id("f-name"), "双十二回访");
		browser.click(By.cssSelector("input[name=line-id]"));
		// Work hours: every day, all day, set on Monday and copied to the other work days.
		for (WebElement day : browser.driver().findElements(By.cssSelector(".hours .day .works"))) {
			if (!day.isSelected()) {
				day.click();
			}
		}
		WebElement monday = browser.driver().findElement(By.cssSelector(".hours .day[data-wday='1']"));
		setText(monday.findElement(By.cssSelector(".begin")), "00:00");
		setText(monday.findElement(By.cssSelector(".end")), "24:00");
		monday.findElement(By.cssSelector(".copy-day")).click();
		browser.type(By.id("f-maximumcall"), "4");
		browser.type(By.id("f-cps"), "5");
		browser.screenshot("task-form");
		browser.click(By.id("save-task"));
		browser.awaitFlash("任务「双十二回访」已创建");

		String taskId = api.get(userPath("/task?name=双十二回访")).data().get(0).get("uuid").stringValue();
		var stored = api.get(userPath("/task/" + taskId)).data();
		assertThat(stored.get("task_extras").get("work_week").toString()).isEqualTo("[0,1,2,3,4,5,6]");
		assertThat(stored.get("task_extras").get("work_hour")).hasSize(7)
			.allSatisfy(w -> assertThat(w.get("begin").stringValue() + "-" + w.get("end").stringValue()).isEqualTo("00:00-24:00"));
		assertThat(stored.get("maximumcall").intValue()).isEqualTo(4);

		WebElement row = taskRow(taskId);
		assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("停止");
		row.findElement(By.linkText("号码")).click();
		StringBuilder csv = new StringBuilder("phone,name\n");
		for (int i = 0; i < 30; i++) {
			csv.append("1390000").append(String.format("%04d", i)).append(",客户").append(i).append('\n');
		}
		csv.append("13900000000,重复\n12,太短\n");
		uploadCsv(csv.toString());
		browser.waitUntil(d -> d.findElement(By.id("upload-progress-text")).getText().equals("导入完成"), "the import to finish");
		assertThat(browser.driver().findElement(By.id("upload-progress")).getDomProperty("value")).isEqualTo("100");
		assertThat(text("accepted")).isEqualTo("30");
		assertThat(text("duplicate")).isEqualTo("1");
		assertThat(text("invalid")).isEqualTo("1");
		assertThat(browser.driver().findElement(By.id("import-result")).getText()).contains("32").contains("号码应为");
		browser.screenshot("numbers");

		browser.click(By.linkText("← 任务列表"));
		browser.script("window.stillTheSamePage = true");
		taskRow(taskId).findElement(By.cssSelector("button.toggle")).click();
		browser.awaitFlash("已启动");
		// The counters move by themselves: no reload (the marker survives), no click.
		int first = awaitStat(taskId, "dialed", 1);
		awaitStat(taskId, "dialed", first + 1);
		awaitStat(taskId, "answered", 1);
		assertThat(awaitStat(taskId, "in_progress", 0)).as("calls in progress within the task's 4").isBetween(0, 4);
		assertThat(browser.script("return window.stillTheSamePage")).isEqualTo(true);
		browser.waitUntil(d -> taskRow(taskId).findElement(By.cssSelector(".status")).getText().equals("拨打中"), "拨打中");
		assertThat(taskRow(taskId).findElement(By.cssSelector(".lines-cell")).getText()).startsWith("主线路：");
		browser.screenshot("tasks");

		taskRow(taskId).findElement(By.cssSelector("button.toggle")).click();
		browser.awaitFlash("已暂停");
		browser.waitUntil(d -> taskRow(taskId).findElement(By.cssSelector(".status")).getText().equals("停止"), "停止");
		assertThat(api.get(userPath("/task/" + taskId)).data().get("enable").booleanValue()).isFalse();

		taskRow(taskId).findElement(By.linkText("通话记录")).click();
		browser.waitUntil(d -> d.findElements(By.cssSelector("#calls tbody tr td")).size() > 1, "call records listed");
		browser.screenshot("calls");
		browser.click(By.id("download-calls"));
		Path download = browser.awaitDownload("calls-" + taskId + ".csv");
		browser.awaitFlash("已下载");
		List<String> lines = Files.readAllLines(download, StandardCharsets.UTF_8);
		int total = api.get(userPath("/task/" + taskId + "/call?per_page=1")).json().get("meta").get("total").intValue();
		assertThat(lines.get(0)).startsWith("\uFEFFcallid,phone,");
		assertThat(lines).hasSize(total + 1);
		assertThat(currentUrlAndStorage()).doesNotContain(key.substring(3));
	}

	@Test
	void wrongKeysBadFilesBadFormsExpiredSessionsAndTheNetworkGoingAwayAreEachAClearMessage() {
		signInExpecting("ct_not_a_key_0000000000000000000000", "API 密钥无效");
		assertThat(browser.driver().findElement(By.id("key")).isDisplayed()).isTrue();
		browser.screenshot("signin-wrong-key");

		signIn(key);
		pickTheUser();
		String taskId = api.post(userPath("/task"), Map.of("name", "坏输入")).data().get("uuid").stringValue();

		browser.open("#/tasks/" + taskId + "/numbers");
		uploadCsv("name,city\n张三,北京\n");
		browser.awaitFlash("请求参数验证失败");
		assertThat(browser.driver().findElement(By.id("upload-progress-text")).getText()).contains("导入失败");
		assertThat(browser.driver().findElement(By.id("import-result")).getText()).contains("phone");
		assertThat(api.get(userPath("/task/" + taskId + "/number")).json().get("meta").get("total").intValue()).isZero();

		browser.open("#/tasks/" + taskId + "/edit");
		browser.type(By.id("f-name"), " ");
		browser.type(By.id("f-cps"), "0");
		WebElement monday = browser.waitFor(By.cssSelector(".hours .day[data-wday='1']"));
		setText(monday.findElement(By.cssSelector(".end")), "25:00");
		browser.click(By.id("save-task"));
		browser.awaitFlash("请按提示修改");
		assertThat(fieldError("name")).isNotBlank();
		assertThat(fieldError("cps")).isNotBlank();
		assertThat(fieldError("work_hour")).isNotBlank();
		assertThat(browser.driver().findElement(By.id("f-cps")).getDomAttribute("class")).contains("invalid");
		browser.screenshot("task-form-errors");
		assertThat(api.get(userPath("/task/" + taskId)).data().get("name").stringValue()).isEqualTo("坏输入");

		browser.open("#/tasks");
		browser.waitFor(By.cssSelector("tr[data-task='" + taskId + "']"));
		ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
		offline.setOffline(true);
		browser.driver().setNetworkConditions(offline);
		try {
			browser.click(By.cssSelector("#tasks-search button, form button[type=submit]"));
			browser.awaitFlash("网络错误");
			browser.waitUntil(d -> d.findElement(By.id("live")).getText().contains("刷新失败"), "the refresh to say it failed");
			assertThat(browser.driver().findElements(By.cssSelector("tr[data-task='" + taskId + "']"))).hasSize(1);
			browser.screenshot("network-error");
		}
		finally {
			browser.driver().deleteNetworkConditions();
		}
		browser.waitUntil(d -> d.findElement(By.id("live")).getText().startsWith("已自动刷新"), "the refresh to recover");

		// A session idle past its limit: the next step asks for the key again.
		browser.script("const s = JSON.parse(sessionStorage.getItem('calltask.console')); s.lastUsed = 0;"
				+ "sessionStorage.setItem('calltask.console', JSON.stringify(s));");
		browser.click(By.cssSelector("#nav a[data-nav=blacklist]"));
		browser.awaitFlash("会话已过期");
		browser.waitFor(By.id("key"));
		assertThat(browser.driver().getCurrentUrl()).endsWith("#/signin");
	}

	@Test
	void theBlacklistAndTheDeliveryLogWorkFromTheConsole() {
		signIn(key);
		pickTheUser();
		browser.click(By.cssSelector("#nav a[data-nav=blacklist]"));
		browser.type(By.id("blacklist-phones"), "13800000009\n13800000010");
		browser.click(By.id("blacklist-add"));
		browser.awaitFlash("新增 2 个");
		browser.waitUntil(d -> d.findElement(By.id("blacklist")).getText().contains("13800000010"), "the list to show it");
		browser.type(By.id("blacklist-phones"), "12");
		browser.click(By.id("blacklist-add"));
		browser.awaitFlash("请求参数验证失败");
		assertThat(fieldError("phones")).isNotBlank();
		// A callee who refused further calls in a call (opt-out), as the dialer enters it.
		java.util.UUID call = java.util.UUID.randomUUID();
		jdbc.sql("INSERT INTO blacklist (user_id, phone, phone_e164, reason, callid, created_at) "
				+ "VALUES (?, '13800000011', '+8613800000011', 'optout', ?, CURRENT_TIMESTAMP)")
			.params(java.util.UUID.fromString(userId), call)
			.update();
		browser.click(By.cssSelector("#nav a[data-nav=tasks]"));
		browser.click(By.cssSelector("#nav a[data-nav=blacklist]"));
		browser.waitUntil(d -> d.findElement(By.id("blacklist")).getText().contains("13800000011"), "the opt-out to show");
		String shown = browser.driver().findElement(By.id("blacklist")).getText();
		assertThat(shown).contains("通话中拒绝再呼（退订）").contains(call.toString()).contains("手动添加");
		browser.screenshot("blacklist");

		String taskId = api.post(userPath("/task"), Map.of("name", "推送")).data().get("uuid").stringValue();
		// A CSV saved by Excel in GBK, its encoding chosen on the page.
		browser.open("#/tasks/" + taskId + "/numbers");
		new Select(browser.waitFor(By.id("csv-charset"))).selectByValue("GBK");
		uploadCsv("phone,name\n13700000001,张三\n".getBytes(java.nio.charset.Charset.forName("GBK")));
		browser.waitUntil(d -> d.findElement(By.id("upload-progress-text")).getText().equals("导入完成"), "the import");
		assertThat(api.get(userPath("/task/" + taskId + "/number")).data().get(0).get("variables").get("name").stringValue())
			.isEqualTo("张三");

		browser.open("#/tasks/" + taskId + "/notify");
		browser.waitUntil(d -> d.findElement(By.id("notify")).getText().contains("没有推送记录"), "an empty log");

		// A webhook receiver that fails: the event fails, the operator redelivers it once the receiver is back.
		try (WebhookReceiver receiver = new WebhookReceiver()) {
			receiver.answer(r -> 503);
			String line = api.post(userPath("/line"), Map.of("name", "L", "gateway", "t", "node_id", "fs1"))
				.data().get("line_id").stringValue();
			api.post(userPath("/group"), Map.of("name", "G", "default", true));
			String notified = api.post(userPath("/task"), Map.of("name", "推送失败", "line", List.of(line), "work_week",
					List.of(0, 1, 2, 3, 4, 5, 6), "work_hour", allDay(), "call_notify_url", receiver.url("/hook")))
				.data().get("uuid").stringValue();
			api.post(userPath("/task/" + notified + "/number"), Map.of("numbers", List.of(Map.of("phone", "13700000002"))));
			api.post(userPath("/task/" + notified + "/start"), Map.of());
			String events = userPath("/task/" + notified + "/notify?status=failed");
			browser.waitUntil(d -> api.get(events).data().size() == 1 ? true : null, "the event to fail");
			receiver.answer(r -> 200);
			browser.open("#/tasks/" + notified + "/notify");
			browser.click(By.cssSelector("#notify button.redeliver"));
			browser.awaitFlash("已重新加入推送队列");
			browser.waitUntil(d -> receiver.received("/hook").size() == 3 ? true : null, "the redelivery");
			new Select(browser.waitFor(By.id("notify-status"))).selectByValue("delivered");
			browser.waitUntil(d -> d.findElement(By.id("notify")).getText().contains("已送达"), "the event delivered");
			browser.screenshot("notify");
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}

		browser.open("#/tasks");
		WebElement row = taskRow(taskId);
		row.findElement(By.cssSelector("button.delete")).click();
		Alert confirm = new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
		assertThat(confirm.getText()).contains("推送");
		confirm.accept();
		browser.awaitFlash("已删除");
		assertThat(api.get(userPath("/task/" + taskId)).status()).isEqualTo(404);
	}

	@Test
	void anOperatorSetsUpSeatsAndAGroupSignsSeatsInAndOnBreakAndGivesATaskTheGroup() {
		signIn(key);
		pickTheUser();
		browser.click(By.cssSelector("#nav a[data-nav=seats]"));
		browser.waitUntil(d -> d.findElement(By.id("seats")).getText().contains("没有坐席"), "an empty list of seats");

		browser.type(By.id("seat-name"), "张三");
		browser.type(By.id("seat-extension"), "10a1");
		browser.click(By.id("save-seat"));
		browser.awaitFlash("请按提示修改");
		assertThat(fieldError("extension")).isNotBlank();
		browser.type(By.id("seat-extension"), "1001");
		browser.click(By.id("save-seat"));
		browser.awaitFlash("坐席「张三」已添加");
		assertThat(fieldError("extension")).isEmpty();
		browser.type(By.id("seat-name"), "李四");
		browser.type(By.id("seat-extension"), "1002");
		browser.type(By.id("seat-wrap_up_seconds"), "5");
		browser.click(By.id("save-seat"));
		browser.awaitFlash("坐席「李四」已添加");
		long zhang = seatId("张三");
		long li = seatId("李四");
		WebElement zhangRow = seatRow(zhang);
		assertThat(zhangRow.findElement(By.cssSelector("[data-cell=contact]")).getText()).isEqualTo("user/1001");
		assertThat(zhangRow.findElement(By.cssSelector(".seat-status")).getText()).isEqualTo("签出");
		assertThat(zhangRow.findElement(By.cssSelector(".call-state")).getText()).isEqualTo("空闲");

		// An edit changes what was changed; the contact left alone keeps following the extension.
		seatRow(li).findElement(By.cssSelector("button.edit")).click();
		browser.waitUntil(d -> d.findElement(By.id("seat-form-title")).getText().contains("编辑坐席：李四"), "the edit form");
		browser.type(By.id("seat-extension"), "2002");
		browser.type(By.id("seat-max_no_answer"), "5");
		browser.click(By.id("save-seat"));
		browser.awaitFlash("坐席「李四」已保存");
		var stored = api.get(userPath("/seat/" + li)).data();
		assertThat(stored.get("max_no_answer").intValue()).isEqualTo(5);
		assertThat(stored.get("wrap_up_seconds").intValue()).isEqualTo(5);
		assertThat(stored.get("contact").stringValue()).isEqualTo("user/2002");
		browser.waitUntil(d -> seatRow(li).findElement(By.cssSelector("[data-cell=extension]")).getText().equals("2002"), "the new extension");

		// A group of both, 李四 first.
		browser.type(By.id("bg-name"), "售后组");
		new Select(browser.waitFor(By.id("bg-seat-pick"))).selectByVisibleText("李四");
		browser.click(By.id("bg-seat-add"));
		new Select(browser.waitFor(By.id("bg-seat-pick"))).selectByVisibleText("张三");
		browser.click(By.id("bg-seat-add"));
		new Select(browser.waitFor(By.id("bg-strategy"))).selectByValue("top_down");
		browser.type(By.id("bg-ring_timeout_seconds"), "2");
		browser.click(By.id("save-bridge-group"));
		browser.awaitFlash("请按提示修改");
		assertThat(browser.driver().findElement(By.cssSelector("#bridge-group-form .field-error[data-field=ring_timeout_seconds]"))
			.getText()).isNotBlank();
		browser.type(By.id("bg-ring_timeout_seconds"), "15");
		browser.click(By.id("save-bridge-group"));
		browser.awaitFlash("转接组「售后组」已添加");
		var group = api.get(userPath("/bridge-group")).data().get(0);
		long groupId = group.get("bridge_group_id").longValue();
		assertThat(group.get("seat_ids").toString()).isEqualTo("[" + li + "," + zhang + "]");
		assertThat(group.get("strategy").stringValue()).isEqualTo("top_down");
		assertThat(group.get("ring_timeout_seconds").intValue()).isEqualTo(15);
		assertThat(groupRow(groupId).findElement(By.cssSelector("[data-cell=seats]")).getText()).isEqualTo("李四 → 张三");
		awaitGroupStat(groupId, "offline", 2);
		awaitGroupStat(groupId, "idle", 0);

		// The buttons: 签入示闲, then 小休示忙; the group counts each.
		seatRow(zhang).findElement(By.cssSelector("button.seat-action[data-status=idle]")).click();
		browser.awaitFlash("坐席「张三」已签入示闲");
		awaitSeatStatus(zhang, "示闲");
		awaitGroupStat(groupId, "idle", 1);
		awaitGroupStat(groupId, "offline", 1);
		assertThat(api.get(userPath("/seat/" + zhang)).data().get("status").stringValue()).isEqualTo("idle");
		browser.screenshot("seats");
		seatRow(zhang).findElement(By.cssSelector("button.seat-action[data-status=break]")).click();
		browser.awaitFlash("坐席「张三」已小休示忙");
		awaitSeatStatus(zhang, "小休");
		awaitGroupStat(groupId, "break", 1);
		awaitGroupStat(groupId, "idle", 0);
		// A seat signed in elsewhere (its own phone, another console): the page follows by itself.
		browser.script("window.stillTheSamePage = true");
		api.put(userPath("/seat/" + li + "/status"), Map.of("status", "idle"));
		awaitSeatStatus(li, "示闲");
		awaitGroupStat(groupId, "idle", 1);
		awaitGroupStat(groupId, "offline", 0);
		assertThat(browser.script("return window.stillTheSamePage")).isEqualTo(true);

		// The group edited: 张三 moved up, in the order a top_down group rings them.
		groupRow(groupId).findElement(By.cssSelector("button.edit")).click();
		browser.waitUntil(d -> d.findElement(By.id("bridge-group-form-title")).getText().contains("编辑转接组：售后组"), "the edit form");
		browser.click(By.cssSelector("#bg-seats li[data-seat='" + zhang + "'] button.up"));
		browser.click(By.id("save-bridge-group"));
		browser.awaitFlash("转接组「售后组」已保存");
		assertThat(api.get(userPath("/bridge-group/" + groupId)).data().get("seat_ids").toString())
			.isEqualTo("[" + zhang + "," + li + "]");
		browser.waitUntil(d -> groupRow(groupId).findElement(By.cssSelector("[data-cell=seats]")).getText().equals("张三 → 李四"),
				"the new order");

		// The task form: the group, straight to a seat, and the pause when every seat signs out.
		String taskId = api.post(userPath("/task"), Map.of("name", "转人工")).data().get("uuid").stringValue();
		browser.open("#/tasks/" + taskId + "/edit");
		new Select(browser.waitFor(By.id("f-bridge_group_id"))).selectByValue(Long.toString(groupId));
		new Select(browser.waitFor(By.id("f-direct_bridge"))).selectByValue("1");
		browser.click(By.id("f-empty_seat_stop"));
		browser.screenshot("task-form-transfer");
		browser.click(By.id("save-task"));
		browser.awaitFlash("任务「转人工」已保存");
		var task = api.get(userPath("/task/" + taskId)).data();
		assertThat(task.get("bridge_group_id").longValue()).isEqualTo(groupId);
		assertThat(task.get("direct_bridge").intValue()).isEqualTo(1);
		assertThat(task.get("direct_bridge_echo").intValue()).isZero();
		assertThat(task.get("empty_seat_stop").intValue()).isEqualTo(1);
		browser.open("#/tasks/" + taskId + "/edit");
		assertThat(new Select(browser.waitFor(By.id("f-bridge_group_id"))).getFirstSelectedOption().getText()).startsWith("售后组");

		// A group a task uses stays (409, said on the page); a free seat goes, and leaves its group.
		browser.click(By.cssSelector("#nav a[data-nav=seats]"));
		groupRow(groupId).findElement(By.cssSelector("button.delete")).click();
		acceptConfirm("售后组");
		browser.awaitFlash("任务使用");
		assertThat(api.get(userPath("/bridge-group/" + groupId)).status()).isEqualTo(200);
		seatRow(zhang).findElement(By.cssSelector("button.delete")).click();
		acceptConfirm("张三");
		browser.awaitFlash("坐席「张三」已删除");
		browser.waitUntil(d -> groupRow(groupId).findElement(By.cssSelector("[data-cell=seats]")).getText().equals("李四"),
				"the group without 张三");
	}

	@Test
	void aCallTransferredToASeatShowsItsSeatAndSecondsInTheCallList() {
		String line = api.post(userPath("/line"), Map.of("name", "L", "gateway", "t", "node_id", "fs1"))
			.data().get("line_id").stringValue();
		api.post(userPath("/group"), Map.of("name", "G", "default", true));
		long seat = api.post(userPath("/seat"), Map.of("name", "王五", "extension", "3001", "wrap_up_seconds", 0))
			.data().get("seat_id").longValue();
		api.put(userPath("/seat/" + seat + "/status"), Map.of("status", "idle"));
		long group = api.post(userPath("/bridge-group"), Map.of("name", "人工", "seat_ids", List.of(seat)))
			.data().get("bridge_group_id").longValue();
		String taskId = api.post(userPath("/task"), Map.of("name", "直转人工", "line", List.of(line), "work_week",
				List.of(0, 1, 2, 3, 4, 5, 6), "work_hour", allDay(), "maximumcall", 1, "bridge_group_id", group,
				"direct_bridge", 1))
			.data().get("uuid").stringValue();
		List<Map<String, String>> numbers = java.util.stream.IntStream.range(0, 8)
			.mapToObj(i -> Map.of("phone", "1360000000" + i))
			.toList();
		api.post(userPath("/task/" + taskId + "/number"), Map.of("numbers", numbers));
		api.post(userPath("/task/" + taskId + "/start"), Map.of());
		String bridged = userPath("/task/" + taskId + "/call?per_page=100");
		new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(60)).withMessage("a call bridged to 王五")
			.until(d -> java.util.stream.StreamSupport.stream(api.get(bridged).data().spliterator(), false)
				.anyMatch(c -> "bridged".equals(c.path("bridge_result").asString(""))
						&& c.path("end_datetime").isString()));
		api.post(userPath("/task/" + taskId + "/pause"), Map.of());

		signIn(key);
		pickTheUser();
		browser.open("#/tasks/" + taskId + "/calls");
		WebElement call = browser.waitUntil(d -> d.findElements(By.cssSelector("#calls tbody tr")).stream()
			.filter(tr -> tr.getText().contains("已接通") && tr.getText().contains("王五"))
			.findFirst()
			.orElse(null), "the bridged call listed");
		assertThat(call.findElement(By.cssSelector(".bridge-seat")).getText()).matches("王五，\\d+ 秒");
		browser.screenshot("calls-transfer");
	}

	@Test
	void anOperatorChoosesPredictiveDialingAndSeesItsPacingOnTheTaskPage() {
		long seat = api.post(userPath("/seat"), Map.of("name", "赵六", "extension", "4001")).data().get("seat_id").longValue();
		long group = api.post(userPath("/bridge-group"), Map.of("name", "预测组", "seat_ids", List.of(seat)))
			.data().get("bridge_group_id").longValue();
		signIn(key);
		pickTheUser();

		browser.click(By.cssSelector("#nav a[data-nav=tasks]"));
		browser.click(By.id("new-task"));
		browser.type(By.id("f-name"), "预测外呼");
		// Only the fields a mode uses are plain: 并发比例 for the default and ratio, the rest for predictive.
		assertThat(faded("bridge_proportion")).isFalse();
		assertThat(faded("max_dial_level")).isTrue();
		assertThat(faded("max_abandon_rate")).isTrue();

		// ratio without a bridge group: the service's 422, said on the mode.
		Select mode = new Select(browser.waitFor(By.id("f-dial_mode")));
		mode.selectByValue("ratio");
		browser.click(By.id("save-task"));
		browser.awaitFlash("请按提示修改");
		assertThat(fieldError("dial_mode")).contains("bridge_group_id");
		assertThat(browser.driver().findElement(By.id("f-dial_mode")).getDomAttribute("class")).contains("invalid");
		assertThat(api.get(userPath("/task?name=预测外呼")).data()).isEmpty();
		browser.screenshot("task-form-dial-mode-error");

		new Select(browser.waitFor(By.id("f-bridge_group_id"))).selectByValue(Long.toString(group));
		mode.selectByValue("predictive");
		assertThat(faded("bridge_proportion")).isTrue();
		assertThat(faded("max_dial_level")).isFalse();
		assertThat(faded("max_abandon_rate")).isFalse();
		browser.type(By.id("f-max_dial_level"), "2.5");
		browser.screenshot("task-form-predictive");
		browser.click(By.id("save-task"));
		browser.awaitFlash("任务「预测外呼」已创建");

		var stored = api.get(userPath("/task?name=预测外呼")).data().get(0);
		String taskId = stored.get("uuid").stringValue();
		assertThat(stored.get("dial_mode").stringValue()).isEqualTo("predictive");
		assertThat(stored.get("max_dial_level").doubleValue()).isEqualTo(2.5);
		assertThat(stored.get("max_abandon_rate").doubleValue()).isEqualTo(3.0);
		assertThat(stored.get("bridge_group_id").longValue()).isEqualTo(group);

		// The list: the mode and the dialer's figures; it has not written yet, so level 1.0, no seat, no calls.
		browser.script("window.stillTheSamePage = true");
		assertThat(pacing(taskId, "mode")).isEqualTo("预测式");
		assertThat(pacing(taskId, "dial_level")).isEqualTo("1.0");
		assertThat(pacing(taskId, "seats_available")).isEqualTo("0");
		assertThat(pacing(taskId, "abandon_rate")).isEqualTo("0.0%（0 / 0）");
		browser.screenshot("tasks-pacing");
		// Changed elsewhere, followed by the refresh: ratio 2 shows its proportion as the level; fixed has no figures.
		api.put(userPath("/task/" + taskId), Map.of("dial_mode", "ratio", "bridge_proportion", 2));
		browser.waitUntil(d -> "按坐席比例".equals(pacing(taskId, "mode")) && "2.0".equals(pacing(taskId, "dial_level")),
				"the list to show ratio 2");
		api.put(userPath("/task/" + taskId), Map.of("dial_mode", "fixed"));
		browser.waitUntil(d -> "固定并发".equals(pacing(taskId, "mode"))
				&& taskRow(taskId).findElements(By.cssSelector("[data-pacing=dial_level]")).isEmpty(), "the list to show fixed");
		assertThat(browser.script("return window.stillTheSamePage")).isEqualTo(true);

		// Predictive again, edited in the form.
		api.put(userPath("/task/" + taskId), Map.of("dial_mode", "predictive"));
		browser.open("#/tasks/" + taskId + "/edit");
		assertThat(new Select(browser.waitFor(By.id("f-dial_mode"))).getFirstSelectedOption().getDomAttribute("value"))
			.isEqualTo("predictive");
		assertThat(browser.driver().findElement(By.id("f-max_dial_level")).getDomProperty("value")).isEqualTo("2.5");
		browser.type(By.id("f-max_abandon_rate"), "1.5");
		browser.click(By.id("save-task"));
		browser.awaitFlash("任务「预测外呼」已保存");
		var edited = api.get(userPath("/task/" + taskId)).data();
		assertThat(edited.get("dial_mode").stringValue()).isEqualTo("predictive");
		assertThat(edited.get("max_abandon_rate").doubleValue()).isEqualTo(1.5);
		browser.open("#/tasks/" + taskId + "/numbers");
		assertThat(browser.waitFor(By.cssSelector(".task-mode")).getText())
			.isEqualTo("外呼模式：预测式，最大拨号倍数 2.5，最大放弃率 1.5%");

		// A task left to the default mode (ratio here: a group and a proportion) stays so after an edit that
		// leaves the mode alone: without its group it then dials fixed rather than refusing the change.
		String byDefault = api.post(userPath("/task"), Map.of("name", "默认模式", "bridge_group_id", group, "bridge_proportion", 2))
			.data().get("uuid").stringValue();
		browser.open("#/tasks/" + byDefault + "/edit");
		assertThat(new Select(browser.waitFor(By.id("f-dial_mode"))).getFirstSelectedOption().getDomAttribute("value"))
			.isEqualTo("ratio");
		browser.type(By.id("f-remark"), "只改备注");
		browser.click(By.id("save-task"));
		browser.awaitFlash("任务「默认模式」已保存");
		var withoutGroup = api.put(userPath("/task/" + byDefault), java.util.Collections.singletonMap("bridge_group_id", null));
		assertThat(withoutGroup.status()).isEqualTo(200);
		assertThat(withoutGroup.data().get("dial_mode").stringValue()).isEqualTo("fixed");
	}

	/** A task row's pacing figure ({@code data-pacing} key), waiting for the row. */
	private String pacing(String taskId, String key) {
		return taskRow(taskId).findElement(By.cssSelector("[data-pacing='" + key + "']")).getText();
	}

	/** Whether the form shows the field faded, as one its mode does not use. */
	private boolean faded(String field) {
		String classes = browser.driver().findElement(By.cssSelector("label[for='f-" + field + "']")).getDomAttribute("class");
		return classes != null && classes.contains("pacing-off");
	}

	private long seatId(String name) {
		for (var seat : api.get(userPath("/seat?per_page=1000")).data()) {
			if (seat.get("name").stringValue().equals(name)) {
				return seat.get("seat_id").longValue();
			}
		}
		throw new AssertionError("no seat " + name);
	}

	private WebElement seatRow(long seatId) {
		return browser.waitFor(By.cssSelector("tr[data-seat='" + seatId + "']"));
	}

	private WebElement groupRow(long groupId) {
		return browser.waitFor(By.cssSelector("tr[data-group='" + groupId + "']"));
	}

	private void awaitSeatStatus(long seatId, String shown) {
		browser.waitUntil(d -> seatRow(seatId).findElement(By.cssSelector(".seat-status")).getText().equals(shown),
				"seat " + seatId + " to show " + shown);
	}

	private void awaitGroupStat(long groupId, String stat, int count) {
		browser.waitUntil(d -> groupRow(groupId).findElement(By.cssSelector("[data-stat='" + stat + "']")).getText()
			.equals(Integer.toString(count)), "the group's " + stat + " to be " + count);
	}

	private void acceptConfirm(String mentioning) {
		Alert confirm = new WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
		assertThat(confirm.getText()).contains(mentioning);
		confirm.accept();
	}

	private static List<Map<String, Object>> allDay() {
		return java.util.stream.IntStream.range(0, 7)
			.mapToObj(d -> Map.<String, Object>of("wday", d, "begin", "00:00", "end", "24:00"))
			.toList();
	}

	private void signIn(String withKey) {
		signInExpecting(withKey, null);
	}

	private void signInExpecting(String withKey, String message) {
		browser.open("#/signin");
		browser.type(By.id("key"), withKey);
		browser.click(By.id("signin"));
		if (message != null) {
			browser.awaitFlash(message);
		}
		else {
			browser.waitUntil(d -> !d.getCurrentUrl().endsWith("#/signin"), "the console to open after sign-in");
		}
	}

	private void pickTheUser() {
		browser.waitFor(By.cssSelector("button.pick")).click();
		browser.awaitFlash("已切换到客户");
	}

	private void uploadCsv(String content) {
		uploadCsv(content.getBytes(StandardCharsets.UTF_8));
	}

	private void uploadCsv(byte[] content) {
		try {
			Path file = Files.createTempFile("numbers", ".csv");
			Files.write(file, content);
			browser.waitFor(By.id("csv-file"));
			browser.driver().findElement(By.id("csv-file")).sendKeys(file.toAbsolutePath().toString());
			browser.click(By.id("upload"));
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private WebElement taskRow(String taskId) {
		return browser.waitFor(By.cssSelector("tr[data-task='" + taskId + "']"));
	}

	/** Waits until the row's counter is at least {@code atLeast}; answers it. */
	private int awaitStat(String taskId, String stat, int atLeast) {
		Supplier<Integer> value = () -> Integer.parseInt(
				taskRow(taskId).findElement(By.cssSelector("[data-stat='" + stat + "']")).getText());
		return browser.waitUntil(d -> value.get() >= atLeast ? value.get() : null, stat + " to reach " + atLeast);
	}

	private String text(String id) {
		return browser.driver().findElement(By.id(id)).getText();
	}

	private String fieldError(String field) {
		return browser.driver().findElement(By.cssSelector(".field-error[data-field='" + field + "']")).getText();
	}

	private void setText(WebElement input, String value) {
		input.clear();
		input.sendKeys(value);
	}

	private String currentUrlAndStorage() {
		return browser.driver().getCurrentUrl() + " " + browser.script("return JSON.stringify(localStorage)") + " "
				+ browser.driver().manage().getCookies();
	}

}
