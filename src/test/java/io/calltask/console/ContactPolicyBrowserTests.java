package io.calltask.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import tools.jackson.databind.JsonNode;

import io.calltask.testing.BrowserIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The contact policy form on the customers page, in a real headless Chromium. */
class ContactPolicyBrowserTests extends BrowserIntegrationTest {

	@Test
	void anOperatorSetsTheUsersContactPolicyAndIsToldWhatIsWrong() {
		signIn(api.key());
		browser.open("#/users");
		browser.waitFor(By.cssSelector("button.pick")).click();
		browser.awaitFlash("已切换到客户");
		browser.open("#/users");

		set(browser.waitFor(By.id("policy-max-per-day")), "5");
		set(browser.driver().findElement(By.id("policy-window-begin")), "08:00");
		set(browser.driver().findElement(By.id("policy-window-end")), "25:00");
		browser.click(By.id("policy-save"));
		browser.awaitFlash("请求参数验证失败");
		assertThat(browser.driver().findElement(By.cssSelector(".field-error[data-field='window']")).getText())
			.isNotBlank();

		set(browser.driver().findElement(By.id("policy-window-end")), "21:00");
		new Select(browser.driver().findElement(By.id("policy-timezone-source"))).selectByValue("phone");
		browser.click(By.id("policy-save"));
		browser.awaitFlash("联系策略已保存");
		browser.screenshot("contact-policy");

		JsonNode p = api.get(userPath("/contact-policy")).data();
		assertThat(p.get("max_per_day").intValue()).isEqualTo(5);
		assertThat(p.get("max_per_week").isNull()).isTrue();
		assertThat(p.get("window").get("begin").stringValue()).isEqualTo("08:00");
		assertThat(p.get("window").get("end").stringValue()).isEqualTo("21:00");
		assertThat(p.get("timezone_source").stringValue()).isEqualTo("phone");

		// Shown again as saved.
		browser.open("#/tasks");
		browser.open("#/users");
		browser.waitUntil(d -> "5".equals(d.findElement(By.id("policy-max-per-day")).getDomProperty("value")),
				"the saved limit in the form");
	}

	private static void set(WebElement input, String value) {
		input.clear();
		input.sendKeys(value);
	}

}
