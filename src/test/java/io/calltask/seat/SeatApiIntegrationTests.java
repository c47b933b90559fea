package io.calltask.seat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.seat.SeatBoardStore.SeatChange;
import io.calltask.seat.internal.BridgeGroupService;
import io.calltask.seat.internal.SeatService;
import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;
import io.calltask.time.DateTimes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seats and bridge groups through the API (API.md 8.1), and what the dialer writes through
 * {@link SeatBoardStore} as the API then shows it.
 */
@RecordApplicationEvents
class SeatApiIntegrationTests extends ApiIntegrationTest {

	@Autowired
	SeatBoardStore board;

	@Autowired
	DateTimes time;

	@Autowired
	SeatService seatService;

	@Autowired
	BridgeGroupService groupService;

	@Autowired
	ApplicationEvents events;

	@Test
	void seatsAreCreatedReadListedUpdatedAndDeleted() {
		JsonNode seat = createSeat(body("name", "小王", "extension", "1001"));
		long id = seat.get("seat_id").longValue();
		assertThat(seat.get("extension").stringValue()).isEqualTo("1001");
		assertThat(seat.get("contact").stringValue()).isEqualTo("user/1001");
		assertThat(seat.get("wrap_up_seconds").intValue()).isEqualTo(10);
		assertThat(seat.get("max_no_answer").intValue()).isEqualTo(3);
		assertThat(seat.get("status").stringValue()).isEqualTo("offline");
		assertThat(seat.get("status_reason").isNull()).isTrue();
		assertThat(seat.get("call_state").stringValue()).isEqualTo("free");
		assertThat(seat.get("group_ids").toString()).isEqualTo("[]");
		assertThat(seat.get("calls_today").intValue()).isZero();
		assertThat(seat.get("talk_seconds_today").intValue()).isZero();
		assertThat(seat.get("status_datetime").stringValue()).isEqualTo(seat.get("create_datetime").stringValue());
		JsonNode second = createSeat(body("name", "小李", "extension", 1002, "contact", "sofia/gateway/pbx/8002",
				"wrap_up_seconds", 0, "max_no_answer", 1));
		assertThat(second.get("extension").stringValue()).isEqualTo("1002");
		assertThat(second.get("contact").stringValue()).isEqualTo("sofia/gateway/pbx/8002");
		createSeat(body("name", "小张", "extension", "1003"));

		JsonNode page = api.get(userPath("/seat?per_page=2")).json();
		assertThat(page.get("meta").get("total").intValue()).isEqualTo(3);
		assertThat(page.get("meta").get("last_page").intValue()).isEqualTo(2);
		assertThat(names(page)).containsExactly("小张", "小李");
		assertThat(names(api.get(userPath("/seat?per_page=2&page=2")).json())).containsExactly("小王");
		assertThat(names(api.get(userPath("/seat?page=3&per_page=2")).json())).isEmpty();

		// A contact that is the template's follows the extension; a contact given stays.
		JsonNode updated = api.put(userPath("/seat/" + id), body("extension", "2001", "wrap_up_seconds", 30)).data();
		assertThat(updated.get("contact").stringValue()).isEqualTo("user/2001");
		assertThat(updated.get("wrap_up_seconds").intValue()).isEqualTo(30);
		assertThat(updated.get("name").stringValue()).isEqualTo("小王");
		assertThat(api.get(userPath("/seat/" + id)).data()).isEqualTo(updated);
		long secondId = second.get("seat_id").longValue();
		assertThat(api.put(userPath("/seat/" + secondId), body("extension", "2002")).data().get("contact")
			.stringValue()).isEqualTo("sofia/gateway/pbx/8002");
		assertThat(api.put(userPath("/seat/" + secondId), body("contact", null)).data().get("contact").stringValue())
			.isEqualTo("user/2002");

		assertThat(api.delete(userPath("/seat/" + id)).status()).isEqualTo(200);
		assertError(api.get(userPath("/seat/" + id)), 404);
		assertError(api.delete(userPath("/seat/" + id)), 404);
		assertThat(api.get(userPath("/seat")).json().get("meta").get("total").intValue()).isEqualTo(2);
	}

