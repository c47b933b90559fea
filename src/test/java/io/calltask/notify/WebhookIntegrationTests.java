package io.calltask.notify;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.dialer.engine.DialerTestSupport;
import io.calltask.dialer.engine.ScriptedGateway;
import io.calltask.testing.ApiClient;
import io.calltask.testing.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks end to end: calls dialed by the engine (stepped by hand, a clock the test moves) are
 * POSTed to a real HTTP server, signed as the Standard Webhooks libraries verify; each finished call
 * is one event with one id; failed attempts come again after the configured delays (the test moves
 * the clock); {@code call_notify_fail_stop} pauses the task; the delivery log and redelivery; a
 * rotated secret signs beside the new one.
 */
@TestPropertySource(properties = { "calltask.notify.allow-private=true", "calltask.notify.poll=50ms",
		"calltask.notify.timeout=2s", "calltask.notify.retry-delays=10s,20s,30s",
		"calltask.notify.fail-stop-attempts=2", "calltask.notify.per-receiver=3" })
class WebhookIntegrationTests extends DialerTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static WebhookReceiver receiver;

	/** This test's own paths on the receiver: events of earlier tests still being retried go elsewhere. */
	private String test;

	@BeforeEach
	void receiver() throws IOException {
		if (receiver == null) {
			receiver = new WebhookReceiver();
		}
		receiver.clear();
		receiver.answer(r -> 200);
		test = "/" + java.util.UUID.randomUUID();
	}

	private String url(String path) {
		return receiver.url(test + path);
	}

	private List<WebhookReceiver.Received> received(String path) {
		return receiver.received(test + path);
	}

	@AfterAll
	static void closeReceiver() {
		if (receiver != null) {
			receiver.close();
			receiver = null;
		}
	}

	private String secret() {
		return api.get("/agent-api/webhook-secret").data().get("secret").stringValue();
	}

	private static JsonNode json(WebhookReceiver.Received r) {
		return JSON.readTree(r.body());
	}

	private JsonNode log(String task, String query) {
		ApiClient.Response r = api.get(userPath("/task/" + task + "/notify" + query));
		assertThat(r.status()).as(r.text()).isEqualTo(200);
		return r.data();
	}

	/** Steps the engine until the task has no number left to dial or in progress. */
	private void dialAll(String task) {
		for (int i = 0; i < 600 && (numberStatuses(task).containsKey("pending") || numberStatuses(task).containsKey("calling")
				|| numberStatuses(task).containsKey("claimed")); i++) {
			step(Duration.ofSeconds(1), Duration.ofMillis(200));
		}
		assertThat(numberStatuses(task)).doesNotContainKeys("pending", "calling", "claimed");
	}

	private static void waitFor(String what, Supplier<Boolean> condition) {
		await(what).atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(condition::get);
	}

	@Test
	void everyFinishedCallIsOneSignedEventDeliveredWithItsOwnId() {
		String line = createLine(10, 10);
		String task = createTask(Map.of("line", List.of(line), "call_notify_url", url("/calls"),
				"call_notify_type", 2));
		gateway.script("13100000001",
				ScriptedGateway.Script.answer(500, 3000).leaving("A", "https://recordings.example.com/13100000001.wav"));
		gateway.script("13100000002", ScriptedGateway.Script.fail("USER_BUSY", 800));
		gateway.script("13100000003", ScriptedGateway.Script.fail("NO_ANSWER", 1000));
		api.post(userPath("/task/" + task + "/number"), Map.of("numbers", List.of(
				Map.of("phone", "13100000001", "variables", Map.of("name", "张三")), Map.of("phone", "13100000002"),
				Map.of("phone", "13100000003"))));
		dialAll(task);
		waitFor("three deliveries", () -> received("/calls").size() >= 3);

		String secret = secret();
		List<WebhookReceiver.Received> got = received("/calls");
		assertThat(got).hasSize(3).allSatisfy(r -> {
			assertThat(WebhookReceiver.verify(r, secret)).as("signature of " + r.id()).isTrue();
			assertThat(json(r).get("id").stringValue()).isEqualTo(r.id());
			assertThat(json(r).get("type").stringValue()).isEqualTo("call.finished");
			assertThat(Long.parseLong(r.timestamp())).isPositive();
		});
		assertThat(got.stream().map(WebhookReceiver.Received::id).collect(Collectors.toSet())).hasSize(3);
		Map<String, JsonNode> byPhone = got.stream()
			.map(r -> json(r).get("data"))
			.collect(Collectors.toMap(d -> d.get("phone").stringValue(), d -> d));
		JsonNode answered = byPhone.get("13100000001");
		assertThat(answered.get("outcome").stringValue()).isEqualTo("answered");
		assertThat(answered.get("hangup_cause").stringValue()).isEqualTo("NORMAL_CLEARING");
		assertThat(answered.get("variables").get("name").stringValue()).isEqualTo("张三");
		assertThat(answered.get("task_id").stringValue()).isEqualTo(task);
		assertThat(answered.get("user_id").stringValue()).isEqualTo(userId);
		assertThat(answered.get("line_id").stringValue()).isEqualTo(line);
		assertThat(answered.get("caller_number").stringValue()).isEqualTo("02100000000");
		assertThat(answered.get("number_status").stringValue()).isEqualTo("called");
		assertThat(answered.get("billsec").intValue()).isEqualTo(3);
		assertThat(answered.get("intention").stringValue()).as("the bot's grade").isEqualTo("A");
		assertThat(answered.get("recording_url").stringValue()).isEqualTo("https://recordings.example.com/13100000001.wav");
		assertThat(byPhone.get("13100000002").get("intention").isNull()).isTrue();
		assertThat(byPhone.get("13100000002").get("outcome").stringValue()).isEqualTo("busy");
		Set<String> callids = api.get(userPath("/task/" + task + "/call")).data().valueStream()
			.map(c -> c.get("callid").stringValue())
			.collect(Collectors.toSet());
		assertThat(byPhone.values().stream().map(d -> d.get("callid").stringValue())).containsExactlyInAnyOrderElementsOf(callids);

		waitFor("the log shows three delivered", () -> log(task, "?status=delivered").size() == 3);
		JsonNode entry = log(task, "").get(0);
		assertThat(entry.get("type").stringValue()).isEqualTo("call.finished");
		assertThat(entry.get("attempts").intValue()).isEqualTo(1);
		assertThat(entry.get("last_status_code").intValue()).isEqualTo(200);
		assertThat(entry.get("delivered_datetime").isNull()).isFalse();
	}

	@Test
	void typeOneSendsOnlyTheCallsNobodyAnswered() {
		String line = createLine(10, 10);
		String task = createTask(Map.of("line", List.of(line), "call_notify_url", url("/failed"),
				"call_notify_type", 1));
		gateway.script("13200000001", ScriptedGateway.Script.answer(500, 1000));
		gateway.script("13200000002", ScriptedGateway.Script.fail("USER_BUSY", 800));
		addNumbers(task, "13200000001", "13200000002");
		dialAll(task);
		waitFor("one delivery", () -> received("/failed").size() >= 1);
		step(Duration.ofSeconds(2), Duration.ofMillis(500));
		waitFor("the log settled", () -> log(task, "?status=pending").isEmpty());
		assertThat(received("/failed")).hasSize(1)
			.allSatisfy(r -> assertThat(json(r).get("data").get("phone").stringValue()).isEqualTo("13200000002"));
	}

	@Test
	void failedAttemptsComeBackAfterTheDelaysAndFailStopPausesTheTask() {
		receiver.answer(r -> r.path().endsWith("/calls") ? 500 : 200);
		String line = createLine(10, 10);
		String task = createTask(Map.of("line", List.of(line), "call_notify_url", url("/calls"),
				"call_notify_type", 2, "call_notify_fail_stop", 1, "call_stop_notify_url", url("/stops")));
		gateway.script("13300000001", ScriptedGateway.Script.fail("USER_BUSY", 500));
		addNumbers(task, "13300000001", "13300000002");
		// One call ends; the other number waits for its slot.
		api.put(userPath("/task/" + task), Map.of("maximumcall", 1));
		step(Duration.ofSeconds(1), Duration.ofMillis(100));
		waitFor("a first attempt", () -> received("/calls").size() >= 1);
		waitFor("recorded", () -> log(task, "").get(0).get("attempts").intValue() == 1);
		JsonNode first = log(task, "").get(0);
		assertThat(first.get("status").stringValue()).isEqualTo("pending");
		assertThat(first.get("last_status_code").intValue()).isEqualTo(500);
		String id = first.get("id").stringValue();

		// The clock stood still since the attempt: the retry is due the first delay (10 s ± 10 %) after now.
		Instant failedAt = clock.instant();
		Instant next = instant(first.get("next_attempt_datetime").stringValue()); // to the second
		assertThat(next).isBetween(failedAt.plusSeconds(8), failedAt.plusSeconds(11));
		clock.set(next.minusMillis(1)); // just before it is due: not sent
		probe(line);
		assertThat(received("/calls")).as("no attempt before its delay").hasSize(1);
		clock.set(next.plusSeconds(1)); // due now
		waitFor("the second attempt", () -> received("/calls").size() >= 2);
		assertThat(received("/calls")).extracting(WebhookReceiver.Received::id).containsOnly(id);

		// fail-stop-attempts (2) reached: the task is paused, and says why.
		waitFor("task.stopped", () -> !received("/stops").isEmpty());
		JsonNode stopped = json(received("/stops").get(0));
		assertThat(stopped.get("type").stringValue()).isEqualTo("task.stopped");
		assertThat(stopped.get("data").get("reason").stringValue()).isEqualTo("notify_failed");
		assertThat(stopped.get("data").get("task_id").stringValue()).isEqualTo(task);
		assertThat(task(task).get("enable").booleanValue()).isFalse();
	}

	@Test
	void aFailedEventIsRedeliveredOnRequest() {
		receiver.answer(r -> r.path().startsWith(test) ? 503 : 200);
		String line = createLine(10, 10);
		String task = createTask(Map.of("line", List.of(line), "call_notify_url", url("/calls"),
				"call_notify_type", 2));
		gateway.script("13400000001", ScriptedGateway.Script.fail("USER_BUSY", 500));
		addNumbers(task, "13400000001");
		dialAll(task);
		for (int attempt = 1; attempt <= 4; attempt++) {
			int n = attempt;
			waitFor("attempt " + n, () -> received("/calls").size() >= n);
			waitFor("attempt " + n + " recorded", () -> log(task, "").get(0).get("attempts").intValue() == n);
			clock.advance(Duration.ofSeconds(40));
		}
		JsonNode failed = log(task, "?status=failed");
		assertThat(failed).hasSize(1);
		assertThat(failed.get(0).get("last_error").stringValue()).isEqualTo("HTTP 503");
		String id = failed.get(0).get("id").stringValue();

		assertThat(api.post(userPath("/task/" + task + "/notify/" + java.util.UUID.randomUUID() + "/redeliver"), Map.of())
			.status()).isEqualTo(404);
		receiver.answer(r -> 204);
		ApiClient.Response redeliver = api.post(userPath("/task/" + task + "/notify/" + id + "/redeliver"), Map.of());
		assertThat(redeliver.status()).as(redeliver.text()).isEqualTo(200);
		waitFor("delivered", () -> log(task, "?status=delivered").size() == 1);
		assertThat(received("/calls")).hasSize(5).extracting(WebhookReceiver.Received::id).containsOnly(id);
		ApiClient.Response again = api.post(userPath("/task/" + task + "/notify/" + id + "/redeliver"), Map.of());
		assertThat(again.status()).as("only a failed event").isEqualTo(422);
	}

	@Test
	void deliveredEventsAreDeletedAfterTheRetentionAndPendingOnesKept() {
		receiver.answer(r -> r.path().startsWith(test + "/down") ? 503 : 200);
		String delivered = createTask(Map.of("line", List.of(createLine(10, 10)), "call_notify_url", url("/calls"),
				"call_notify_type", 2, "maximumcall", 1));
		String pending = createTask(Map.of("line", List.of(createLine(10, 10)), "call_notify_url", url("/down"),
				"call_notify_type", 2, "maximumcall", 1));
		gateway.script("13800000111", ScriptedGateway.Script.fail("USER_BUSY", 200));
		gateway.script("13800000112", ScriptedGateway.Script.fail("USER_BUSY", 200));
		addNumbers(delivered, "13800000111");
		addNumbers(pending, "13800000112");
		step(Duration.ofSeconds(1), Duration.ofMillis(100));
		waitFor("one event delivered, one failed once", () -> log(delivered, "?status=delivered").size() == 1
				&& log(pending, "").size() == 1 && log(pending, "").get(0).get("attempts").intValue() >= 1);

		clock.advance(Duration.ofDays(31)); // calltask.notify.retention: 30 days
		waitFor("the delivered event deleted", () -> log(delivered, "").isEmpty());
		assertThat(log(pending, "")).as("a pending event stays, however old").hasSize(1);
		assertThat(log(pending, "").get(0).get("status").stringValue()).isEqualTo("pending");
	}

	@Test
	void aReceiverBackFromAnOutageGetsItsBacklogAtOnce() {
		boolean[] down = { true };
		receiver.answer(r -> r.path().startsWith(test) && down[0] ? 503 : 200);
		String line = createLine(10, 10);
		String task = createTask(Map.of("line", List.of(line), "call_notify_url", url("/calls"), "call_notify_type", 2,
				"maximumcall", 1));
		gateway.script("13800000101", ScriptedGateway.Script.fail("USER_BUSY", 200));
		gateway.script("13800000102", ScriptedGateway.Script.fail("USER_BUSY", 200));
		addNumbers(task, "13800000101");
		step(Duration.ofSeconds(1), Duration.ofMillis(100));
		waitFor("the first event failed once", () -> log(task, "").size() == 1
				&& log(task, "").get(0).get("attempts").intValue() == 1);
		clock.advance(Duration.ofSeconds(5));
		addNumbers(task, "13800000102");
		step(Duration.ofSeconds(1), Duration.ofMillis(100));
		waitFor("the second event failed once", () -> log(task, "").size() == 2
				&& log(task, "").valueStream().allMatch(e -> e.get("attempts").intValue() == 1));
		String second = log(task, "").get(0).get("next_attempt_datetime").stringValue();

		down[0] = false;
		clock.advance(Duration.ofSeconds(5)); // the first event's retry is due (10 s ± 10 %), the second's is not
		waitFor("both delivered", () -> log(task, "?status=delivered").size() == 2);
		assertThat(received("/calls")).hasSize(4);
		assertThat(log(task, "").get(0).get("delivered_datetime").stringValue()).as("before its own retry time")
			.isLessThan(second);
	}

	@Test
	void aReceiverThatNeverAnswersDoesNotDelayAnother() throws IOException {
		try (WebhookReceiver dead = new WebhookReceiver()) {
			dead.answer(r -> {
				sleep(5000); // past calltask.notify.timeout (2 s), every time
				return 200;
			});
			String line = createLine(20, 20);
			String slow = createTask(Map.of("line", List.of(line), "call_notify_url", dead.url("/calls"),
					"call_notify_type", 2));
			String fast = createTask(Map.of("line", List.of(line), "call_notify_url", url("/calls"), "call_notify_type", 2));
			gateway.standard(ScriptedGateway.Script.fail("USER_BUSY", 200));
			addNumbers(slow, phones("1390100", 10));
			dialAll(slow);
			waitFor("the dead receiver's slots taken", () -> dead.received().size() >= 3);
			addNumbers(fast, phones("1390200", 3));
			dialAll(fast);
			waitFor("the other receiver's events delivered", () -> log(fast, "?status=delivered").size() == 3);
			assertThat(log(slow, "?status=delivered")).isEmpty();
		}
	}

	@Test
	void aRotatedSecretStillSignsBesideTheNewOne() {
		String before = secret();
		ApiClient.Response rotated = api.post("/agent-api/webhook-secret/rotate", Map.of());
		assertThat(rotated.status()).as(rotated.text()).isEqualTo(200);
		String after = rotated.data().get("secret").stringValue();
		assertThat(after).startsWith("whsec_").isNotEqualTo(before);
		assertThat(rotated.data().get("previous_expires_datetime").isNull()).isFalse();
		assertThat(secret()).isEqualTo(after);

		String line = createLine(10, 10);
		String task = createTask(Map.of("line", List.of(line), "call_notify_url", url("/calls"),
				"call_notify_type", 2));
		gateway.script("13500000001", ScriptedGateway.Script.fail("USER_BUSY", 500));
		addNumbers(task, "13500000001");
		dialAll(task);
		waitFor("a delivery", () -> received("/calls").size() >= 1);
		WebhookReceiver.Received r = received("/calls").get(0);
		assertThat(r.signature().split(" ")).hasSize(2);
		assertThat(WebhookReceiver.verify(r, after)).isTrue();
		assertThat(WebhookReceiver.verify(r, before)).isTrue();
		assertThat(WebhookReceiver.verify(r, io.calltask.notify.internal.TestSecrets.random())).isFalse();
	}

	@Test
	void taskStoppedSaysWhy() {
		String line = createLine(10, 10);
		Map<String, Object> notify = Map.of("line", List.of(line), "call_stop_notify_url", url("/stops"),
				"end_action", 0);
		String finishes = createTask(notify);
		gateway.script("13600000001", ScriptedGateway.Script.fail("USER_BUSY", 300));
		addNumbers(finishes, "13600000001");
		dialAll(finishes);
		step(Duration.ofSeconds(5), Duration.ofMillis(500));
		String paused = createTask(notify);
		assertThat(api.post(userPath("/task/" + paused + "/pause"), Map.of()).status()).isEqualTo(200);
		String deleted = createTask(notify);
		assertThat(api.delete(userPath("/task/" + deleted)).status()).isEqualTo(200);
		java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
		Map<String, Object> ends = new java.util.HashMap<>(notify);
		ends.put("stop_time", local().plusMinutes(30).format(format));
		String stopTime = createTask(ends);
		addNumbers(stopTime, "13600000002");
		gateway.script("13600000002", ScriptedGateway.Script.answer(500, 60 * 60_000));
		step(Duration.ofMinutes(31), Duration.ofSeconds(30));
		waitFor("four task.stopped", () -> received("/stops").size() >= 4);
		Map<String, String> reasons = received("/stops").stream()
			.map(r -> json(r).get("data"))
			.collect(Collectors.toMap(d -> d.get("task_id").stringValue(), d -> d.get("reason").stringValue()));
		assertThat(reasons).containsEntry(finishes, "finished").containsEntry(paused, "paused")
			.containsEntry(deleted, "deleted").containsEntry(stopTime, "stop_time");
		assertThat(received("/stops")).as("one each").hasSize(4);
		JsonNode finished = received("/stops").stream().map(r -> json(r).get("data"))
			.filter(d -> d.get("task_id").stringValue().equals(finishes)).findFirst().orElseThrow();
		assertThat(finished.get("dialed_number_total").longValue()).isEqualTo(1);
		assertThat(finished.get("number_count").longValue()).isZero();
	}

	@Test
	void aReceiverThatMisbehavesCostsOneBoundedAttemptEach() {
		Map<String, Integer> byPhone = Map.of("13700000001", 200, "13700000002", WebhookReceiver.REDIRECT,
				"13700000003", WebhookReceiver.CLOSE, "13700000004", WebhookReceiver.ENDLESS);
		receiver.answer(r -> {
			if (!r.path().startsWith(test)) {
				return 200;
			}
			String phone = json(r).get("data").get("phone").stringValue();
			if (phone.equals("13700000001")) {
				sleep(4000); // past calltask.notify.timeout (2 s)
			}
			return byPhone.get(phone);
		});
		String line = createLine(10, 10);
		String task = createTask(Map.of("line", List.of(line), "call_notify_url", url("/calls"),
				"call_notify_type", 2));
		gateway.standard(ScriptedGateway.Script.fail("USER_BUSY", 300));
		addNumbers(task, byPhone.keySet().toArray(String[]::new));
		dialAll(task);
		waitFor("every first attempt recorded", () -> {
			JsonNode log = log(task, "");
			return log.size() == 4 && log.valueStream().allMatch(e -> e.get("attempts").intValue() == 1);
		});
		Map<String, JsonNode> entries = log(task, "").valueStream()
			.collect(Collectors.toMap(e -> e.get("id").stringValue(), e -> e));
		Map<String, String> phoneOf = received("/calls").stream()
			.collect(Collectors.toMap(WebhookReceiver.Received::id, r -> json(r).get("data").get("phone").stringValue(),
					(a, b) -> a));
		Map<String, JsonNode> byNumber = entries.values().stream()
			.collect(Collectors.toMap(e -> phoneOf.get(e.get("id").stringValue()), e -> e));
		assertThat(byNumber.get("13700000001").get("last_error").stringValue()).isEqualTo("timed out");
		assertThat(byNumber.get("13700000001").get("status").stringValue()).isEqualTo("pending");
		assertThat(byNumber.get("13700000002").get("last_status_code").intValue()).as("redirects are not followed")
			.isEqualTo(302);
		assertThat(byNumber.get("13700000003").get("last_status_code").isNull()).isTrue();
		assertThat(byNumber.get("13700000003").get("last_error").isNull()).isFalse();
		assertThat(byNumber.get("13700000004").get("status").stringValue()).as("its body is never read")
			.isEqualTo("delivered");
		assertThat(receiver.received("/redirected")).isEmpty();
		assertThat(received("/calls")).hasSize(4);
	}

	/**
	 * Waits until the dispatchers have had a round at the clock's time: a task deleted now says so to
	 * {@code /probe}, due at once, and that attempt is recorded. An event due at that time goes in
	 * the same round, or one before.
	 */
	private void probe(String line) {
		String task = createTask(Map.of("line", List.of(line), "call_stop_notify_url", url("/probe")));
		int before = received("/probe").size();
		assertThat(api.delete(userPath("/task/" + task)).status()).isEqualTo(200);
		waitFor("the probe delivered", () -> received("/probe").size() > before);
		String id = received("/probe").get(before).id();
		waitFor("the probe recorded", () -> jdbc.sql("SELECT status FROM notify_event WHERE id = ?")
			.param(java.util.UUID.fromString(id))
			.query(String.class)
			.single()
			.equals("delivered"));
	}

	/** A time as the API shows it (local, to the second). */
	private static Instant instant(String shown) {
		return LocalDateTime.parse(shown, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).atZone(ZONE).toInstant();
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
