package io.calltask.dialer.engine;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;

import tools.jackson.databind.JsonNode;

import io.calltask.catalog.Catalog;
import io.calltask.dialer.cluster.ClusterSettings;
import io.calltask.dialer.cluster.DialerLease;
import io.calltask.dialer.cluster.DialerRole;
import io.calltask.line.Lines;
import io.calltask.seat.SeatBoardStore;
import io.calltask.time.DateTimes;

import static org.assertj.core.api.Assertions.assertThat;

/** Pause, delete, restart_at, end_action, and a node dying mid-run. */
class DialerLifecycleIntegrationTests extends DialerTestSupport {

	private static final DateTimeFormatter API = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	@Autowired
	DialerSettings settings;

	@Autowired
	Lines lines;

	@Autowired
	Catalog catalog;

	@Autowired
	SeatBoardStore seats;

	@Autowired
	TransferSettings transferSettings;

	@Autowired
	PacingSettings pacingSettings;

	@Autowired
	NumberClaims claims;

	@Autowired
	AttemptLog attemptLog;

	@Autowired
	DialerNodes nodes;

	@Autowired
	DialerMetrics metrics;

	@Autowired
	DialerRole role;

	@Autowired
	DialerLease lease;

	@Autowired
	ClusterSettings cluster;

	@Autowired
	DataSource dataSource;

	@Autowired
	DateTimes time;

	@Test
	void pauseStopsNewCallsAndLetsCallsInProgressFinish() {
		String task = createTask(Map.of("maximumcall", 3, "cps", 10, "line", List.of(createLine(10, 10))));
		addNumbers(task, phones("1330000", 30));
		gateway.standard(ScriptedGateway.Script.answer(1000, 10_000));
		step(Duration.ofSeconds(2), Duration.ofMillis(100));
		assertThat(gateway.live()).isEqualTo(3);
		api.post(userPath("/task/" + task + "/pause"), Map.of());
		int placed = gateway.placed.size();
		step(Duration.ofSeconds(30), Duration.ofMillis(100));
		assertThat(gateway.placed).hasSize(placed);
		assertThat(calls(task)).hasSize(3).allSatisfy(c -> assertThat(c.outcome()).isEqualTo("answered"));
		assertThat(numberStatuses(task)).as("the batch went back to the queue").isEqualTo(Map.of("called", 3, "pending", 27));
		assertThat(task(task).get("cache_number_count").intValue()).isZero();
		assertThat(task(task).get("status").intValue()).isEqualTo(1);

		api.post(userPath("/task/" + task + "/start"), Map.of());
		step(Duration.ofSeconds(5), Duration.ofMillis(100));
		assertThat(gateway.placed.size()).isGreaterThan(placed);
		assertStatsAddUp(task(task));
	}

	@Test
	void deleteCancelsRingingCallsAndLetsAnsweredOnesFinish() {
		String task = createTask(Map.of("maximumcall", 4, "cps", 10, "line", List.of(createLine(10, 10))));
		addNumbers(task, "13400000001", "13400000002", "13400000003", "13400000004", "13400000005");
		gateway.script("13400000001", ScriptedGateway.Script.answer(200, 60_000));
		gateway.script("13400000002", ScriptedGateway.Script.answer(200, 60_000));
		gateway.standard(ScriptedGateway.Script.answer(30_000, 1000));
		step(Duration.ofSeconds(2), Duration.ofMillis(100));
		assertThat(gateway.live()).isEqualTo(4);
		api.delete(userPath("/task/" + task));
		tick();
		tick();
		List<Call> calls = calls(task);
		assertThat(calls).filteredOn(c -> "cancelled".equals(c.outcome())).hasSize(2)
			.allSatisfy(c -> assertThat(c.cause()).isEqualTo("ORIGINATOR_CANCEL"));
		assertThat(calls).filteredOn(c -> c.end() == null).hasSize(2);
		step(Duration.ofSeconds(70), Duration.ofSeconds(1));
		assertThat(calls(task)).filteredOn(c -> "answered".equals(c.outcome())).hasSize(2);
		assertThat(calls(task)).hasSize(4);
		assertThat(gateway.live()).isZero();
	}