	@Test
	void peopleSetTheStatusAndTheListFiltersByIt() {
		long a = seatId("甲", "801");
		long b = seatId("乙", "802");
		seatId("丙", "803");
		JsonNode idle = api.put(userPath("/seat/" + a + "/status"), Map.of("status", "idle")).data();
		assertThat(idle.get("status").stringValue()).isEqualTo("idle");
		assertThat(idle.get("status_reason").isNull()).isTrue();
		assertThat(api.put(userPath("/seat/" + b + "/status"), Map.of("status", "break")).data().get("status")
			.stringValue()).isEqualTo("break");

		assertThat(names(api.get(userPath("/seat?status=idle")).json())).containsExactly("甲");
		assertThat(names(api.get(userPath("/seat?status=break")).json())).containsExactly("乙");
		assertThat(names(api.get(userPath("/seat?status=offline")).json())).containsExactly("丙");
		assertInvalid(api.get(userPath("/seat?status=busy")), "status");
		assertInvalid(api.get(userPath("/seat?group_id=x")), "group_id");

		assertInvalid(api.put(userPath("/seat/" + a + "/status"), Map.of("status", "busy")), "status");
		assertInvalid(api.put(userPath("/seat/" + a + "/status"), Map.of("status", 1)), "status");
		assertInvalid(api.put(userPath("/seat/" + a + "/status"), Map.of()), "status");
		assertError(api.put(userPath("/seat/999999999/status"), Map.of("status", "idle")), 404);
		assertThat(api.get(userPath("/seat/" + a)).data().get("status").stringValue()).isEqualTo("idle");
	}

	@Test
	void badSeatsAreRefusedNamingTheFieldAndNothingIsStored() {
		assertInvalid(api.post(userPath("/seat"), body("extension", "100")), "name");
		assertInvalid(api.post(userPath("/seat"), body("name", "x")), "extension");
		for (Object extension : List.of("10a1", "", "+100", "1".repeat(21), -5, 1.5, true)) {
			assertInvalid(api.post(userPath("/seat"), body("name", "x", "extension", extension)), "extension");
		}
		for (String contact : List.of("1001", "user/1001,user/1002", "user/1001|user/1002", "{x=y}user/1",
				"user/${x}", "user/1 2", "user/'1'")) {
			assertInvalid(api.post(userPath("/seat"), body("name", "x", "extension", "100", "contact", contact)),
					"contact");
		}
		assertInvalid(api.post(userPath("/seat"), body("name", "x", "extension", "100", "wrap_up_seconds", 3601)),
				"wrap_up_seconds");
		assertInvalid(api.post(userPath("/seat"), body("name", "x", "extension", "100", "wrap_up_seconds", "5")),
				"wrap_up_seconds");
		assertInvalid(api.post(userPath("/seat"), body("name", "x", "extension", "100", "max_no_answer", 0)),
				"max_no_answer");
		assertInvalid(api.post(userPath("/seat"), body("name", "x", "extension", "100", "max_no_answer", 101)),
				"max_no_answer");
		assertInvalid(api.raw("POST", userPath("/seat"), "application/json", "[1]"), "body");
		assertThat(api.get(userPath("/seat")).json().get("meta").get("total").intValue()).isZero();

		long id = seatId("原名", "100");
		// The extension is unique per user: another user may have it.
		assertInvalid(api.post(userPath("/seat"), body("name", "重复", "extension", "100")), "extension");
		long other = seatId("另一个", "101");
		assertInvalid(api.put(userPath("/seat/" + other), body("extension", "100")), "extension");
		String otherUser = newUser(api);
		assertThat(api.post("/agent-api/new/user/" + otherUser + "/seat", body("name", "别人", "extension", "100"))
			.status()).isEqualTo(201);

		assertInvalid(api.put(userPath("/seat/" + id), body("name", "新名字", "max_no_answer", 0)), "max_no_answer");
		JsonNode kept = api.get(userPath("/seat/" + id)).data();
		assertThat(kept.get("name").stringValue()).isEqualTo("原名");
		assertThat(kept.get("max_no_answer").intValue()).isEqualTo(3);
		assertThat(api.put(userPath("/seat/" + id), body("extension", "100", "name", "同号改名")).status()).isEqualTo(200);
	}

