package io.calltask.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.calltask.testing.ApiClient;
import io.calltask.testing.BrowserIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's keys page and a read key's console, in a real headless Chromium: a key created on
 * the page is shown once and works; revoked from the page it is refused; the last usable key is
 * kept; signed in with a read key, no write action is offered, while lists and a CSV download (a
 * one-time link, streamed to disk) still work.
 */
class ConsoleKeysBrowserTests extends BrowserIntegrationTest {

	@Test
	void aKeyIsCreatedShownOnceAndRevokedOnTheKeysPage() {
		signIn(api.key());
		browser.click(By.cssSelector("#nav a[data-nav=keys]"));
		browser.waitFor(By.cssSelector("#keys tbody tr"));
		browser.type(By.id("key-name"), "看板");
		new Select(browser.waitFor(By.id("key-scope"))).selectByValue("read");
		browser.click(By.id("create-key"));
		String shown = browser.waitFor(By.id("new-key")).getText();
		ApiClient created = api.withKey(shown);
		assertThat(created.get(userPath("/task")).status()).as("the key shown works").isEqualTo(200);
		assertThat(created.post(userPath("/task"), Map.of("name", "x")).status()).as("and only reads").isEqualTo(403);
		browser.click(By.id("copy-key"));
		browser.waitUntil(d -> !d.findElement(By.id("copy-key")).getText().equals("复制"), "the copy button to answer");
		browser.screenshot("keys");
		browser.click(By.id("hide-key"));
		assertThat(browser.driver().findElements(By.id("new-key"))).as("shown once").isEmpty();
		String row = browser.waitUntil(d -> rowText("看板"), "the new key listed");
		assertThat(row).contains("只读", shown.substring(0, 8), "有效").doesNotContain(shown);
		assertThat(browser.driver().getPageSource()).doesNotContain(shown);

		clickRevoke("看板");
		acceptConfirm("看板");
		browser.awaitFlash("已停用");
		assertThat(created.get(userPath("/task")).status()).as("the revoked key").isEqualTo(401);
		browser.waitUntil(d -> {
			String text = rowText("看板");
			return text != null && text.contains("已停用");
		}, "the key shown revoked");

		clickRevoke(null);
		acceptConfirm("停用");
		browser.awaitFlash("最后一个可用的密钥");
		assertThat(api.get(userPath("/task")).status()).isEqualTo(200);
	}

	@Test
	void aReadKeySeesTheConsoleWithoutWriteActionsAndDownloadsByLink() throws IOException {
		String taskId = api.post(userPath("/task"), Map.of("name", "只读可见")).data().get("uuid").stringValue();
		api.post(userPath("/blacklist"), Map.of("phones", List.of("13800000000")));
		String read = api.post("/agent-api/key", Map.of("name", "只读", "scope", "read")).data().get("key").stringValue();

		signIn(read);
		assertThat(browser.waitFor(By.id("who")).getText()).contains("只读");
		browser.waitFor(By.cssSelector("button.pick")).click();
		browser.awaitFlash("已切换到客户");
		WebElement row = browser.waitFor(By.cssSelector("tr[data-task='" + taskId + "']"));
		assertThat(row.getText()).contains("只读可见");
		assertHidden(By.id("new-task"));
		assertHidden(By.cssSelector("tr[data-task='" + taskId + "'] button.toggle"));
		assertHidden(By.cssSelector("tr[data-task='" + taskId + "'] button.delete"));
		browser.screenshot("tasks-read-only");

		browser.click(By.cssSelector("#nav a[data-nav=blacklist]"));
		browser.waitUntil(d -> d.findElement(By.id("blacklist")).getText().contains("13800000000"), "the blacklist");
		assertHidden(By.id("blacklist-add"));
		assertHidden(By.cssSelector("#blacklist button.danger"));
		browser.click(By.cssSelector("#nav a[data-nav=lines]"));
		assertHidden(By.id("add-line"));
		browser.click(By.cssSelector("#nav a[data-nav=keys]"));
		browser.waitFor(By.cssSelector("#keys tbody tr"));
		assertHidden(By.id("create-key"));
		assertHidden(By.cssSelector("#keys button.revoke"));

		browser.open("#/tasks/" + taskId + "/numbers");
		assertHidden(By.id("upload"));
		browser.click(By.id("download-numbers"));
		Path download = browser.awaitDownload("numbers-" + taskId + ".csv");
		assertThat(Files.readAllLines(download, StandardCharsets.UTF_8).get(0)).startsWith("\uFEFF");
	}

	/** The text of the row of the key named so (null: the key signed in with), or null; the list redraws. */
	private String rowText(String name) {
		try {
			WebElement row = keyRow(name);
			return row == null ? null : row.getText();
		}
		catch (StaleElementReferenceException redrawn) {
			return null;
		}
	}

	private void clickRevoke(String name) {
		browser.waitUntil(d -> {
			try {
				WebElement row = keyRow(name);
				if (row == null) {
					return null;
				}
				row.findElement(By.cssSelector("button.revoke")).click();
				return true;
			}
			catch (StaleElementReferenceException redrawn) {
				return null;
			}
		}, "the revoke button of " + name);
	}

	private WebElement keyRow(String name) {
		for (WebElement row : browser.driver().findElements(By.cssSelector("#keys tbody tr"))) {
			String text = row.getText();
			if (name == null ? text.contains("当前登录") : text.startsWith(name)) {
				return row;
			}
		}
		return null;
	}

	/** Waits until the page has such elements; none of them is shown. */
	private void assertHidden(By by) {
		List<WebElement> found = browser.waitUntil(d -> d.findElements(by).isEmpty() ? null : d.findElements(by),
				"the page to have " + by);
		assertThat(found).as("shown: " + by).noneMatch(WebElement::isDisplayed);
	}

	private void acceptConfirm(String mentioning) {
		Alert confirm = new WebDriverWait(browser.driver(), Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
		assertThat(confirm.getText()).contains(mentioning);
		confirm.accept();
	}

}
