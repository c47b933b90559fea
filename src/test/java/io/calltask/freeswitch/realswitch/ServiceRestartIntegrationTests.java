package io.calltask.freeswitch.realswitch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.calltask.agent.Agents;
import io.calltask.testing.ApiClient;
import io.calltask.testing.DialingTask;
import io.calltask.testing.ServiceDatabase;
import io.calltask.testing.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real service process killed (SIGKILL) while its calls are up on the real switch, then started
 * again on the same data, as an operator's crash and restart: no number is dialed twice at once, no
 * call the switch carried is missing from the call records, and the calls still up when it comes
 * back are followed to their real end (the switch's cause and billing, not a made-up shutdown). The
 * kill comes as soon as the first channel appears, a few milliseconds after the commits that precede
 * its originate: on the embedded default that proves those commits durable.
 * <p>
 * Runs on the embedded default (H2 under the process's own {@code data/}) or, where the suite runs
 * on PostgreSQL ({@code SPRING_DATASOURCE_URL}), on a fresh database of that server.
 */
@RequiresRealSwitch
class ServiceRestartIntegrationTests {

	/** Long enough to outlive a restart: context {@code hold} keeps a call up 20 s. */
	private static final String HOLD = "hold";

	@TempDir
	Path dir;

	@Test
	void callsUpWhenTheServiceIsKilledAreFollowedToTheirEndAfterItsRestart() throws Exception {
		killedWithCallsUp(false);
	}

	/**
	 * Two instances on one PostgreSQL database (API.md §6): the leader is killed with calls up, and
	 * the standby, leading within the lease timeout plus 5 s, follows them to their real end.
	 */
	@Test
	@EnabledIfEnvironmentVariable(named = "SPRING_DATASOURCE_URL", matches = "jdbc:postgresql:.*",
			disabledReason = "two instances share a PostgreSQL database (the suite's PostgreSQL run)")
	void callsUpWhenTheLeaderIsKilledAreFollowedToTheirEndByTheNextLeader() throws Exception {
		killedWithCallsUp(true);
	}

	/** {@code standby}: a second instance is running, and takes over; else the killed one is started again. */
	private void killedWithCallsUp(boolean standby) throws Exception {
		String key = Agents.newKey();
		String prefix = "1390" + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
		List<String> phones = List.of(prefix + "0001", prefix + "0002", prefix + "0003", prefix + "0004");
		List<String> arguments = List.of("--calltask.bootstrap.agent-api-key=" + key,
				"--calltask.dialer.gateway=freeswitch", "--calltask.dialer.node-id=restart-" + prefix,
				"--calltask.freeswitch.nodes.fs1.host=" + RealSwitch.HOST,
				"--calltask.freeswitch.nodes.fs1.port=" + RealSwitch.PORT,
				"--calltask.freeswitch.nodes.fs1.password=" + RealSwitch.PASSWORD);
		List<String> standbyArguments = new ArrayList<>(arguments);
		standbyArguments.set(2, "--calltask.dialer.node-id=standby-" + prefix);
		try (ServiceDatabase database = ServiceDatabase.forThisRun(); ChannelSampler switchSide = new ChannelSampler(phones);
				ServiceProcess other = standby
						? new ServiceProcess(Files.createDirectories(dir.resolve("standby")), database.environment(),
								standbyArguments)
						: null) {
			String task;
			String user;
			try (ServiceProcess first = new ServiceProcess(dir, database.environment(), arguments).start()) {
				if (other != null) {
					other.start();
					assertThat(other.dialerRole()).isEqualTo("standby");
				}
				ApiClient api = new ApiClient(first.port(), key);
				user = api.post("/agent-api/user", Map.of("name", "重启测试")).data().get("user_id").stringValue();
				task = dialingTask(api, user, phones);
				switchSide.start();
				await(() -> switchSide.upNow() > 0, Duration.ofSeconds(30), "a first call on the switch", first);
				first.kill();
			}
			Set<String> upAtKill = switchSide.upIds();
			assertThat(upAtKill).as("calls the killed service left up on the switch").isNotEmpty();

			try (ServiceProcess second = other != null ? other
					: new ServiceProcess(dir, database.environment(), arguments).start()) {
				if (other != null) {
					await(() -> "leader".equals(other.dialerRole()), Duration.ofSeconds(20), "the standby leading", other);
				}
				List<String> stillUp = upAtKill.stream().filter(id -> RealSwitch.api("uuid_exists " + id).strip().equals("true")).toList();
				assertThat(stillUp).as("calls still up when the service is back (a restart shorter than a call)").isNotEmpty();
				ApiClient api = new ApiClient(second.port(), key);
				String calls = "/agent-api/new/user/" + user + "/task/" + task + "/call?per_page=100";
				await(() -> {
					JsonNode records = api.get(calls).data();
					return records.size() == phones.size() && all(records, r -> !r.get("end_datetime").isNull());
				}, Duration.ofSeconds(90), "every number called and every call ended", second);
				switchSide.close();

				Map<String, JsonNode> byId = new LinkedHashMap<>();
				Map<String, Integer> perPhone = new HashMap<>();
				for (JsonNode r : api.get(calls).data()) {
					byId.put(r.get("callid").stringValue(), r);
					perPhone.merge(r.get("phone").stringValue(), 1, Integer::sum);
				}
				assertThat(switchSide.mostAtOnce()).as("channels per number at any moment").allSatisfy(
						(phone, most) -> assertThat(most).as(phone).isEqualTo(1));
				assertThat(perPhone).as("each number dialed once: every call was answered").hasSize(phones.size())
					.allSatisfy((phone, n) -> assertThat(n).as(phone).isEqualTo(1));
				assertThat(byId.keySet()).as("every call the switch carried has its record").containsAll(switchSide.seenIds());
				for (String id : stillUp) {
					JsonNode r = byId.get(id);
					assertThat(r.get("hangup_cause").stringValue()).as(id + ": the switch's own end").isEqualTo("NORMAL_CLEARING");
					assertThat(r.get("outcome").stringValue()).isEqualTo("answered");
					assertThat(r.get("billsec").intValue()).as(id + ": billed by the switch, across the restart").isBetween(15, 22);
				}
				JsonNode info = api.get("/agent-api/new/user/" + user + "/task/" + task).data().path("new_task_extra").path("call_info");
				JsonNode line = info.iterator().next(); // the task's one line
				assertThat(line.get("dialed_number_total").intValue()).isEqualTo(phones.size());
				assertThat(line.get("calling_count").intValue()).isZero();
			}
		}
	}

	/** A task on a line of the answering callee whose answered calls stay up 20 s, with {@code phones} imported. */
	private static String dialingTask(ApiClient api, String user, List<String> phones) {
		return DialingTask.create(api, user, Map.of("name", "重启线路", "gateway", "sipp_uas", "node_id", "fs1", "cps", 2,
				"limit", 4, "caller_number", "02100000000"), Map.of("name", "重启外呼", "maximumcall", 4, "cps", 2,
						"destination_context", HOLD), phones);
	}

	private static boolean all(JsonNode array, java.util.function.Predicate<JsonNode> test) {
		for (JsonNode n : array) {
			if (!test.test(n)) {
				return false;
			}
		}
		return true;
	}

	private static void await(BooleanSupplier condition, Duration timeout, String what, ServiceProcess service)
			throws InterruptedException {
		service.await(condition, timeout, what);
	}

}
