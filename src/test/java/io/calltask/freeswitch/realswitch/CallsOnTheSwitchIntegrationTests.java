package io.calltask.freeswitch.realswitch;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the switch itself shows of a task's calls: each call record's {@code callid} is the channel
 * FreeSWITCH holds for it (with the call's correlation variable), a line's {@code limit} is never
 * exceeded in channels on the switch, and a paused task starts no new call while the calls already up
 * go on to their own end (docs/API-NOTES.md, "Lifecycle").
 */
@RequiresRealSwitch
class CallsOnTheSwitchIntegrationTests extends RealSwitchTestSupport {

	@Test
	void aCallsIdIsItsChannelOnTheSwitch() {
		String task = task(List.of(line("sipp_uas", 5, 5, callerNumber())), "hold", Map.of());
		String phone = phones(prefix(6), 1).get(0);
		numbers(task, List.of(phone));
		Call call = within(Duration.ofSeconds(15)).until(() -> calls(task), c -> c.size() == 1 && c.get(0).answered())
			.get(0);

		assertThat(call.ended()).as("the hold context keeps the call up 20 s").isFalse();
		assertThat(RealSwitch.api("uuid_exists " + call.callid()).strip()).isEqualTo("true");
		assertThat(RealSwitch.api("uuid_getvar " + call.callid() + " calltask_call").strip()).isEqualTo(call.callid());
		assertThat(RealSwitch.api("uuid_getvar " + call.callid() + " calltask_task").strip()).isEqualTo(task);
		// show channels reads the switch's own table, written a moment after the channel is made.
		within(Duration.ofSeconds(5)).until(() -> RealSwitch.channelsWith(phone) == 1);

		RealSwitch.api("uuid_kill " + call.callid() + " NORMAL_CLEARING");
		Call ended = awaitEnded(task, 1, Duration.ofSeconds(10)).get(0);
		assertThat(ended).extracting(Call::callid, Call::answered, Call::hangupCause, Call::outcome, Call::status)
			.as("hung up on the switch: the record says so")
			.containsExactly(call.callid(), true, "NORMAL_CLEARING", "answered", 1);
	}

	@Test
	void aLinesLimitIsNeverExceededOnTheSwitch() {
		String prefix = prefix(7);
		String line = line("sipp_uas", 2, 10, callerNumber());
		String task = task(List.of(line), "default", Map.of("maximumcall", 10, "cps", 10));
		List<String> phones = phones(prefix, 6);
		numbers(task, phones);

		AtomicInteger most = new AtomicInteger();
		within(Duration.ofSeconds(40)).until(() -> {
			most.accumulateAndGet(RealSwitch.channelsWith(prefix), Math::max);
			List<Call> calls = calls(task);
			return calls.size() == phones.size() && calls.stream().allMatch(Call::ended);
		});

		assertThat(most.get()).as("most channels up at once on the switch").isBetween(1, 2);
		List<Call> calls = calls(task);
		assertThat(calls).extracting(Call::phone).containsExactlyInAnyOrderElementsOf(phones);
		assertThat(calls).allSatisfy(c -> assertThat(c).extracting(Call::hangupCause, Call::outcome)
			.containsExactly("NORMAL_CLEARING", "answered"));
		JsonNode info = callInfo(task, line);
		assertThat(info.get("dialed_number_total").longValue()).isEqualTo(6);
		assertThat(info.get("calling_count").longValue()).isZero();
	}

	@Test
	void aPausedTaskStartsNoNewCallAndLetsTheCallsUpEndOnTheirOwn() {
		String prefix = prefix(8);
		String line = line("sipp_uas", 10, 10, callerNumber());
		// One originate a second: unpaused, three more calls would start in the three seconds watched.
		String task = task(List.of(line), "hold", Map.of("maximumcall", 6, "cps", 1));
		numbers(task, phones(prefix, 6));
		within(Duration.ofSeconds(15)).until(() -> calls(task).size() >= 2);

		ApiClient.Response paused = api.post(userPath("/task/" + task + "/pause"), Map.of());
		assertThat(paused.status()).as(paused.text()).isEqualTo(200);
		assertThat(paused.data().get("status").intValue()).isEqualTo(1);
		List<Call> up = calls(task);
		long watchUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
		while (System.nanoTime() < watchUntil) {
			assertThat(calls(task)).as("call records after the pause").hasSameSizeAs(up);
			assertThat(RealSwitch.channelsWith(prefix)).as("channels after the pause").isLessThanOrEqualTo(up.size());
			sleep(Duration.ofMillis(100));
		}
		assertThat(up).hasSizeGreaterThanOrEqualTo(2).allSatisfy(c -> {
			assertThat(c.answered()).isTrue();
			assertThat(RealSwitch.api("uuid_exists " + c.callid()).strip()).as("still up after the pause").isEqualTo("true");
		});

		List<Call> ended = awaitEnded(task, up.size(), Duration.ofSeconds(30));
		assertThat(ended).extracting(Call::callid).containsExactlyInAnyOrderElementsOf(up.stream().map(Call::callid).toList());
		assertThat(ended).allSatisfy(c -> {
			assertThat(c).extracting(Call::hangupCause, Call::outcome, Call::status)
				.as("ended by the dialplan after its 20 s, not by the pause")
				.containsExactly("NORMAL_CLEARING", "answered", 1);
			assertThat(c.billsec()).isBetween(19, 21);
		});
		within(Duration.ofSeconds(5)).until(() -> RealSwitch.channelsWith(prefix) == 0);
		JsonNode t = task(task);
		assertThat(t.get("status").intValue()).as("paused").isEqualTo(1);
		assertThat(t.get("enable").booleanValue()).isFalse();
		assertThat(t.get("cache_number_count").intValue()).as("the claimed batch went back").isZero();
		assertThat(api.get(userPath("/task/" + task + "/number?status=pending")).json().path("meta").get("total").intValue())
			.isEqualTo(6 - up.size());
		JsonNode info = callInfo(task, line);
		assertThat(info.get("dialed_number_total").longValue()).isEqualTo(up.size());
		assertThat(info.get("calling_count").longValue()).isZero();
	}

	private static void sleep(Duration d) {
		try {
			Thread.sleep(d.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