	@Test
	void restartAtStartsAPausedTask() {
		String restart = local().plusMinutes(10).format(API);
		String task = createTask(Map.of("enable", false, "restart_at", restart, "line", List.of(createLine(10, 10))));
		addNumbers(task, phones("1320000", 3));
		step(Duration.ofMinutes(9), Duration.ofSeconds(10));
		assertThat(task(task).get("enable").booleanValue()).isFalse();
		step(Duration.ofMinutes(2), Duration.ofSeconds(1));
		assertThat(task(task).get("enable").booleanValue()).isTrue();
		assertThat(calls(task)).hasSize(3);
	}

	@Test
	void endActionOnePausesAndTwoKeepsTheLineShare() {
		String line = createLine(100, 10);
		String pauses = createTask(Map.of("end_action", 1, "cps", 10, "maximumcall", 10, "line", List.of(line)));
		addNumbers(pauses, phones("1310000", 3));
		step(Duration.ofSeconds(20), Duration.ofMillis(100));
		assertThat(task(pauses).get("enable").booleanValue()).isFalse();
		assertThat(task(pauses).get("status").intValue()).isEqualTo(1);

		String keeps = createTask(Map.of("end_action", 2, "cps", 10, "maximumcall", 10,
				"line", List.of(Map.of("id", line, "limit", 6))));
		addNumbers(keeps, phones("1311000", 3));
		step(Duration.ofSeconds(20), Duration.ofMillis(100));
		assertThat(task(keeps).get("enable").booleanValue()).isFalse();

		String other = createTask(Map.of("cps", 100, "maximumcall", 100, "line", List.of(line)));
		addNumbers(other, phones("1312000", 50));
		gateway.standard(ScriptedGateway.Script.answer(1000, 60_000));
		step(Duration.ofSeconds(5), Duration.ofMillis(100));
		assertThat(gateway.live()).as("10 on the line, 6 kept for the paused task").isEqualTo(4);

		api.post(userPath("/task/" + keeps + "/pause"), Map.of());
		step(Duration.ofSeconds(3), Duration.ofMillis(100));
		assertThat(gateway.live()).as("a pause by the user gives the share back").isEqualTo(10);
	}

	@Test
	void aNodeThatDiesMidRunLosesNoNumberAndDialsNoneTwiceAtOnce() {
		String rule = createRule(Map.of("interval_minutes", 1, "max_times", 1, "call_statuses", List.of("cancelled")));
		String line = createLine(100, 100);
		String task = createTask(Map.of("maximumcall", 5, "cps", 10, "auto_recycle_rule_id", rule, "line", List.of(line)));
		addNumbers(task, phones("1300000", 40));
		gateway.standard(ScriptedGateway.Script.answer(30_000, 20_000));
		step(Duration.ofSeconds(2), Duration.ofMillis(100));
		assertThat(numberStatuses(task)).containsEntry("calling", 5).containsKey("claimed");

		// The node dies: its engine, its gateway and their calls are gone without a word (its lease is
		// given up, so that the test need not wait for it to expire). A new process with the same node
		// name starts a while later.
		role.stop();
		ScriptedGateway restartedGateway = new ScriptedGateway(clock);
		restartedGateway.standard(ScriptedGateway.Script.answer(500, 2000));
		clock.advance(Duration.ofSeconds(30));
		DialerRole restartedRole = new DialerRole(cluster, lease, dataSource, clock);
		restartedRole.start();
		DialerEngine restarted = new DialerEngine(new DialerEngine.Settings(settings, transferSettings, pacingSettings), restartedRole, restartedGateway, List.of(), stores(),
				clock, time, metrics, WorkerThread.inline(), WorkerThread.inline());
		restarted.start();
		assertThat(numberStatuses(task)).doesNotContainKey("claimed");
		restarted.tick();
		List<Call> lost = calls(task).stream().filter(c -> "SYSTEM_SHUTDOWN".equals(c.cause())).toList();
		assertThat(lost).hasSize(5).allSatisfy(c -> {
			assertThat(c.outcome()).isEqualTo("cancelled");
			assertThat(c.end()).isNotNull();
		});
		var info = task(task).path("new_task_extra").path("call_info").path(line);
		assertThat(info.get("calling_count").intValue()).as("only the new node's calls are in progress")
			.isEqualTo((int) calls(task).stream().filter(c -> c.end() == null).count());
		assertThat(info.get("answering_count").intValue()).isZero();

		for (int i = 0; i < 2000 && (numberStatuses(task).containsKey("pending")
				|| numberStatuses(task).containsKey("calling") || numberStatuses(task).containsKey("claimed")); i++) {
			clock.advance(Duration.ofMillis(200));
			restartedGateway.advanceTo(clock.instant());
			restarted.tick();
		}
		assertThat(numberStatuses(task)).isEqualTo(Map.of("called", 40));
		List<Call> calls = calls(task);
		assertThat(calls).hasSize(45);
		assertThat(calls.stream().filter(c -> c.attempt() == 2).map(Call::phone))
			.as("the lost calls were redialed by the rule")
			.containsExactlyInAnyOrderElementsOf(lost.stream().map(Call::phone).toList());
		// No number was ever in two calls at once.
		Map<String, List<Call>> byPhone = new java.util.HashMap<>();
		calls.forEach(c -> byPhone.computeIfAbsent(c.phone(), p -> new java.util.ArrayList<>()).add(c));
		byPhone.values().forEach(list -> {
			for (int i = 1; i < list.size(); i++) {
				assertThat(list.get(i).start()).isAfterOrEqualTo(list.get(i - 1).end());
			}
		});
		assertStatsAddUp(task(task));
		restarted.stop();
		restartedRole.stop();
		role.start(); // this context's node again, for the tests after this one
		engine.tick();
	}

