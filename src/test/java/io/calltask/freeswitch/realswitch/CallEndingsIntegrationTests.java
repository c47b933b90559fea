package io.calltask.freeswitch.realswitch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way a call can end on the real switch, one gateway of the rig each, shows as the API
 * documents it (docs/API-NOTES.md, "Outcome and status"): the hangup cause FreeSWITCH gives, the
 * record's outcome and 13-state {@code status}, and the line's counters in the task's
 * {@code call_info}. And the callee sees the caller number the line (or the task) sets.
 */
@RequiresRealSwitch
class CallEndingsIntegrationTests extends RealSwitchTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/** One call on a line of {@code gateway}: the line, its task and the ended call record. */
	private record Dialed(String line, String task, Call call) {
	}

	private Dialed dialOne(String gateway, int test, Map<String, Object> extra) {
		String line = line(gateway, 5, 5, callerNumber());
		String task = task(List.of(line), "default", extra);
		String phone = phones(prefix(test), 1).get(0);
		numbers(task, List.of(phone));
		Call call = awaitEnded(task, 1, WAIT).get(0);
		assertThat(call.phone()).isEqualTo(phone);
		assertThat(call.lineId()).isEqualTo(line);
		return new Dialed(line, task, call);
	}

	@Test
	void anAnsweredCallIsBilledForTheBotsTwoSeconds() {
		Dialed d = dialOne("sipp_uas", 1, Map.of());
		assertThat(d.call()).extracting(Call::answered, Call::hangupCause, Call::outcome, Call::status)
			.containsExactly(true, "NORMAL_CLEARING", "answered", 1);
		assertThat(d.call().billsec()).as("the dialplan plays 2 s of silence, then hangs up").isBetween(1, 3);
		JsonNode info = callInfo(d.task(), d.line());
		assertCounters(info, 1, 1, 1, 0);
		assertThat(info.get("bill").longValue()).as("billed ms").isBetween(1000L, 3999L);
	}

	@Test
	void aBusyCalleeIsBusy() {
		Dialed d = dialOne("sipp_busy", 2, Map.of());
		assertThat(d.call()).extracting(Call::answered, Call::hangupCause, Call::outcome, Call::status)
			.containsExactly(false, "USER_BUSY", "busy", 8);
		assertCounters(callInfo(d.task(), d.line()), 1, 0, 1, 0);
	}

	@Test
	void aCalleeRingingPastTheTasksTimeoutIsNoAnswer() {
		Dialed d = dialOne("sipp_noanswer", 3, Map.of("_originate_timeout", 3));
		assertThat(d.call()).extracting(Call::answered, Call::hangupCause, Call::outcome, Call::status)
			.containsExactly(false, "NO_ANSWER", "no_answer", 4);
		assertCounters(callInfo(d.task(), d.line()), 1, 0, 1, 0);
	}

	@Test
	void anUnreachableGatewayIsAGatewayError() {
		Dialed d = dialOne("sipp_dead", 4, Map.of());
		assertThat(d.call()).extracting(Call::answered, Call::hangupCause, Call::outcome, Call::status)
			.containsExactly(false, "NORMAL_TEMPORARY_FAILURE", "gateway_error", 4);
		assertCounters(callInfo(d.task(), d.line()), 1, 0, 0, 1);
	}

	@Test
	void theCalleeSeesTheLinesCallerNumberOrTheTasksOwn() {
		String lineCaller = callerNumber();
		String taskCaller = callerNumber();
		String plain = task(List.of(line("sipp_uas", 5, 5, lineCaller)), "default", Map.of());
		String ownCallerId = task(List.of(line("sipp_uas", 5, 5, lineCaller)), "default",
				Map.of("_origination_caller_id_number", taskCaller));
		String prefix = prefix(5);
		numbers(plain, List.of(prefix + "0001"));
		numbers(ownCallerId, List.of(prefix + "0002"));
		awaitEnded(plain, 1, WAIT);
		awaitEnded(ownCallerId, 1, WAIT);

		assertThat(fromOfInviteTo(prefix + "0001")).contains("<sip:" + lineCaller + "@");
		assertThat(fromOfInviteTo(prefix + "0002")).contains("<sip:" + taskCaller + "@");
	}

	private static void assertCounters(JsonNode info, long dialed, long answered, long normal, long gatewayError) {
		assertThat(info.get("dialed_number_total").longValue()).as(info.toString()).isEqualTo(dialed);
		assertThat(info.get("answer_total").longValue()).as(info.toString()).isEqualTo(answered);
		assertThat(info.get("normal_hangup_total").longValue()).as(info.toString()).isEqualTo(normal);
		assertThat(info.get("gateway_error_hangup_total").longValue()).as(info.toString()).isEqualTo(gatewayError);
		assertThat(info.get("calling_count").longValue()).as(info.toString()).isZero();
		assertThat(info.get("answering_count").longValue()).as(info.toString()).isZero();
	}

	/** The From header of the INVITE for {@code phone} that the answering SIPp logged (it may log a moment late). */
	private static String fromOfInviteTo(String phone) {
		return within(Duration.ofSeconds(5)).until(() -> fromOfLoggedInvite(phone), Optional::isPresent).orElseThrow();
	}

	private static Optional<String> fromOfLoggedInvite(String phone) throws IOException {
		String log = Files.readString(RealSwitch.RUN_DIR.resolve("sipp-uas-messages.log"), StandardCharsets.ISO_8859_1);
		for (String message : log.split("\n-{20,} ")) {
			if (message.contains("\nINVITE sip:" + phone + "@")) {
				return message.lines().filter(l -> l.startsWith("From:")).findFirst();
			}
		}
		return Optional.empty();
	}

}
