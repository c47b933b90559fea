package io.calltask.freeswitch.realswitch;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the bot gets and gives back (docs/API-NOTES.md, "The bot's variables and results") with the
 * real switch: the rig's dialplan plays the bot, reading the number's {@code calltask_var_grade} and
 * leaving {@code calltask_intention} (that grade when it is A to F, else B) and
 * {@code calltask_recording_url} ({@code http://recordings.invalid/<uuid>.wav}) on the channel.
 */
@RequiresRealSwitch
class BotResultsOnTheSwitchIntegrationTests extends RealSwitchTestSupport {

	private static final Duration WAIT = Duration.ofSeconds(30);

	/** {@code 1365} and 3 random digits: no other test of the suite dials {@code 136…}. */
	private static String botPrefix() {
		return "1365" + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
	}

	@Test
	void theBotReadsTheNumbersGradeAndItsIntentionAndRecordingShowInTheCallList() {
		String prefix = botPrefix();
		String graded = prefix + "0001";
		String plain = prefix + "0002";
		String notAGrade = prefix + "0003";
		String crowded = prefix + "0004";
		// More variables than go with a call, each longer than is sent: the call still goes, and the
		// grade (first in name order) still reaches the bot.
		Map<String, Object> many = new TreeMap<>();
		many.put("grade", "E");
		for (int i = 0; i < 40; i++) {
			many.put(String.format("v%02d", i), "第" + i + "项 " + "x".repeat(300));
		}
		String task = task(List.of(line("sipp_uas", 5, 5, callerNumber())), "default", Map.of());
		ApiClient.Response imported = api.post(userPath("/task/" + task + "/number"),
				Map.of("numbers", List.of(Map.of("phone", graded, "variables", Map.of("grade", "D", "name", "李雷")),
						Map.of("phone", plain), Map.of("phone", notAGrade, "variables", Map.of("grade", "Z")),
						Map.of("phone", crowded, "variables", many))));
		assertThat(imported.data().get("accepted").intValue()).as(imported.text()).isEqualTo(4);

		awaitEnded(task, 4, WAIT);
		Map<String, JsonNode> byPhone = new LinkedHashMap<>();
		api.get(userPath("/task/" + task + "/call?per_page=100")).data()
			.forEach(c -> byPhone.put(c.get("phone").stringValue(), c));

		assertBot(byPhone.get(graded), "D");
		assertBot(byPhone.get(plain), "B");
		assertBot(byPhone.get(notAGrade), "B");
		assertBot(byPhone.get(crowded), "E");
	}

	private static void assertBot(JsonNode call, String intention) {
		assertThat(call.get("outcome").stringValue()).as(call.toString()).isEqualTo("answered");
		assertThat(call.get("intention").stringValue()).as(call.toString()).isEqualTo(intention);
		assertThat(call.get("recording_url").stringValue()).as(call.toString())
			.isEqualTo("http://recordings.invalid/" + call.get("callid").stringValue() + ".wav");
	}

	/**
	 * Opt-out (API.md section 10): the rig's bot sets {@code calltask_optout=1} for a number imported with
	 * {@code optout=1}; the phone joins the user's blacklist with the call, and the number ends called.
	 */
	@Test
	void aCalleeWhoOptsOutOnTheSwitchJoinsTheBlacklist() {
		String prefix = botPrefix();
		String refusing = prefix + "0011";
		String plain = prefix + "0012";
		String task = task(List.of(line("sipp_uas", 5, 5, callerNumber())), "default", Map.of());
		ApiClient.Response imported = api.post(userPath("/task/" + task + "/number"), Map.of("numbers",
				List.of(Map.of("phone", refusing, "variables", Map.of("optout", "1")), Map.of("phone", plain))));
		assertThat(imported.data().get("accepted").intValue()).as(imported.text()).isEqualTo(2);

		awaitEnded(task, 2, WAIT);
		JsonNode blacklist = api.get(userPath("/blacklist")).json();
		assertThat(blacklist.get("meta").get("total").intValue()).as(blacklist.toString()).isEqualTo(1);
		JsonNode entry = blacklist.get("data").get(0);
		assertThat(entry.get("phone").stringValue()).isEqualTo(refusing);
		assertThat(entry.get("reason").stringValue()).isEqualTo("optout");
		String callid = api.get(userPath("/task/" + task + "/call?phone=" + refusing)).data().get(0).get("callid")
			.stringValue();
		assertThat(entry.get("callid").stringValue()).isEqualTo(callid);
		api.get(userPath("/task/" + task + "/number")).data()
			.forEach(n -> assertThat(n.get("status").stringValue()).as(n.toString()).isEqualTo("called"));
	}

	@Test
	void aCallTheBotNeverHadShowsNoIntentionOrRecording() {
		String task = task(List.of(line("sipp_busy", 5, 5, callerNumber())), "default", Map.of());
		String phone = botPrefix() + "0001";
		api.post(userPath("/task/" + task + "/number"),
				Map.of("numbers", List.of(Map.of("phone", phone, "variables", Map.of("grade", "A")))));
		awaitEnded(task, 1, WAIT);
		JsonNode call = api.get(userPath("/task/" + task + "/call")).data().get(0);
		assertThat(call.get("outcome").stringValue()).isEqualTo("busy");
		assertThat(call.get("intention").isNull()).as(call.toString()).isTrue();
		assertThat(call.get("recording_url").isNull()).as(call.toString()).isTrue();
	}

}
