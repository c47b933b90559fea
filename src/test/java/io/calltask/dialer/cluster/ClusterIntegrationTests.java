package io.calltask.dialer.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

import io.calltask.agent.Agents;
import io.calltask.testing.ApiClient;
import io.calltask.testing.DialingTask;
import io.calltask.testing.ServiceDatabase;
import io.calltask.testing.ServiceProcess;
import io.calltask.testing.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several real service processes on one PostgreSQL database, as operators run them (API.md §6):
 * one leader dials, the others stand by; the leader killed (SIGKILL), paused past its lease
 * (SIGSTOP, then SIGCONT) or cut off from the database while it lives. Throughout, the cluster's
 * calls are sampled in the database every 100 ms against the line's limit, every one-second window
 * of originates against its cps, and every number's calls against each other (never two at once).
 * The simulated gateway places the calls; a 4 s lease keeps the failovers short.
 */
@EnabledIfEnvironmentVariable(named = "SPRING_DATASOURCE_URL", matches = "jdbc:postgresql:.*",
		disabledReason = "several instances share a PostgreSQL database (the suite's PostgreSQL run, .ci/run)")
class ClusterIntegrationTests {

	private static final Duration LEASE = Duration.ofSeconds(4);

	/** API.md §6: a standby dials within the lease timeout plus 5 s. */
	private static final Duration FAILOVER_BOUND = LEASE.plusSeconds(5);

	private static final int LINE_LIMIT = 6;

	private static final int LINE_CPS = 5;

	@TempDir
	Path dir;

	private final List<AutoCloseable> closing = new ArrayList<>();

	private final String key = Agents.newKey();

	private ServiceDatabase database;

	@AfterEach
	void close() throws Exception {
		for (int i = closing.size() - 1; i >= 0; i--) {
			closing.get(i).close();
		}
	}

	@Test
	void oneLeaderDialsAndAKilledOrPausedLeaderIsReplacedWithEveryLimitHeld() throws Exception {
		database = track(ServiceDatabase.forThisRun());
		// Three instances started at the same moment.
		List<ServiceProcess> instances = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			instances.add(track(service("node" + i, database.environment())).launch());
		}
		for (ServiceProcess p : instances) {
			p.awaitUp();
		}
		ServiceProcess first = awaitOneLeader(instances, Set.of());
		assertThat(instances.stream().filter(p -> "standby".equals(p.dialerRole()))).as("the others stand by").hasSize(2);

		// A node id that is alive is refused, with the reason.
		ServiceProcess twin = track(service("twin", database.environment(), "--calltask.dialer.node-id=" + first.nodeId()));
		twin.launch();
		assertThat(twin.awaitExit(Duration.ofSeconds(90))).as("a second instance with a live node's id exits").isNotNull()
			.isNotZero();
		assertThat(twin.tail()).contains("calltask.dialer.node-id=" + first.nodeId() + " is the id of a running instance");

