package io.calltask.freeswitch.realswitch;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The switch killed (-9) with calls up, then started again: the calls that were up are closed as lost
 * ({@code SYSTEM_SHUTDOWN}, still answered, billed up to the crash) once the node has been unreachable
 * for {@code calltask.freeswitch.lost-after}, health and the task's line show the node down meanwhile,
 * and after the restart the task dials again and its calls end normally.
 * <p>
 * This kills the switch every real-switch test shares: it is started again whatever happens.
 */
@RequiresRealSwitch
class SwitchCrashIntegrationTests extends RealSwitchTestSupport {

	@Test
	void callsUpWhenTheSwitchDiesAreClosedAsLostAndTheTaskDialsAgainAfterTheRestart() throws Exception {
		String prefix = prefix(9);
		List<String> phones = phones(prefix, 4);
		String line = line("sipp_uas", 10, 10, callerNumber());
		String task = task(List.of(line), "hold", Map.of("maximumcall", 2));
		numbers(task, phones.subList(0, 2));
		long started = System.nanoTime();
		within(Duration.ofSeconds(15)).until(() -> calls(task), c -> c.size() == 2 && c.stream().allMatch(Call::answered));
		assertThat(task(task).get("status").intValue()).as("dialing").isEqualTo(2);
		assertThat(callInfo(task, line).get("call_status").intValue()).isEqualTo(1);

		long killedAfterSeconds;
		try {
			RealSwitch.kill();
			killedAfterSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

			within(Duration.ofSeconds(10)).until(() -> "DOWN".equals(health().path("status").asString()));
			assertThat(health().path("details").path(NODE).path("state").asString()).isEqualTo("down");
			within(Duration.ofSeconds(10)).until(() -> callInfo(task, line).get("call_status").intValue() == 0);
			assertThat(task(task).get("status").intValue()).as("enabled, not dialing").isEqualTo(3);

			List<Call> lost = awaitEnded(task, 2, Duration.ofSeconds(20));
			assertThat(lost).extracting(Call::phone).containsExactlyInAnyOrderElementsOf(phones.subList(0, 2));
			assertThat(lost).allSatisfy(c -> {
				assertThat(c).extracting(Call::hangupCause, Call::outcome, Call::status)
					.containsExactly("SYSTEM_SHUTDOWN", "answered", 1);
				assertThat(c.billsec()).as("billed up to the crash, not the outage").isBetween(0, (int) killedAfterSeconds + 1);
			});
			assertThat(health().path("status").asString()).as("closed while the switch was still down").isEqualTo("DOWN");
		}
		finally {
			if (!RealSwitch.reachable()) {
				RealSwitch.start();
			}
		}

		within(Duration.ofSeconds(30)).until(() -> "UP".equals(health().path("status").asString()));
		ApiClient.Response shortCalls = api.put(userPath("/task/" + task), Map.of("destination_context", "default"));
		assertThat(shortCalls.status()).as(shortCalls.text()).isEqualTo(200);
		numbers(task, phones.subList(2, 4));
		List<Call> all = awaitEnded(task, 4, Duration.ofSeconds(20));
		assertThat(all).filteredOn(c -> phones.subList(2, 4).contains(c.phone())).hasSize(2).allSatisfy(c -> assertThat(c)
			.extracting(Call::hangupCause, Call::outcome, Call::status).containsExactly("NORMAL_CLEARING", "answered", 1));
		JsonNode info = callInfo(task, line);
		assertThat(info.get("dialed_number_total").longValue()).isEqualTo(4);
		assertThat(info.get("answer_total").longValue()).isEqualTo(4);
		assertThat(info.get("normal_hangup_total").longValue()).as("lost answered calls are not gateway errors").isEqualTo(4);
		assertThat(info.get("calling_count").longValue()).isZero();
	}

}