	@Test
	void seatsAndGroupsOfOtherUsersAndAgentsAre404() {
		long seat = seatId("私有坐席", "500");
		long group = groupId(body("name", "私有组", "seat_ids", List.of(seat)));
		String others = "/agent-api/new/user/" + newUser(api);
		assertError(api.get(others + "/seat/" + seat), 404);
		assertError(api.put(others + "/seat/" + seat, body("name", "x")), 404);
		assertError(api.put(others + "/seat/" + seat + "/status", body("status", "idle")), 404);
		assertError(api.delete(others + "/seat/" + seat), 404);
		assertError(api.get(others + "/bridge-group/" + group), 404);
		assertError(api.put(others + "/bridge-group/" + group, body("name", "x")), 404);
		assertError(api.delete(others + "/bridge-group/" + group), 404);
		assertError(newAgentClient().get(userPath("/seat/" + seat)), 404);
		assertError(api.get(userPath("/seat/abc")), 404);
		assertError(api.get(userPath("/bridge-group/-1")), 404);
		// Another user's seat named in a body is a 422; listing by another user's group finds nothing.
		assertInvalid(api.post(others + "/bridge-group", body("name", "偷用", "seat_ids", List.of(seat))), "seat_ids");
		assertThat(api.get(others + "/seat?group_id=" + group).json().get("meta").get("total").intValue()).isZero();
		assertThat(api.get(userPath("/seat/" + seat)).data().get("name").stringValue()).isEqualTo("私有坐席");
		assertThat(api.get(userPath("/bridge-group/" + group)).data().get("seat_ids").toString())
			.isEqualTo("[" + seat + "]");
	}

	@Test
	void groupsKeepTheirSeatsInOrder() {
		long a = seatId("A", "301");
		long b = seatId("B", "302");
		long c = seatId("C", "303");
		JsonNode group = createGroup(body("name", "售后组", "seat_ids", List.of(c, a)));
		long id = group.get("bridge_group_id").longValue();
		assertThat(group.get("seat_ids").toString()).isEqualTo("[" + c + "," + a + "]");
		assertThat(group.get("strategy").stringValue()).isEqualTo("longest_idle");
		assertThat(group.get("ring_timeout_seconds").intValue()).isEqualTo(20);
		assertThat(group.get("max_wait_seconds").intValue()).isEqualTo(30);
		long empty = groupId(body("name", "空组", "strategy", "top_down", "ring_timeout_seconds", 5,
				"max_wait_seconds", 0));
		assertThat(api.get(userPath("/bridge-group/" + empty)).data().get("seat_ids").toString()).isEqualTo("[]");

		assertThat(api.get(userPath("/seat/" + a)).data().get("group_ids").toString()).isEqualTo("[" + id + "]");
		assertThat(names(api.get(userPath("/seat?group_id=" + id)).json())).containsExactlyInAnyOrder("A", "C");

		JsonNode updated = api.put(userPath("/bridge-group/" + id), body("seat_ids", List.of(b, c, a), "strategy",
				"fewest_calls")).data();
		assertThat(updated.get("seat_ids").toString()).isEqualTo("[" + b + "," + c + "," + a + "]");
		assertThat(updated.get("strategy").stringValue()).isEqualTo("fewest_calls");
		assertThat(updated.get("name").stringValue()).isEqualTo("售后组");
		assertThat(api.put(userPath("/bridge-group/" + id), body("name", "改名")).data().get("seat_ids").toString())
			.isEqualTo("[" + b + "," + c + "," + a + "]");
		api.put(userPath("/bridge-group/" + empty), body("seat_ids", List.of(a)));
		assertThat(api.get(userPath("/seat/" + a)).data().get("group_ids").toString())
			.isEqualTo("[" + id + "," + empty + "]");

		JsonNode page = api.get(userPath("/bridge-group?per_page=1")).json();
		assertThat(page.get("meta").get("total").intValue()).isEqualTo(2);
		assertThat(names(page)).containsExactly("空组");
		assertThat(names(api.get(userPath("/bridge-group?per_page=1&page=2")).json())).containsExactly("改名");

		// A seat deleted leaves its groups; a group deleted leaves its seats.
		api.delete(userPath("/seat/" + c));
		assertThat(api.get(userPath("/bridge-group/" + id)).data().get("seat_ids").toString())
			.isEqualTo("[" + b + "," + a + "]");
		assertThat(api.delete(userPath("/bridge-group/" + empty)).status()).isEqualTo(200);
		assertError(api.get(userPath("/bridge-group/" + empty)), 404);
		assertThat(api.get(userPath("/seat/" + a)).data().get("group_ids").toString()).isEqualTo("[" + id + "]");
	}

