package io.calltask.dialer.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/prometheus} (API.md §7): the dialer's meters move with the calls the engine places
 * and ends, as the call list shows them; labels name lines and outcomes, never a phone or a task.
 */
class MetricsIntegrationTests extends DialerTestSupport {

	@Test
	void callsStartedFinishedAndInProgressAreCountedPerLineAndOutcome() {
		String line = createLine(100, 100);
		String task = createTask(Map.of("maximumcall", 4, "cps", 10, "line", List.of(line)));
		String[] phones = phones("1360000", 6);
		addNumbers(task, phones);
		gateway.standard(ScriptedGateway.Script.answer(100, 30_000));
		String before = scrape();
		double answeredBefore = value(before, "calltask_calls_finished_total", "outcome", "answered");

		step(Duration.ofSeconds(3), Duration.ofMillis(100));
		String up = scrape();
		assertThat(value(up, "calltask_calls_started_total", "line_id", line)).as("calls placed on the line").isEqualTo(4);
		assertThat(value(up, "calltask_calls_in_progress", "line_id", line)).as("calls up on the line").isEqualTo(4);
		assertThat(value(up, "calltask_dialer_leader", null, null)).isEqualTo(1);

		step(Duration.ofSeconds(70), Duration.ofMillis(500));
		assertThat(calls(task)).hasSize(6).allSatisfy(c -> assertThat(c.outcome()).isEqualTo("answered"));
		String after = scrape();
		assertThat(value(after, "calltask_calls_started_total", "line_id", line)).isEqualTo(6);
		assertThat(value(after, "calltask_calls_finished_total", "outcome", "answered") - answeredBefore)
			.as("answered calls ended").isEqualTo(6);
		assertThat(value(after, "calltask_calls_in_progress", "line_id", line)).isZero();
		assertThat(after).as("Spring's request timings").contains("http_server_requests_seconds_count");
		for (String phone : phones) {
			assertThat(after).as("no label per phone").doesNotContain(phone);
		}
		assertThat(after).as("no label per task").doesNotContain(task);
	}

	private String scrape() {
		ApiClient.Response r = api.get("/actuator/prometheus");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.contentType()).startsWith("text/plain");
		return r.text();
	}

	/** The value of the sample {@code name} whose label {@code label} is {@code value} (any, if null); 0 if none. */
	private static double value(String scrape, String name, String label, String value) {
		Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
		Matcher m = sample.matcher(scrape);
		while (m.find()) {
			if (label == null || (m.group(1) != null && m.group(1).contains(label + "=\"" + value + "\""))) {
				return Double.parseDouble(m.group(2));
			}
		}
		return 0;
	}

}