		// The API answers on every instance: the task is made through a standby.
		ServiceProcess standby = instances.stream().filter(p -> p != first).findFirst().orElseThrow();
		String task = dialingTask(new ApiClient(standby.port(), key), 2000);
		try (Sampler sampler = new Sampler(database, task)) {
			await(() -> sampler.started() >= 20, Duration.ofSeconds(60), "calls from the first leader", first);

			// SIGKILL of the leader: the next one dials within the bound.
			Instant killed = Instant.now();
			first.kill();
			ServiceProcess second = awaitOneLeader(instances, Set.of(first));
			Instant secondDials = awaitFirstStartAfter(sampler, killed, second);
			assertThat(Duration.between(killed, secondDials)).as("kill -9 to the next leader's first originate")
				.isLessThanOrEqualTo(FAILOVER_BOUND);

			// SIGSTOP of the new leader past its lease: the third takes over; resumed, the second writes nothing.
			await(() -> sampler.startedAfter(secondDials) >= 10, Duration.ofSeconds(60), "calls from the second leader", second);
			String secondNode = second.nodeId();
			Instant paused = Instant.now();
			second.suspend();
			ServiceProcess third = awaitOneLeader(instances, Set.of(first, second));
			Instant thirdDials = awaitFirstStartAfter(sampler, paused, third);
			assertThat(Duration.between(paused, thirdDials)).as("SIGSTOP to the next leader's first originate")
				.isLessThanOrEqualTo(FAILOVER_BOUND);
			second.resume();
			await(() -> "standby".equals(second.dialerRole()), Duration.ofSeconds(20), "the resumed leader standing by",
					second);
			await(() -> sampler.startedAfter(thirdDials.plusSeconds(3)) >= 5, Duration.ofSeconds(60),
					"calls from the third leader after the second resumed", third);
			assertThat("leader").isEqualTo(third.dialerRole());
			assertThat(sampler.startsOf(secondNode, paused)).as("calls of the paused leader written after its pause")
				.isZero();
			sampler.check();
		}
		assertNoNumberHeldByANodeThatIsNotLeading(database, task, instances);
	}

	@Test
	void aLeaderCutOffFromTheDatabaseStopsDialingBeforeAnotherStarts() throws Exception {
		database = track(ServiceDatabase.forThisRun());
		String url = database.environment().get("SPRING_DATASOURCE_URL");
		java.net.URI db = java.net.URI.create(url.substring("jdbc:".length()));
		TcpProxy proxy = track(new TcpProxy(db.getHost(), db.getPort()));
		Map<String, String> proxied = Map.of("SPRING_DATASOURCE_URL",
				url.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"));
		ServiceProcess cutOff = track(service("cut", proxied)).start();
		await(() -> "leader".equals(cutOff.dialerRole()), Duration.ofSeconds(30), "the first instance leading", cutOff);
		ServiceProcess other = track(service("other", database.environment())).start();
		assertThat(other.dialerRole()).isEqualTo("standby");
		String task = dialingTask(new ApiClient(other.port(), key), 2000);
		try (Sampler sampler = new Sampler(database, task)) {
			await(() -> sampler.started() >= 10, Duration.ofSeconds(60), "calls from the first leader", cutOff);
			Instant cut = Instant.now();
			proxy.cut();
			// Watched side by side: the cut-off leader must stand by before the other leads.
			AtomicReference<String> cutRoleWhenOtherLed = new AtomicReference<>();
			await(() -> {
				String before = cutOff.dialerRole();
				if ("leader".equals(other.dialerRole())) {
					cutRoleWhenOtherLed.set(before);
					return true;
				}
				return false;
			}, Duration.ofSeconds(30), "the other instance leading", other);
			assertThat(cutRoleWhenOtherLed.get()).as("the cut-off leader's role when the other began to lead")
				.isEqualTo("standby");
			Instant otherDials = awaitFirstStartAfter(sampler, cut, other);
			assertThat(Duration.between(cut, otherDials)).isLessThanOrEqualTo(FAILOVER_BOUND);

			// The database back: the cut-off instance stays a standby and what it had not written stays unwritten.
			String cutNode = cutOff.nodeId();
			proxy.restore();
			await(() -> sampler.startedAfter(otherDials.plusSeconds(5)) >= 5, Duration.ofSeconds(60),
					"calls after the database came back", other);
			assertThat(cutOff.dialerRole()).isEqualTo("standby");
			assertThat(sampler.startsOf(cutNode, cut)).as("calls of the cut-off leader written after the cut").isZero();
			sampler.check();
		}
	}

	// ---------------------------------------------------------------- the cluster

	private ServiceProcess service(String name, Map<String, String> environment, String... more) throws Exception {
		Path home = Files.createDirectories(dir.resolve(name));
		List<String> arguments = new ArrayList<>(List.of("--calltask.bootstrap.agent-api-key=" + key,
				"--calltask.dialer.lease-timeout=" + LEASE.toSeconds() + "s", "--calltask.dialer.simulated.ring-ms=400",
				"--calltask.dialer.simulated.talk-ms=2500", "--logging.level.io.calltask=INFO"));
		arguments.addAll(List.of(more));
		return new ServiceProcess(home, environment, arguments);
	}

	private <T extends AutoCloseable> T track(T closeable) {
		closing.add(closeable);
		return closeable;
	}

	/** Waits until exactly one instance not in {@code gone} says it leads, checking that never two do. */
	private static ServiceProcess awaitOneLeader(List<ServiceProcess> instances, Set<ServiceProcess> gone)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (System.nanoTime() < deadline) {
			List<ServiceProcess> leaders = instances.stream()
				.filter(p -> !gone.contains(p) && "leader".equals(p.dialerRole()))
				.toList();
			assertThat(leaders).as("instances saying they lead at once").hasSizeLessThanOrEqualTo(1);
			if (leaders.size() == 1) {
				return leaders.get(0);
			}
			Thread.sleep(50);
		}
		throw new AssertionError("no leader within 30 s");
	}

	private static Instant awaitFirstStartAfter(Sampler sampler, Instant after, ServiceProcess leader)
			throws InterruptedException {
		AtomicReference<Instant> first = new AtomicReference<>();
		await(() -> {
			first.set(sampler.firstStartAfter(after));
			return first.get() != null;
		}, Duration.ofSeconds(30), "a call placed after " + after, leader);
		return first.get();
	}

	/** A task on one line (limit 6, cps 5) with {@code count} numbers, dialing all week. */
	private static String dialingTask(ApiClient api, int count) {
		ApiClient.Response u = api.post("/agent-api/user", Map.of("name", "集群测试"));
		assertThat(u.status()).as(u.text()).isEqualTo(201);
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			phones.add(String.format("1370%07d", i));
		}
		return DialingTask.create(api, u.data().get("user_id").stringValue(), Map.of("name", "集群线路", "gateway", "sim",
				"node_id", "sim1", "cps", LINE_CPS, "limit", LINE_LIMIT, "caller_number", "02100000000"),
				Map.of("name", "集群外呼", "maximumcall", 10, "cps", 10), phones);
	}

	/**
	 * No number lost: numbers claimed or in a call belong to the leader only (nothing a dead or deposed
	 * node held is stuck), every number in a call has its open call record, and all are there.
	 */
	private static void assertNoNumberHeldByANodeThatIsNotLeading(ServiceDatabase database, String task,
			List<ServiceProcess> instances) throws SQLException {
		String leader = instances.stream().filter(p -> "leader".equals(p.dialerRole())).findFirst().orElseThrow().nodeId();
		try (Connection c = connect(database); PreparedStatement s = c.prepareStatement(
				"SELECT DISTINCT n.claimed_by FROM task_number n JOIN task t ON t.id = n.task_id WHERE t.uuid = ? "
						+ "AND n.status IN ('claimed', 'calling')")) {
			s.setObject(1, java.util.UUID.fromString(task));
			List<String> holders = new ArrayList<>();
			try (ResultSet rs = s.executeQuery()) {
				while (rs.next()) {
					holders.add(rs.getString(1));
				}
			}
			assertThat(holders).as("nodes holding numbers").allMatch(leader::equals);
		}
		try (Connection c = connect(database); PreparedStatement s = c.prepareStatement(
				"SELECT count(*) FILTER (WHERE n.status = 'calling' AND NOT EXISTS (SELECT 1 FROM call_record r "
						+ "WHERE r.callid = n.callid AND r.end_at IS NULL)), count(*) FROM task_number n JOIN task t "
						+ "ON t.id = n.task_id WHERE t.uuid = ?")) {
			s.setObject(1, java.util.UUID.fromString(task));
			try (ResultSet rs = s.executeQuery()) {
				rs.next();
				assertThat(rs.getInt(1)).as("numbers marked calling without an open call").isZero();
				assertThat(rs.getInt(2)).as("numbers of the task").isEqualTo(2000);
			}
		}
	}

	private static Connection connect(ServiceDatabase database) throws SQLException {
		return DriverManager.getConnection(database.environment().get("SPRING_DATASOURCE_URL"), "postgres", "");
	}

	private static void await(BooleanSupplier condition, Duration timeout, String what, ServiceProcess service)
			throws InterruptedException {
		service.await(condition, timeout, what);
	}

	/**
	 * The cluster's calls of one task as the database has them, every 100 ms on a thread of its own:
	 * calls open at once never above the line's limit; then, at {@link #check()}, no one-second window
	 * of originates above its cps and no number in two calls at once.
	 */
	private static final class Sampler implements AutoCloseable {

		private final Connection connection;

		private final long taskId;

		private final Thread thread;

		private final AtomicInteger mostOpen = new AtomicInteger();

		private volatile boolean running = true;

		private volatile SQLException failure;

		Sampler(ServiceDatabase database, String task) throws SQLException {
			this.connection = connect(database);
			try (PreparedStatement s = connection.prepareStatement("SELECT id FROM task WHERE uuid = ?")) {
				s.setObject(1, java.util.UUID.fromString(task));
				try (ResultSet rs = s.executeQuery()) {
					rs.next();
					this.taskId = rs.getLong(1);
				}
			}
			this.thread = new Thread(this::run, "cluster-sampler");
			thread.setDaemon(true);
			thread.start();
		}

		private void run() {
			try (Connection own = DriverManager.getConnection(connection.getMetaData().getURL(), "postgres", "");
					PreparedStatement open = own.prepareStatement(
							"SELECT count(*) FROM call_record WHERE task_id = ? AND end_at IS NULL")) {
				open.setLong(1, taskId);
				while (running) {
					try (ResultSet rs = open.executeQuery()) {
						rs.next();
						mostOpen.accumulateAndGet(rs.getInt(1), Math::max);
					}
					Thread.sleep(100);
				}
			}
			catch (SQLException ex) {
				failure = ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		synchronized int started() {
			return startedAfter(Instant.EPOCH);
		}

		synchronized int startedAfter(Instant after) {
			return query("SELECT count(*) FROM call_record WHERE task_id = ? AND start_at > ?", after, rs -> rs.getInt(1));
		}

		synchronized Instant firstStartAfter(Instant after) {
			return query("SELECT min(start_at) FROM call_record WHERE task_id = ? AND start_at > ?", after,
					rs -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant());
		}

		/** Calls of {@code node} that started after {@code after} (node ids move to the next leader only for open calls). */
		synchronized int startsOf(String node, Instant after) {
			try (PreparedStatement s = connection.prepareStatement(
					"SELECT count(*) FROM call_record WHERE task_id = ? AND node_id = ? AND start_at > ?")) {
				s.setLong(1, taskId);
				s.setString(2, node);
				s.setTimestamp(3, Timestamp.from(after));
				try (ResultSet rs = s.executeQuery()) {
					rs.next();
					return rs.getInt(1);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		interface Read<T> {

			T from(ResultSet rs) throws SQLException;

		}

		private <T> T query(String sql, Instant after, Read<T> read) {
			try (PreparedStatement s = connection.prepareStatement(sql)) {
				s.setLong(1, taskId);
				s.setTimestamp(2, Timestamp.from(after));
				try (ResultSet rs = s.executeQuery()) {
					rs.next();
					return read.from(rs);
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** Every limit, over the whole run. */
		synchronized void check() throws SQLException {
			assertThat((Object) failure).as("the sampler's queries").isNull();
			assertThat(mostOpen.get()).as("calls open at once across the cluster (line limit " + LINE_LIMIT + ")")
				.isPositive()
				.isLessThanOrEqualTo(LINE_LIMIT);
			List<Instant> starts = new ArrayList<>();
			Map<Long, List<Instant[]>> byNumber = new HashMap<>();
			try (PreparedStatement s = connection.prepareStatement(
					"SELECT number_id, start_at, end_at FROM call_record WHERE task_id = ? ORDER BY start_at")) {
				s.setLong(1, taskId);
				try (ResultSet rs = s.executeQuery()) {
					while (rs.next()) {
						Instant start = rs.getTimestamp(2).toInstant();
						Timestamp end = rs.getTimestamp(3);
						starts.add(start);
						byNumber.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
							.add(new Instant[] { start, end == null ? null : end.toInstant() });
					}
				}
			}
			int most = 0;
			for (int i = 0, from = 0; i < starts.size(); i++) {
				while (!starts.get(from).isAfter(starts.get(i).minusSeconds(1))) {
					from++;
				}
				most = Math.max(most, i - from + 1);
			}
			assertThat(most).as("originates in any one second across the cluster (line cps " + LINE_CPS + ")")
				.isLessThanOrEqualTo(LINE_CPS);
			byNumber.forEach((number, calls) -> {
				for (int i = 1; i < calls.size(); i++) {
					Instant previousEnd = calls.get(i - 1)[1];
					assertThat(previousEnd).as("number " + number + ": a call ended before the next began").isNotNull();
					assertThat(calls.get(i)[0]).as("number " + number + " in two calls at once").isAfterOrEqualTo(previousEnd);
				}
			});
		}

		@Override
		public void close() throws Exception {
			running = false;
			thread.join(5000);
			connection.close();
		}

	}

}