	@Test
	void badGroupsAreRefusedNamingTheFieldAndNothingIsStored() {
		long a = seatId("A", "401");
		assertInvalid(api.post(userPath("/bridge-group"), body("seat_ids", List.of(a))), "name");
		assertInvalid(api.post(userPath("/bridge-group"), body("name", "g", "seat_ids", List.of(a, 999_999_999))),
				"seat_ids");
		assertInvalid(api.post(userPath("/bridge-group"), body("name", "g", "seat_ids", List.of(a, a))), "seat_ids");
		assertInvalid(api.post(userPath("/bridge-group"), body("name", "g", "seat_ids", List.of("1"))), "seat_ids");
		assertInvalid(api.post(userPath("/bridge-group"), body("name", "g", "seat_ids", a)), "seat_ids");
		assertInvalid(api.post(userPath("/bridge-group"), body("name", "g", "strategy", "round_robin")), "strategy");
		assertInvalid(api.post(userPath("/bridge-group"), body("name", "g", "ring_timeout_seconds", 4)),
				"ring_timeout_seconds");
		assertInvalid(api.post(userPath("/bridge-group"), body("name", "g", "ring_timeout_seconds", 301)),
				"ring_timeout_seconds");
		assertInvalid(api.post(userPath("/bridge-group"), body("name", "g", "max_wait_seconds", -1)),
				"max_wait_seconds");
		assertInvalid(api.post(userPath("/bridge-group"), body("name", "g", "max_wait_seconds", 3601)),
				"max_wait_seconds");
		assertThat(api.get(userPath("/bridge-group")).json().get("meta").get("total").intValue()).isZero();

		long id = groupId(body("name", "原组", "seat_ids", List.of(a)));
		ApiClient.Response bad = api.put(userPath("/bridge-group/" + id), body("name", "新名", "seat_ids",
				List.of(a, 999_999_999), "strategy", "x"));
		assertInvalid(bad, "seat_ids");
		assertThat(bad.errorsOf("strategy")).isNotNull();
		JsonNode kept = api.get(userPath("/bridge-group/" + id)).data();
		assertThat(kept.get("name").stringValue()).isEqualTo("原组");
		assertThat(kept.get("seat_ids").toString()).isEqualTo("[" + a + "]");
	}

	@Test
	void groupStatsCountEachSeatOnceFromWhatPeopleAndTheDialerSet() {
		long idle = seatId("闲", "601");
		long ringing = seatId("振铃", "602");
		long onBreak = seatId("小休", "603");
		long offline = seatId("签出", "604");
		long talkingOnBreak = seatId("通话中小休", "605");
		long wrapUp = seatId("整理", "606");
		for (long seat : List.of(idle, ringing, talkingOnBreak, wrapUp)) {
			api.put(userPath("/seat/" + seat + "/status"), Map.of("status", "idle"));
		}
		api.put(userPath("/seat/" + onBreak + "/status"), Map.of("status", "break"));
		Instant now = time.now();
		board.record(List.of(change(ringing, SeatCallState.RESERVED, now), change(ringing, SeatCallState.RINGING, now),
				change(talkingOnBreak, SeatCallState.TALKING, now), change(wrapUp, SeatCallState.WRAP_UP, now)));
		// Put on break while talking: the seat keeps its call and counts as talking.
		api.put(userPath("/seat/" + talkingOnBreak + "/status"), Map.of("status", "break"));
		long group = groupId(body("name", "全体", "seat_ids",
				List.of(idle, ringing, onBreak, offline, talkingOnBreak, wrapUp)));
		long other = groupId(body("name", "空闲两人", "seat_ids", List.of(idle, onBreak)));

		assertThat(stats(group)).isEqualTo(Map.of("idle", 1, "reserved", 0, "ringing", 1, "talking", 1, "wrap_up", 1,
				"break", 1, "offline", 1, "waiting", 0));
		board.recordWaiting(Map.of(group, 2));
		assertThat(stats(group).get("waiting")).isEqualTo(2);
		assertThat(stats(other)).isEqualTo(Map.of("idle", 1, "reserved", 0, "ringing", 0, "talking", 0, "wrap_up", 0,
				"break", 1, "offline", 0, "waiting", 0));
		JsonNode listed = api.get(userPath("/bridge-group")).json().get("data");
		assertThat(listed.get(1).get("stats").get("waiting").intValue()).isEqualTo(2);
		board.recordWaiting(Map.of(other, 1));
		assertThat(stats(group).get("waiting")).isZero();
		assertThat(stats(other).get("waiting")).isEqualTo(1);
		board.recordWaiting(Map.of());
		assertThat(stats(other).get("waiting")).isZero();
		assertThat(api.get(userPath("/seat/" + ringing)).data().get("call_state").stringValue()).isEqualTo("ringing");
	}