	@Test
	void withItsOwnWriterThreadTheEngineAccountsForEveryCallToo() {
		DialerSettings threaded = new DialerSettings("simulated", true, settings.tick(), settings.refresh(),
				settings.claimBatch(), settings.nodeTimeout(), settings.idleTick());
		// A cluster of its own: this context's engine keeps its lease.
		DialerRole threadedRole = new DialerRole(new ClusterSettings("threaded-" + cluster.nodeId(), cluster.leaseTimeout(),
				"threaded-" + cluster.cluster()), lease, dataSource, clock);
		threadedRole.start();
		WorkerThread reader = WorkerThread.named("test-dialer-reader");
		WorkerThread writer = WorkerThread.named("test-dialer-writer");
		// Its own gateway too: a gateway tells its events to the engine that started it last.
		ScriptedGateway threadedGateway = new ScriptedGateway(clock);
		DialerEngine engine = new DialerEngine(new DialerEngine.Settings(threaded, transferSettings, pacingSettings), threadedRole, threadedGateway, List.of(), stores(),
				clock, time, metrics, reader, writer);
		engine.start();
		String line = createLine(50, 20);
		String task = createTask(Map.of("maximumcall", 20, "cps", 50, "line", List.of(line)));
		addNumbers(task, phones("1290000", 300));
		threadedGateway.standard(ScriptedGateway.Script.answer(300, 1000));
		// Bounded by real time, not by ticks: on a loaded machine the reader and writer threads lag the
		// ticks, and a fixed number of ticks could end before they have caught up.
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		for (int i = 0; System.nanoTime() < deadline && calls(task).stream().filter(c -> c.end() != null).count() < 300; i++) {
			clock.advance(Duration.ofMillis(20));
			threadedGateway.advanceTo(clock.instant());
			engine.tick();
			if (i % 50 == 0) {
				try {
					Thread.sleep(5); // let the writer catch up now and then, as it does between real ticks
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
		engine.stop();
		threadedRole.stop();
		reader.close();
		writer.close();
		assertThat(calls(task)).hasSize(300).allSatisfy(c -> assertThat(c.outcome()).isEqualTo("answered"));
		assertThat(numberStatuses(task)).isEqualTo(Map.of("called", 300));
		var info = task(task).path("new_task_extra").path("call_info").path(line);
		assertThat(info.get("dialed_number_total").intValue()).isEqualTo(300);
		assertThat(info.get("answer_total").intValue()).isEqualTo(300);
		assertThat(info.get("calling_count").intValue()).isZero();
		assertStatsAddUp(task(task));
	}

	@Test
	void theNextLeaderTakesOverWhatTheLastOneLeftAndClosesItsCalls() {
		String line = createLine(100, 100);
		String task = createTask(Map.of("maximumcall", 3, "cps", 10, "line", List.of(line)));
		addNumbers(task, phones("1280000", 6));
		gateway.standard(ScriptedGateway.Script.answer(30_000, 20_000));
		step(Duration.ofSeconds(1), Duration.ofMillis(100));
		assertThat(numberStatuses(task)).containsEntry("calling", 3);
		// This context's engine dies here (never ticked again; its lease given up, not to wait for its
		// expiry); a second node of the cluster leads on.
		role.stop();
		DialerRole otherRole = new DialerRole(new ClusterSettings("other-" + cluster.nodeId(), cluster.leaseTimeout(),
				cluster.cluster()), lease, dataSource, clock);
		otherRole.start();
		ScriptedGateway otherGateway = new ScriptedGateway(clock);
		otherGateway.standard(ScriptedGateway.Script.answer(100, 1000));
		DialerEngine survivor = new DialerEngine(new DialerEngine.Settings(settings, transferSettings, pacingSettings), otherRole, otherGateway, List.of(), stores(),
				clock, time, metrics, WorkerThread.inline(), WorkerThread.inline());
		survivor.start();
		for (int i = 0; i < 60 * 10 && numberStatuses(task).getOrDefault("called", 0) < 6; i++) {
			clock.advance(Duration.ofMillis(500));
			otherGateway.advanceTo(clock.instant());
			survivor.tick();
		}
		List<Call> lost = calls(task).stream().filter(c -> "SYSTEM_SHUTDOWN".equals(c.cause())).toList();
		assertThat(lost).as("the dead node's calls, closed by the survivor").hasSize(3);
		assertThat(numberStatuses(task)).as("its claimed numbers dialed by the survivor")
			.isEqualTo(Map.of("called", 3, "failed", 3));
		assertStatsAddUp(task(task));
		assertThat(task(task).path("new_task_extra").path("call_info").path(line).get("calling_count").intValue())
			.isZero();
		survivor.stop();
		otherRole.stop();
		role.start(); // this context's node leads again for the tests after this one
		engine.tick();
	}

	@Test
	void aLeaderThatDiesWhileACustomerWaitsForASeatLeavesNoSeatReserved() {
		long seat = createSeat("钱十", SeatStart.IDLE);
		long group = createGroup(List.of(seat), Map.of());
		String task = createTask(Map.of("maximumcall", 1, "cps", 1, "line", List.of(createLine(10, 10)),
				"bridge_group_id", group));
		addNumbers(task, "12900000001");
		gateway.standard(ScriptedGateway.Script.answer(500, 600_000));
		step(Duration.ofSeconds(1), Duration.ofMillis(100));
		var call = gateway.placed.get(0).callId();
		gateway.report(new io.calltask.dialer.spi.CallEvent.TransferAsked(call, clock.instant()));
		step(Duration.ofMillis(300), Duration.ofMillis(100));
		assertThat(seatState(seat)).as("the seat rings for the customer").isEqualTo("ringing");
		// This context's engine dies with the customer waiting and the seat ringing; another node leads on,
		// and its switch no longer has the call.
		role.stop();
		DialerRole otherRole = new DialerRole(new ClusterSettings("other-" + cluster.nodeId(), cluster.leaseTimeout(),
				cluster.cluster()), lease, dataSource, clock);
		otherRole.start();
		ScriptedGateway otherGateway = new ScriptedGateway(clock);
		DialerEngine survivor = new DialerEngine(new DialerEngine.Settings(settings, transferSettings, pacingSettings), otherRole,
				otherGateway, List.of(), stores(), clock, time, metrics, WorkerThread.inline(), WorkerThread.inline());
		survivor.start();
		for (int i = 0; i < 20; i++) {
			clock.advance(Duration.ofMillis(500));
			otherGateway.advanceTo(clock.instant());
			survivor.tick();
		}
		assertThat(seatState(seat)).as("freed by the next leader").isEqualTo("free");
		JsonNode record = api.get(userPath("/task/" + task + "/call")).json().path("data").get(0);
		assertThat(record.get("hangup_cause").stringValue()).isEqualTo("SYSTEM_SHUTDOWN");
		assertThat(record.get("bridge_result").stringValue()).isEqualTo("abandoned");
		survivor.stop();
		otherRole.stop();
		role.start(); // this context's node leads again for the tests after this one
		engine.tick();
	}

	private String seatState(long seat) {
		return api.get(userPath("/seat/" + seat)).data().get("call_state").stringValue();
	}

	private DialerEngine.Stores stores() {
		return new DialerEngine.Stores(taskRuntime, lines, catalog, seats, claims, attemptLog, nodes);
	}

}
