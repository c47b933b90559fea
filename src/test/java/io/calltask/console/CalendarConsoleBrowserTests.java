package io.calltask.console;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;

import io.calltask.testing.BrowserIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The holiday calendars page (节假日日历) and the task form's choice of calendars, in a real headless
 * Chromium against the whole service: a calendar with a holiday and a 调休 workday created, a bad day
 * shown on its own row, the workday's weekday changed, a task given the calendar in its form, the
 * calendar refused (409) while the task uses it and deleted once it does not.
 */
class CalendarConsoleBrowserTests extends BrowserIntegrationTest {

	@Test
	void anOperatorKeepsACalendarWith调休DaysGivesItToATaskAndCannotDeleteItWhileUsed() {
		signIn(api.key());
		browser.waitFor(By.cssSelector("button.pick")).click();
		browser.awaitFlash("已切换到客户");

		browser.click(By.cssSelector("#nav a[data-nav=calendars]"));
		browser.waitUntil(d -> d.findElement(By.id("calendars")).getText().contains("还没有节假日日历"), "the empty list");
		browser.type(By.id("calendar-name"), "中国 2027");
		browser.click(By.id("add-holiday"));
		browser.click(By.id("add-workday"));
		browser.click(By.id("add-holiday"));
		List<WebElement> rows = dayRows();
		setDate(rows.get(0), "2027-02-06");
		setDate(rows.get(1), "2027-02-14");
		assertThat(new Select(rows.get(1).findElement(By.cssSelector(".day-weekday"))).getFirstSelectedOption().getText())
			.isEqualTo("按周一的工作时间");
		assertThat(rows.get(0).findElement(By.cssSelector(".day-weekday")).isDisplayed()).as("a holiday has no weekday")
			.isFalse();
		setDate(rows.get(2), "2027-02-06");
		browser.click(By.id("save-calendar"));
		browser.awaitFlash("请按提示修改");
		assertThat(dayRows().get(2).findElement(By.cssSelector(".day-error")).getText()).contains("重复");
		assertThat(dayRows().get(0).findElement(By.cssSelector(".day-error")).getText()).isEmpty();
		assertThat(api.get("/agent-api/holiday-calendar").json().get("meta").get("total").intValue()).isZero();

		dayRows().get(2).findElement(By.cssSelector(".remove-day")).click();
		browser.click(By.id("save-calendar"));
		browser.awaitFlash("节假日日历「中国 2027」已创建");
		JsonNode calendar = api.get("/agent-api/holiday-calendar").data().get(0);
		long id = calendar.get("holiday_calendar_id").longValue();
		assertThat(calendar.get("days").toString()).isEqualTo("[{\"date\":\"2027-02-06\",\"type\":\"holiday\","
				+ "\"as_weekday\":null},{\"date\":\"2027-02-14\",\"type\":\"workday\",\"as_weekday\":1}]");
		WebElement row = calendarRow(id);
		assertThat(row.getText()).contains("2027-02-06").contains("2027-02-14（按周一）");

		row.findElement(By.cssSelector(".edit-calendar")).click();
		browser.waitUntil(d -> dayRows().size() == 2, "the calendar's days in the form");
		new Select(dayRows().get(1).findElement(By.cssSelector(".day-weekday"))).selectByVisibleText("按周五的工作时间");
		browser.screenshot("calendars");
		browser.click(By.id("save-calendar"));
		browser.awaitFlash("节假日日历「中国 2027」已保存");
		assertThat(api.get("/agent-api/holiday-calendar/" + id).data().get("days").get(1).get("as_weekday").intValue())
			.isEqualTo(5);
		browser.waitUntil(d -> calendarRow(id).getText().contains("2027-02-14（按周五）"), "the list to show the change");

		browser.click(By.cssSelector("#nav a[data-nav=tasks]"));
		browser.click(By.id("new-task"));
		browser.type(By.id("f-name"), "春节回访");
		browser.click(By.cssSelector("input[name=calendar-id][value='" + id + "']"));
		browser.click(By.id("save-task"));
		browser.awaitFlash("任务「春节回访」已创建");
		JsonNode task = api.get(userPath("/task?name=春节回访")).data().get(0);
		assertThat(task.get("holiday_calendar_ids").toString()).isEqualTo("[" + id + "]");
		browser.open("#/tasks/" + task.get("uuid").stringValue() + "/edit");
		assertThat(browser.waitFor(By.cssSelector("input[name=calendar-id][value='" + id + "']")).isSelected())
			.as("the edit form shows the calendar chosen").isTrue();

		browser.click(By.cssSelector("#nav a[data-nav=calendars]"));
		deleteCalendar(id);
		browser.awaitFlash("正在被 1 个任务使用");
		assertThat(api.get("/agent-api/holiday-calendar/" + id).status()).isEqualTo(200);

		assertThat(api.put(userPath("/task/" + task.get("uuid").stringValue()), Map.of("holiday_calendar_ids", List.of()))
			.status()).isEqualTo(200);
		deleteCalendar(id);
		browser.awaitFlash("节假日日历「中国 2027」已删除");
		browser.waitUntil(d -> d.findElement(By.id("calendars")).getText().contains("还没有节假日日历"), "the list without it");
		assertThat(api.get("/agent-api/holiday-calendar/" + id).status()).isEqualTo(404);
	}

	private List<WebElement> dayRows() {
		return browser.driver().findElements(By.cssSelector("#calendar-days .calendar-day"));
	}

	/** A date input's value, as a date picker sets it (typing into one depends on the browser's locale). */
	private void setDate(WebElement row, String date) {
		browser.script("arguments[0].value = arguments[1]", row.findElement(By.cssSelector(".day-date")), date);
	}

	private WebElement calendarRow(long id) {
		return browser.waitFor(By.cssSelector("#calendars tr[data-id='" + id + "']"));
	}

	private void deleteCalendar(long id) {
		calendarRow(id).findElement(By.cssSelector(".delete-calendar")).click();
		Alert confirm = new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
		assertThat(confirm.getText()).contains("中国 2027");
		confirm.accept();
	}

}
