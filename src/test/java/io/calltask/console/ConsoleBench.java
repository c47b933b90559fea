package io.calltask.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;

import io.calltask.testing.ApiClient;
import io.calltask.testing.Browser;

/**
 * The console in Chromium against a running service (bench/console-bench.sh starts it):
 * <ol>
 * <li>the task page showing 1,000 tasks (per page 1000), loaded from scratch ten times: the time
 * from navigation start to the rows shown (the page's {@code calltask:tasks-shown} mark);</li>
 * <li>the service's CPU per live refresh of 15 rows: the task page left open for {@code seconds},
 * the service process's CPU ticks over that time, minus those of the same time with no page open,
 * divided by the refreshes the page made, after 3,000 list requests have warmed the service up.</li>
 * </ol>
 * Arguments: port, agent key, the service's pid, seconds (60).
 */
public final class ConsoleBench {

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		String key = args[1];
		long pid = Long.parseLong(args[2]);
		int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 60;
		ApiClient api = new ApiClient(port, key);
		String user = api.post("/agent-api/user", Map.of("name", "控制台基准")).data().get("user_id").stringValue();
		String base = "/agent-api/new/user/" + user;
		String line = api.post(base + "/line", Map.of("name", "基准线路", "gateway", "t", "node_id", "fs1", "limit", 100))
			.data().get("line_id").stringValue();
		api.post(base + "/group", Map.of("name", "基准话术", "default", true));
		long t0 = System.nanoTime();
		for (int i = 0; i < 1000; i++) {
			api.post(base + "/task", Map.of("name", "基准任务-" + i, "line", List.of(line), "maximumcall", 10, "cps", 2));
		}
		System.out.printf("1000 tasks created in %.1f s%n", (System.nanoTime() - t0) / 1e9);

		try (Browser browser = new Browser(port)) {
			browser.open("#/signin");
			browser.type(By.id("key"), key);
			browser.click(By.id("signin"));
			browser.waitUntil(d -> !d.getCurrentUrl().endsWith("#/signin"), "the sign-in");
			browser.script("sessionStorage.setItem('calltask.console', JSON.stringify(Object.assign("
					+ "JSON.parse(sessionStorage.getItem('calltask.console')), {userId: arguments[0], userName: 'bench'})));", user);
			browser.open("#/tasks");
			shownAt(browser);
			browser.script("sessionStorage.setItem('calltask.console.tasks', JSON.stringify({per_page: 1000}));");
			List<Double> times = new ArrayList<>();
			for (int i = 0; i < 11; i++) {
				browser.driver().navigate().refresh();
				double ms = shownAt(browser);
				int rows = browser.driver().findElements(By.cssSelector("#tasks tr[data-task]")).size();
				if (rows != 1000) {
					throw new IllegalStateException(rows + " rows shown, not 1000");
				}
				if (i > 0) { // the first load compiles the scripts
					times.add(ms);
				}
			}
			Collections.sort(times);
			System.out.printf("1000-task page, navigation to rows shown: median %.0f ms, worst %.0f ms (10 loads)%n",
					times.get(times.size() / 2), times.get(times.size() - 1));

			// A service that has been up a while: the list's code compiled by the JIT, as in production.
			for (int i = 0; i < 3000; i++) {
				api.get(base + "/task?page=1&per_page=15");
			}
			browser.script("sessionStorage.setItem('calltask.console.tasks', JSON.stringify({per_page: 15}));");
			browser.driver().navigate().refresh();
			shownAt(browser);
			browser.script("performance.clearMarks()");
			long busy0 = ticks(pid);
			Thread.sleep(seconds * 1000L);
			long busy1 = ticks(pid);
			long refreshes = (Long) browser.script("return performance.getEntriesByName('calltask:tasks-shown').length");
			browser.open("#/signin");
			long idle0 = ticks(pid);
			Thread.sleep(seconds * 1000L);
			long idle1 = ticks(pid);
			double hz = 100; // USER_HZ
			double perRefreshMs = ((busy1 - busy0) - (idle1 - idle0)) * 1000 / hz / refreshes;
			System.out.printf("live refresh of 15 rows: %d refreshes in %d s; service CPU %.2f s with the page, %.2f s "
					+ "without; %.2f ms per refresh%n", refreshes, seconds, (busy1 - busy0) / hz, (idle1 - idle0) / hz, perRefreshMs);

			// The same request as the page's refresh, 3,000 times in a row: the service's CPU per request,
			// less its idle rate over the same time (the page's figure above is a few ticks, so noisy).
			int n = 3000;
			long start = System.nanoTime();
			long c0 = ticks(pid);
			for (int i = 0; i < n; i++) {
				api.get(base + "/task?page=1&per_page=15");
			}
			long c1 = ticks(pid);
			double elapsed = (System.nanoTime() - start) / 1e9;
			double idlePerSecond = (idle1 - idle0) / (double) seconds;
			System.out.printf("the refresh's request, %d in a row (%.1f s): service CPU %.3f ms per request%n", n, elapsed,
					((c1 - c0) - idlePerSecond * elapsed) * 1000 / hz / n);
		}
	}

	private static double shownAt(Browser browser) {
		return ((Number) browser.waitUntil(d -> browser.script(
				"const m = performance.getEntriesByName('calltask:tasks-shown'); return m.length ? m[0].startTime : null"),
				"the task page to show its rows")).doubleValue();
	}

	/** utime + stime of a process, in clock ticks. */
	private static long ticks(long pid) throws Exception {
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(f[11]) + Long.parseLong(f[12]);
	}

}