	@Test
	void aSeatInACallIsNotDeleted() {
		long seat = seatId("忙碌", "701");
		api.put(userPath("/seat/" + seat + "/status"), Map.of("status", "idle"));
		board.record(List.of(change(seat, SeatCallState.TALKING, time.now())));
		ApiClient.Response refused = api.delete(userPath("/seat/" + seat));
		assertError(refused, 409);
		assertThat(refused.errorsOf("call_state")).contains("talking");
		assertThat(api.get(userPath("/seat/" + seat)).status()).isEqualTo(200);

		board.record(List.of(change(seat, SeatCallState.FREE, time.now())));
		assertThat(api.delete(userPath("/seat/" + seat)).status()).isEqualTo(200);
		// The dialer writing a seat that is gone changes nothing and fails nothing.
		board.record(List.of(change(seat, SeatCallState.FREE, time.now())));
		assertThat(board.seats()).noneMatch(s -> s.id() == seat);
	}

	@Test
	void tasksUseOnlyTheirUsersGroupsAndAGroupInUseIsNotDeleted() {
		long group = groupId(body("name", "转人工"));
		String others = "/agent-api/new/user/" + newUser(api);
		long othersGroup = api.post(others + "/bridge-group", body("name", "别人的组")).data().get("bridge_group_id")
			.longValue();

		for (Object bad : List.of(othersGroup, 999_999_999, "1", -1)) {
			assertInvalid(api.post(userPath("/task"), body("name", "t", "bridge_group_id", bad)), "bridge_group_id");
		}
		ApiClient.Response none = api.post(userPath("/task"), body("name", "不转人工", "bridge_group_id", 0));
		assertThat(none.status()).as(none.text()).isEqualTo(201);
		assertThat(none.data().get("bridge_group_id").isNull()).isTrue();
		ApiClient.Response created = api.post(userPath("/task"), body("name", "转人工任务", "bridge_group_id", group));
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		assertThat(created.data().get("bridge_group_id").longValue()).isEqualTo(group);
		String task = created.data().get("uuid").stringValue();
		assertInvalid(api.put(userPath("/task/" + task), body("bridge_group_id", othersGroup)), "bridge_group_id");

		ApiClient.Response refused = api.delete(userPath("/bridge-group/" + group));
		assertError(refused, 409);
		assertThat(refused.errorsOf("bridge_group_id")).contains("1 个任务");
		assertThat(api.get(userPath("/bridge-group/" + group)).status()).isEqualTo(200);

		api.delete(userPath("/task/" + task));
		assertThat(api.delete(userPath("/bridge-group/" + group)).status()).isEqualTo(200);
	}

	@Test
	void theDialersWritesCountTodaysCallsAndPutMissingSeatsOnBreak() {
		long seat = seatId("计数", "901");
		long signedOut = seatId("已签出", "902");
		api.put(userPath("/seat/" + seat + "/status"), Map.of("status", "idle"));
		Instant now = time.now();
		UUID call = UUID.randomUUID();
		board.record(List.of(new SeatChange(seat, SeatCallState.TALKING, call, now, 0, false),
				new SeatChange(seat, SeatCallState.WRAP_UP, call, now, 30, false),
				new SeatChange(seat, SeatCallState.FREE, null, now, 0, false),
				new SeatChange(seat, SeatCallState.WRAP_UP, null, now, 45, false)));
		JsonNode read = api.get(userPath("/seat/" + seat)).data();
		assertThat(read.get("calls_today").intValue()).isEqualTo(2);
		assertThat(read.get("talk_seconds_today").intValue()).isEqualTo(75);
		assertThat(read.get("call_state").stringValue()).isEqualTo("wrap_up");
		Seat dialersView = board.seats().stream().filter(s -> s.id() == seat).findFirst().orElseThrow();
		assertThat(dialersView.callsToday()).isEqualTo(2);
		assertThat(dialersView.callState()).isEqualTo(SeatCallState.WRAP_UP);
		assertThat(dialersView.contact()).isEqualTo("user/901");

		// Counters of another day are not today's: they show 0, and today's first call starts them again.
		Instant yesterday = now.minus(Duration.ofDays(1));
		board.record(List.of(new SeatChange(seat, SeatCallState.WRAP_UP, null, yesterday, 600, false)));
		read = api.get(userPath("/seat/" + seat)).data();
		assertThat(read.get("calls_today").intValue()).isZero();
		assertThat(read.get("talk_seconds_today").intValue()).isZero();
		board.record(List.of(new SeatChange(seat, SeatCallState.WRAP_UP, null, now, 12, false)));
		read = api.get(userPath("/seat/" + seat)).data();
		assertThat(read.get("calls_today").intValue()).isEqualTo(1);
		assertThat(read.get("talk_seconds_today").intValue()).isEqualTo(12);

		// Misses in a row: a signed-in seat goes on break (no_answer); a seat signed out meanwhile stays out.
		Instant missed = now.plusSeconds(5);
		board.record(List.of(new SeatChange(signedOut, SeatCallState.FREE, null, missed, 0, true),
				new SeatChange(seat, SeatCallState.FREE, null, missed, 0, true)));
		read = api.get(userPath("/seat/" + seat)).data();
		assertThat(read.get("status").stringValue()).isEqualTo("break");
		assertThat(read.get("status_reason").stringValue()).isEqualTo("no_answer");
		assertThat(read.get("status_datetime").stringValue()).isEqualTo(time.format(missed));
		assertThat(read.get("call_state").stringValue()).isEqualTo("free");
		assertThat(api.get(userPath("/seat?status=break")).json().get("meta").get("total").intValue()).isEqualTo(1);
		JsonNode out = api.get(userPath("/seat/" + signedOut)).data();
		assertThat(out.get("status").stringValue()).isEqualTo("offline");
		assertThat(out.get("status_reason").isNull()).isTrue();

		JsonNode back = api.put(userPath("/seat/" + seat + "/status"), Map.of("status", "idle")).data();
		assertThat(back.get("status_reason").isNull()).isTrue();
		assertThat(back.get("calls_today").intValue()).isEqualTo(1);
	}

