package io.calltask.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;

/**
 * A console page in a real headless Chromium against the whole service: a fresh {@link Browser} per
 * test, closed after it, and the console's sign-in.
 */
@RequiresBrowser
public abstract class BrowserIntegrationTest extends ApiIntegrationTest {

	protected Browser browser;

	@BeforeEach
	void openBrowser() {
		browser = new Browser(port);
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	/** Signs in to the console with {@code key} and waits for it to open. */
	protected void signIn(String key) {
		browser.open("#/signin");
		browser.type(By.id("key"), key);
		browser.click(By.id("signin"));
		browser.waitUntil(d -> !d.getCurrentUrl().endsWith("#/signin"), "the console to open after sign-in");
	}

}
