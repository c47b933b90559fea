package io.calltask.freeswitch.realswitch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transfer to a person (转人工, API.md section 8) with the whole application on the real switch, in
 * real time, as an integrator sees it: seats, bridge groups and tasks made through the API, the
 * outcome read back from the call list ({@code bridge_*}), the seats' and groups' views, and the
 * switch's log. The rig's bot (a number imported with variable {@code transfer=1}) asks for a seat 1 s
 * after answering; sent back with {@code calltask_bridge_result=busy} it grades E and hangs up. Its
 * seats {@code sofia/internal/seat_talk<digits>@127.0.0.1:5080} answer at once, log the caller id
 * they were shown and talk 4 s; {@code sofia/gateway/sipp_noanswer/1002} rings and never answers.
 * <p>
 * Seats live in the database every test of the suite shares, and the switch is shared with other
 * runs: each test's seats get random extensions, its talking seats a contact name of their own
 * ({@code seat_talk<random digits>}), so the switch's log and channels tell them apart.
 */
@RequiresRealSwitch
@TestPropertySource(properties = { "calltask.seats.hold-audio=" + TransferOnTheSwitchIntegrationTests.HOLD,
		"calltask.seats.empty-grace=2s" })
class TransferOnTheSwitchIntegrationTests extends RealSwitchTestSupport {

	/** The rig has no mod_local_stream: a tone is the hold audio. */
	static final String HOLD = "tone_stream://%(1000,4000,450)";

	private static final String NO_ANSWER = "sofia/gateway/sipp_noanswer/1002";

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final DateTimeFormatter API_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	/** This run's digits in seat extensions and talking seats' names. */
	private final String run = String.format("%05d", ThreadLocalRandom.current().nextInt(100_000));

	private final List<Long> seats = new ArrayList<>();

	/** Signs the test's seats out and deletes them once their calls are over; a seat still in a call (a failed test) stays signed out. */
	@AfterEach
	void signOutSeats() {
		for (long seat : seats) {
			api.put(userPath("/seat/" + seat + "/status"), Map.of("status", "offline"));
		}
		long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		List<Long> left = new ArrayList<>(seats);
		while (!left.isEmpty() && System.nanoTime() < until) {
			left.removeIf(seat -> {
				int status = api.delete(userPath("/seat/" + seat)).status();
				return status == 200 || status == 204 || status == 404;
			});
			if (!left.isEmpty()) {
				sleep(200);
			}
		}
	}

	// ------------------------------------------------------------------ the cases

	@Test
	void theBotsParkIsBridgedToTheSeatWhoSeesTheCustomersPhoneAndIsFreeAfterItsWrapUp() throws IOException {
		String talker = talker(1);
		long seat = seat("坐席甲", contact(talker), 1, 3, "idle");
		long group = group(List.of(seat), Map.of());
		String task = transferTask(group, Map.of("direct_bridge", 0, "direct_bridge_echo", 0));
		String phone = phones(prefix(1), 1).get(0);
		transferNumbers(task, List.of(phone));

		// The seat's call states as the API shows them, one entry per change.
		List<String> states = new ArrayList<>();
		long[] wrapUpSeen = { 0 };
		long[] freeAgain = { 0 };
		within(WAIT).until(() -> {
			String state = seatView(seat).get("call_state").stringValue();
			if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
				states.add(state);
				if (state.equals("wrap_up") && wrapUpSeen[0] == 0) {
					wrapUpSeen[0] = System.nanoTime();
				}
				if (state.equals("free") && wrapUpSeen[0] != 0) {
					freeAgain[0] = System.nanoTime();
				}
			}
			return freeAgain[0] != 0 && calls(task).stream().allMatch(Call::ended) && !calls(task).isEmpty();
		});
		assertThat(states).as("the seat's call states").containsSubsequence("talking", "wrap_up", "free");
		assertThat(Duration.ofNanos(freeAgain[0] - wrapUpSeen[0])).as("wrap_up_seconds 1")
			.isLessThan(Duration.ofMillis(2500));