	@Test
	void theDialerReadsEveryGroupWithItsSeatsInOrder() {
		long a = seatId("A", "201");
		long b = seatId("B", "202");
		long group = groupId(body("name", "读组", "seat_ids", List.of(b, a), "strategy", "top_down",
				"ring_timeout_seconds", 15, "max_wait_seconds", 60));
		BridgeGroup read = board.groups().stream().filter(g -> g.id() == group).findFirst().orElseThrow();
		assertThat(read.userId()).isEqualTo(UUID.fromString(userId));
		assertThat(read.seatIds()).containsExactly(b, a);
		assertThat(read.strategy()).isEqualTo(GroupStrategy.TOP_DOWN);
		assertThat(read.ringTimeoutSeconds()).isEqualTo(15);
		assertThat(read.maxWaitSeconds()).isEqualTo(60);
	}

	@Test
	void everyWriteTellsTheDialer() {
		UUID user = UUID.fromString(userId);
		JsonMapper json = JsonMapper.builder().build();
		long seat = seatService.create(user, json.valueToTree(body("name", "事件", "extension", "1"))).id();
		seatService.update(user, seat, json.valueToTree(body("name", "事件2")));
		seatService.setStatus(user, seat, json.valueToTree(body("status", "idle")));
		long group = groupService.create(user, json.valueToTree(body("name", "g", "seat_ids", List.of(seat)))).id();
		groupService.update(user, group, json.valueToTree(body("strategy", "random")));
		groupService.delete(user, group);
		seatService.delete(user, seat);
		assertThat(events.stream(SeatsChanged.class)).hasSize(7).allMatch(e -> e.userId().equals(user));
	}

	private JsonNode createSeat(Map<String, ?> body) {
		ApiClient.Response r = api.post(userPath("/seat"), body);
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data();
	}

	private long seatId(String name, String extension) {
		return createSeat(body("name", name, "extension", extension)).get("seat_id").longValue();
	}

	private JsonNode createGroup(Map<String, ?> body) {
		ApiClient.Response r = api.post(userPath("/bridge-group"), body);
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data();
	}

	private long groupId(Map<String, ?> body) {
		return createGroup(body).get("bridge_group_id").longValue();
	}

	private Map<String, Integer> stats(long group) {
		Map<String, Integer> stats = new LinkedHashMap<>();
		api.get(userPath("/bridge-group/" + group)).data().get("stats").properties()
			.forEach(e -> stats.put(e.getKey(), e.getValue().intValue()));
		return stats;
	}

	private static SeatChange change(long seat, SeatCallState state, Instant at) {
		return new SeatChange(seat, state, state == SeatCallState.FREE ? null : UUID.randomUUID(), at, 0, false);
	}

	private static List<String> names(JsonNode page) {
		return page.get("data").valueStream().map(item -> item.get("name").stringValue()).toList();
	}

	private static Map<String, Object> body(Object... keyValues) {
		Map<String, Object> body = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			body.put((String) keyValues[i], keyValues[i + 1]);
		}
		return body;
	}

}
