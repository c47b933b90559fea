package io.calltask.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium,
 * pointed at the service under test, with a download folder of its own. Every wait has a timeout.
 */
public final class Browser implements AutoCloseable {

	public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CALLTASK_TEST_CHROMIUM", "/usr/bin/chromium"));

	public static final Path CHROMEDRIVER = Path.of(
			System.getenv().getOrDefault("CALLTASK_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));

	public static final String HOW_TO_RUN = "browser tests need Debian's chromium and chromium-driver "
			+ "(apt-get install -y chromium chromium-driver; .ci/run installs them)";

	/** Where the tests leave their screenshots (docs/screenshots has the chosen ones). */
	public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final ChromeDriver driver;

	private final Path downloads;

	private final String base;

	public Browser(int port) {
		try {
			this.downloads = Files.createTempDirectory("calltask-downloads");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.base = "http://127.0.0.1:" + port;
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1440,960", "--lang=zh-CN", "--disable-search-engine-choice-screen");
		options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
				"download.prompt_for_download", false, "intl.accept_languages", "zh-CN"));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
	}

	public static boolean available() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	public ChromeDriver driver() {
		return driver;
	}

	/** Opens the console at a route, e.g. {@code #/tasks}. */
	public void open(String route) {
		driver.get(base + "/console/" + route);
	}

	public String base() {
		return base;
	}

	public WebElement waitFor(By by) {
		return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
	}

	public <T> T waitUntil(Function<WebDriver, T> condition, String what) {
		return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
	}

	/** Waits until the message bar says something containing {@code text}; answers it. */
	public String awaitFlash(String text) {
		return waitUntil(d -> {
			String shown = d.findElement(By.id("flash")).getText();
			return shown.contains(text) ? shown : null;
		}, "the message bar to say \"" + text + "\"");
	}

	public Object script(String script, Object... args) {
		return ((JavascriptExecutor) driver).executeScript(script, args);
	}

	public void type(By by, String text) {
		WebElement input = waitFor(by);
		input.clear();
		input.sendKeys(text);
	}

	public void click(By by) {
		new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(by)).click();
	}

	/** Saves a PNG of the page under {@link #SCREENSHOTS}. */
	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits for a finished download of that name (Chromium writes {@code .crdownload} until done). */
	public Path awaitDownload(String name) {
		Path file = downloads.resolve(name);
		return waitUntil(d -> Files.isRegularFile(file) ? file : null, "the download " + name);
	}

	@Override
	public void close() {
		driver.quit();
	}

}