		JsonNode call = records(task).get(phone);
		assertThat(call.get("bridge_result").stringValue()).as(call.toString()).isEqualTo("bridged");
		assertThat(call.get("bridge_seat_id").longValue()).isEqualTo(seat);
		assertThat(call.get("bridge_seat_name").stringValue()).isEqualTo("坐席甲");
		assertThat(call.get("bridge_billsec").intValue()).as("the seat talks 4 s, as the switch bills its leg")
			.isEqualTo(4);
		assertThat(call.get("bridge_wait_ms").longValue()).as("the seat answers at once").isBetween(0L, 3000L);
		assertThat(call.get("billsec").intValue()).as("the bot's second and the seat's four").isBetween(4, 8);
		assertThat(call.get("intention").stringValue()).as("the bot's grade stays").isEqualTo("A");
		assertThat(call.get("outcome").stringValue()).isEqualTo("answered");
		assertThat(switchLog()).as("the seat is shown the customer's phone")
			.contains("seat " + talker + " answered, caller " + phone);

		JsonNode view = seatView(seat);
		assertThat(view.get("call_state").stringValue()).isEqualTo("free");
		assertThat(view.get("status").stringValue()).isEqualTo("idle");
		assertThat(view.get("calls_today").intValue()).isEqualTo(1);
		assertThat(view.get("talk_seconds_today").intValue()).isEqualTo(4);
		JsonNode stats = groupView(group).get("stats");
		assertThat(stats.get("idle").intValue()).as(stats.toString()).isEqualTo(1);
		assertThat(stats.get("talking").intValue()).as(stats.toString()).isZero();
		assertThat(stats.get("waiting").intValue()).as(stats.toString()).isZero();
	}

	@Test
	void aDirectBridgeTaskSendsTheAnsweredCallToASeatWithoutTheBot() throws IOException {
		String talker = talker(1);
		long seat = seat("坐席乙", contact(talker), 1, 3, "idle");
		long group = group(List.of(seat), Map.of());
		String task = transferTask(group, Map.of("direct_bridge", 1));
		String phone = phones(prefix(2), 1).get(0);
		numbers(task, List.of(phone)); // no transfer variable: the bot would hang up after 2 s

		awaitEnded(task, 1, WAIT);
		JsonNode call = records(task).get(phone);
		assertThat(call.get("bridge_result").stringValue()).as(call.toString()).isEqualTo("bridged");
		assertThat(call.get("bridge_seat_id").longValue()).isEqualTo(seat);
		assertThat(call.get("bridge_seat_name").stringValue()).isEqualTo("坐席乙");
		assertThat(call.get("bridge_billsec").intValue()).isEqualTo(4);
		assertThat(call.get("bridge_wait_ms").longValue()).isBetween(0L, 2000L);
		assertThat(call.get("intention").isNull()).as("the bot never ran: " + call).isTrue();
		assertThat(switchLog()).contains("seat " + talker + " answered, caller " + phone);
		within(Duration.ofSeconds(5)).until(() -> seatView(seat).get("call_state").stringValue().equals("free"));
		assertThat(seatView(seat).get("calls_today").intValue()).isEqualTo(1);
	}

	@Test
	void aCallUpWithItsBotGoesToASeatWhenAskedThroughTheApi() throws IOException {
		String talker = talker(1);
		long seat = seat("坐席丙", contact(talker), 1, 3, "idle");
		long group = group(List.of(seat), Map.of());
		// context "hold": the bot keeps the customer 20 s and never asks by itself
		String task = task(List.of(line("sipp_uas", 10, 10, callerNumber())), "hold", Map.of("bridge_group_id", group));
		String phone = phones(prefix(9), 1).get(0);
		numbers(task, List.of(phone));

		within(Duration.ofSeconds(15)).until(() -> calls(task).stream().anyMatch(Call::answered));
		String callid = calls(task).get(0).callid();
		ApiClient.Response asked = api.post(userPath("/task/" + task + "/call/" + callid + "/transfer"), Map.of());
		assertThat(asked.status()).as(asked.text()).isEqualTo(202);

		awaitEnded(task, 1, Duration.ofSeconds(15));
		JsonNode call = records(task).get(phone);
		assertThat(call.get("bridge_result").stringValue()).as(call.toString()).isEqualTo("bridged");
		assertThat(call.get("bridge_seat_id").longValue()).isEqualTo(seat);
		assertThat(call.get("bridge_billsec").intValue()).isBetween(3, 5);
		assertThat(call.get("billsec").intValue()).as("ended with the seat, not after the bot's 20 s").isLessThan(15);
		assertThat(switchLog()).contains("seat " + talker + " answered, caller " + phone);
	}

	@Test
	void aSeatThatNeverAnswersIsSkippedAndPutOnBreakAfterItsMisses() throws IOException {
		long deaf = seat("不接", NO_ANSWER, 1, 1, "idle");
		String talker = talker(2);
		long second = seat("接听", contact(talker), 1, 3, "idle");
		long group = group(List.of(deaf, second), Map.of("strategy", "top_down", "ring_timeout_seconds", 5));
		String task = transferTask(group, Map.of());
		String phone = phones(prefix(3), 1).get(0);
		transferNumbers(task, List.of(phone));

		awaitEnded(task, 1, WAIT);
		JsonNode call = records(task).get(phone);
		assertThat(call.get("bridge_result").stringValue()).as(call.toString()).isEqualTo("bridged");
		assertThat(call.get("bridge_seat_id").longValue()).isEqualTo(second);
		assertThat(call.get("bridge_seat_name").stringValue()).isEqualTo("接听");
		// FreeSWITCH counts a ring timeout in wall-clock seconds: 5 s ends after 4 to 5
		assertThat(call.get("bridge_wait_ms").longValue()).as("the first seat rang its 5 s")
			.isBetween(3900L, 9000L);
		assertThat(call.get("bridge_billsec").intValue()).isBetween(3, 5);
		assertThat(switchLog()).contains("seat " + talker + " answered, caller " + phone);

		JsonNode missed = seatView(deaf);
		assertThat(missed.get("status").stringValue()).as(missed.toString()).isEqualTo("break");
		assertThat(missed.get("status_reason").stringValue()).as(missed.toString()).isEqualTo("no_answer");
		assertThat(missed.get("call_state").stringValue()).isEqualTo("free");
		assertThat(missed.get("calls_today").intValue()).isZero();
		assertThat(seatView(second).get("calls_today").intValue()).isEqualTo(1);
		JsonNode stats = groupView(group).get("stats");
		assertThat(stats.get("break").intValue()).as(stats.toString()).isEqualTo(1);
	}

	@Test
	void withNoSeatToTakeItAndEchoTheCallGoesBackToTheBot() {
		long absent = seat("签出", contact(talker(1)), 1, 3, "offline");
		long resting = seat("小休", contact(talker(2)), 1, 3, "break");
		long group = group(List.of(absent, resting), Map.of());
		String task = transferTask(group, Map.of("direct_bridge_echo", 1));
		String phone = phones(prefix(4), 1).get(0);
		transferNumbers(task, List.of(phone));

		awaitEnded(task, 1, WAIT);
		JsonNode call = records(task).get(phone);
		assertThat(call.get("bridge_result").stringValue()).as(call.toString()).isEqualTo("fallback_bot");
		assertThat(call.get("intention").stringValue()).as("the bot heard calltask_bridge_result=busy").isEqualTo("E");
		assertThat(call.get("bridge_seat_id").isNull()).isTrue();
		assertThat(call.get("bridge_seat_name").isNull()).isTrue();
		assertThat(call.get("bridge_billsec").intValue()).isZero();
		assertThat(call.get("bridge_wait_ms").longValue()).as("sent back at once").isBetween(0L, 1500L);
		assertThat(call.get("billsec").intValue()).as("the bot's second, then its second after the busy")
			.isBetween(1, 4);
		for (long seat : List.of(absent, resting)) {
			JsonNode view = seatView(seat);
			assertThat(view.get("call_state").stringValue()).isEqualTo("free");
			assertThat(view.get("calls_today").intValue()).isZero();
		}
		assertThat(seatView(absent).get("status").stringValue()).isEqualTo("offline");
		assertThat(seatView(resting).get("status").stringValue()).isEqualTo("break");
		assertThat(task(task).get("enable").booleanValue()).as("no empty_seat_stop: the task dials on").isTrue();
	}

	@Test
	void withNoSeatToTakeItAndNoEchoTheCustomerWaitsMaxWaitSecondsAndIsLetGo() {
		long absent = seat("签出", contact(talker(1)), 1, 3, "offline");
		long resting = seat("小休", contact(talker(2)), 1, 3, "break");
		long group = group(List.of(absent, resting), Map.of("max_wait_seconds", 5));
		String task = transferTask(group, Map.of("direct_bridge_echo", 0));
		String phone = phones(prefix(7), 1).get(0);
		transferNumbers(task, List.of(phone));

		within(Duration.ofSeconds(15)).until(() -> groupView(group).get("stats").get("waiting").intValue() == 1);
		JsonNode stats = groupView(group).get("stats");
		assertThat(stats.get("offline").intValue()).as(stats.toString()).isEqualTo(1);
		assertThat(stats.get("break").intValue()).as(stats.toString()).isEqualTo(1);
		assertThat(stats.get("idle").intValue()).as(stats.toString()).isZero();

		awaitEnded(task, 1, Duration.ofSeconds(15));
		JsonNode call = records(task).get(phone);
		assertThat(call.get("bridge_result").stringValue()).as(call.toString()).isEqualTo("abandoned");
		assertThat(call.get("bridge_wait_ms").longValue()).as("max_wait_seconds 5").isBetween(4800L, 7000L);
		assertThat(call.get("bridge_seat_id").isNull()).isTrue();
		assertThat(call.get("intention").stringValue()).as("the bot never came back").isEqualTo("A");
		assertThat(call.get("billsec").intValue()).as("the bot's second and the 5 s wait").isBetween(5, 8);
		within(Duration.ofSeconds(5)).until(() -> groupView(group).get("stats").get("waiting").intValue() == 0);
	}

	@Test
	void bridgeMaximumcallOneSendsTheSecondCustomerBackToTheBot() {
		long first = seat("一号", contact(talker(1)), 1, 3, "idle");
		long second = seat("二号", contact(talker(2)), 1, 3, "idle");
		long group = group(List.of(first, second), Map.of());
		String task = transferTask(group, Map.of("bridge_maximumcall", 1, "direct_bridge_echo", 1));
		List<String> phones = phones(prefix(5), 2);
		transferNumbers(task, phones);

		awaitEnded(task, 2, WAIT);
		Map<String, JsonNode> byPhone = records(task);
		Map<String, Integer> results = new HashMap<>();
		byPhone.values().forEach(c -> results.merge(c.get("bridge_result").stringValue(), 1, Integer::sum));
		assertThat(results).as(byPhone.toString()).isEqualTo(Map.of("bridged", 1, "fallback_bot", 1));
		for (JsonNode call : byPhone.values()) {
			if (call.get("bridge_result").stringValue().equals("fallback_bot")) {
				assertThat(call.get("intention").stringValue()).isEqualTo("E");
				assertThat(call.get("bridge_seat_id").isNull()).isTrue();
			}
			else {
				assertThat(call.get("bridge_seat_id").longValue()).isIn(first, second);
				assertThat(call.get("bridge_billsec").intValue()).isBetween(3, 5);
			}
		}
		int calls = seatView(first).get("calls_today").intValue() + seatView(second).get("calls_today").intValue();
		assertThat(calls).as("one seat talked, though both were free").isEqualTo(1);
	}

	@Test
	void moreCustomersThanSeatsAndNoSeatEverHasTwoAtOnce() throws Exception {
		String talker1 = talker(1);
		String talker2 = talker(2);
		long first = seat("甲", contact(talker1), 1, 3, "idle");
		long second = seat("乙", contact(talker2), 1, 3, "idle");
		Map<Long, String> talkers = Map.of(first, talker1, second, talker2);
		long group = group(List.of(first, second), Map.of("max_wait_seconds", 30));
		String task = transferTask(group, Map.of());
		List<String> phones = phones(prefix(6), 6);
		// the seat's own leg, one row of "show channels" per customer ringing or talking with it
		try (ChannelSampler legs = new ChannelSampler(List.of(leg(talker1), leg(talker2))).start()) {
			transferNumbers(task, phones);
			awaitEnded(task, 6, Duration.ofSeconds(40));
			assertThat(legs.mostAtOnce()).as("seat legs at once on the switch").containsOnlyKeys(leg(talker1), leg(talker2));
			assertThat(legs.mostAtOnce().values()).as("seat legs at once on the switch").containsOnly(1);
		}

		Map<String, JsonNode> byPhone = records(task);
		String log = switchLog();
		Map<Long, List<long[]>> talks = new HashMap<>();
		for (JsonNode call : byPhone.values()) {
			assertThat(call.get("bridge_result").stringValue()).as(call.toString()).isEqualTo("bridged");
			long seat = call.get("bridge_seat_id").longValue();
			assertThat(seat).isIn(first, second);
			assertThat(log).as("the switch rang the seat the record names")
				.contains("seat " + talkers.get(seat) + " answered, caller " + call.get("phone").stringValue());
			long end = LocalDateTime.parse(call.get("end_datetime").stringValue(), API_TIME).toEpochSecond(ZoneOffset.UTC)
					* 1000;
			long billsec = call.get("bridge_billsec").longValue();
			talks.computeIfAbsent(seat, k -> new ArrayList<>()).add(new long[] { end - billsec * 1000, end });
		}
		talks.forEach((seat, spans) -> {
			spans.sort((a, b) -> Long.compare(a[0], b[0]));
			for (int i = 1; i < spans.size(); i++) {
				// end and billsec are whole seconds: a bridge may seem to start up to 1 s early
				assertThat(spans.get(i)[0] + 1000).as("seat " + seat + " talks with one customer at a time")
					.isGreaterThanOrEqualTo(spans.get(i - 1)[1]);
			}
		});
		within(Duration.ofSeconds(5)).until(() -> seatView(first).get("call_state").stringValue().equals("free")
				&& seatView(second).get("call_state").stringValue().equals("free"));
		assertThat(seatView(first).get("calls_today").intValue() + seatView(second).get("calls_today").intValue())
			.isEqualTo(6);
	}

	@Test
	void aTaskWithEmptySeatStopPausesWhenEverySeatIsSignedOut() {
		long absent = seat("签出", contact(talker(1)), 1, 3, "offline");
		long group = group(List.of(absent), Map.of());
		String task = transferTask(group, Map.of("empty_seat_stop", 1));
		numbers(task, phones(prefix(8), 1));
		within(Duration.ofSeconds(15)).until(() -> !task(task).get("enable").booleanValue());
	}

	// ------------------------------------------------------------------ helpers

	/** A talking seat's name on the rig, this run's own: {@code seat_talk<run><n>}. */
	private String talker(int n) {
		return "seat_talk" + run + n;
	}

	private static String contact(String talker) {
		return "sofia/internal/" + talker + "@127.0.0.1:5080";
	}

	/** The seat leg's {@code name} field in a row of {@code show channels}. */
	private static String leg(String talker) {
		return "," + contact(talker) + ",";
	}

	/** A seat of the test's user with a random extension, its status set to {@code status}. */
	private long seat(String name, String contact, int wrapUpSeconds, int maxNoAnswer, String status) {
		String extension = run + seats.size() + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
		ApiClient.Response r = api.post(userPath("/seat"), Map.of("name", name, "extension", extension, "contact", contact,
				"wrap_up_seconds", wrapUpSeconds, "max_no_answer", maxNoAnswer));
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		long id = r.data().get("seat_id").longValue();
		seats.add(id);
		if (!status.equals("offline")) {
			ApiClient.Response s = api.put(userPath("/seat/" + id + "/status"), Map.of("status", status));
			assertThat(s.status()).as(s.text()).isEqualTo(200);
		}
		return id;
	}

	private long group(List<Long> seatIds, Map<String, Object> more) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", "转接组" + run);
		body.put("seat_ids", seatIds);
		body.putAll(more);
		ApiClient.Response r = api.post(userPath("/bridge-group"), body);
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data().get("bridge_group_id").longValue();
	}

	/** A task of the bot in context {@code default} on a {@code sipp_uas} line, transferring to {@code group}. */
	private String transferTask(long group, Map<String, Object> more) {
		Map<String, Object> extra = new LinkedHashMap<>();
		extra.put("bridge_group_id", group);
		extra.putAll(more);
		return task(List.of(line("sipp_uas", 10, 10, callerNumber())), "default", extra);
	}

	/** Imports the phones with variable {@code transfer=1}: the rig's bot asks for a seat. */
	private void transferNumbers(String task, List<String> phones) {
		List<Map<String, Object>> numbers = phones.stream()
			.map(p -> Map.<String, Object>of("phone", p, "variables", Map.of("transfer", "1")))
			.toList();
		ApiClient.Response r = api.post(userPath("/task/" + task + "/number"), Map.of("numbers", numbers));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		assertThat(r.data().get("accepted").intValue()).as(r.text()).isEqualTo(phones.size());
	}

	private JsonNode seatView(long seat) {
		ApiClient.Response r = api.get(userPath("/seat/" + seat));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.data();
	}

	private JsonNode groupView(long group) {
		ApiClient.Response r = api.get(userPath("/bridge-group/" + group));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.data();
	}

	/** The task's call list, by phone. */
	private Map<String, JsonNode> records(String task) {
		ApiClient.Response r = api.get(userPath("/task/" + task + "/call?per_page=100"));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		Map<String, JsonNode> byPhone = new LinkedHashMap<>();
		r.data().forEach(c -> byPhone.put(c.get("phone").stringValue(), c));
		return byPhone;
	}

	private static String switchLog() throws IOException {
		return Files.readString(RealSwitch.RUN_DIR.resolve("log/freeswitch.log"), StandardCharsets.ISO_8859_1);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
