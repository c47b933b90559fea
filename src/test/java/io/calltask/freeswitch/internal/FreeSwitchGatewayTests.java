package io.calltask.freeswitch.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.OpenCall;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.freeswitch.CallScript;
import io.calltask.freeswitch.FakeFreeSwitch;
import io.calltask.freeswitch.FreeSwitchSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway against the protocol-faithful peer: what the engine hears for each kind of call, and
 * what happens to calls when the connection drops, stalls or the switch restarts.
 */
class FreeSwitchGatewayTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<FakeFreeSwitch> peers = new ArrayList<>();

	private final List<FreeSwitchGateway> gateways = new ArrayList<>();

	private final Map<UUID, List<CallEvent>> heard = new ConcurrentHashMap<>();

	@AfterEach
	void close() {
		gateways.forEach(FreeSwitchGateway::close);
		peers.forEach(FakeFreeSwitch::close);
	}

	private void hear(CallEvent e) {
		heard.computeIfAbsent(e.callId(), id -> new CopyOnWriteArrayList<>()).add(e);
	}

	/** A task's channel variables, one of them with a space. */
	private static Map<String, String> orderedVariables() {
		Map<String, String> vars = new java.util.LinkedHashMap<>();
		vars.put("execute_on_media", "start_da");
		vars.put("greeting", "ni hao");
		return vars;
	}

	/** Originates a call to {@code phone} and waits until the switch holds its channel. */
	private OriginateRequest placed(FreeSwitchGateway gateway, FakeFreeSwitch peer, String phone) {
		OriginateRequest call = call(phone);
		gateway.originate(call);
		await(() -> peer.liveChannels().contains(call.callId().toString()), "channel up");
		return call;
	}

	private FakeFreeSwitch peer(Function<FakeFreeSwitch.Originate, CallScript> script) {
		FakeFreeSwitch peer = new FakeFreeSwitch("ClueCon");
		peer.script(script);
		peers.add(peer);
		return peer;
	}

	/** A gateway whose periodic check ({@code reconcile-interval}) is too rare to matter unless a test asks for it. */
	private FreeSwitchGateway gateway(FakeFreeSwitch peer, String format, Duration backoffMin) {
		return gateway(peer, format, backoffMin, Duration.ofMinutes(5));
	}

	private FreeSwitchGateway gateway(FakeFreeSwitch peer, String format, Duration backoffMin, Duration reconcile) {
		return gateway(peer, format, backoffMin, reconcile, Duration.ofSeconds(5));
	}

	private FreeSwitchGateway gateway(FakeFreeSwitch peer, String format, Duration backoffMin, Duration reconcile,
			Duration commandTimeout) {
		FreeSwitchGateway gateway = started(new FreeSwitchSettings(Map.of("fs1", node(peer)), format,
				Duration.ofSeconds(1), commandTimeout, Duration.ofSeconds(30), backoffMin, backoffMin.multipliedBy(2),
				Duration.ofMillis(300), reconcile, Duration.ofSeconds(3), 2));
		await(() -> gateway.nodeUp("fs1"), "node fs1 up");
		return gateway;
	}

	private static FreeSwitchSettings.Node node(FakeFreeSwitch peer) {
		return new FreeSwitchSettings.Node("127.0.0.1", peer.port(), "ClueCon");
	}

	/** Default timings over {@code nodes}. */
	private static FreeSwitchSettings settings(Map<String, FreeSwitchSettings.Node> nodes) {
		return new FreeSwitchSettings(nodes, "plain", Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
				Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMinutes(5),
				Duration.ofSeconds(3), 2);
	}

	/** A gateway on {@code settings}, started, whose events land in {@link #heard}; closed after the test. */
	private FreeSwitchGateway started(FreeSwitchSettings settings) {
		FreeSwitchGateway gateway = new FreeSwitchGateway(settings, Clock.systemUTC());
		gateways.add(gateway);
		gateway.start("node-a", List.of(), this::hear);
		return gateway;
	}

	private FreeSwitchGateway gateway(FakeFreeSwitch peer) {
		return gateway(peer, "plain", Duration.ofMillis(50));
	}

	private static OriginateRequest call(String phone) {
		return new OriginateRequest(new OriginateRequest.Identity(UUID.randomUUID(), UUID.randomUUID(), 7),
				new OriginateRequest.Callee(phone, "0" + phone, Map.of()),
				new OriginateRequest.Route(UUID.randomUUID(), "carrier_a", "fs1", "20000", 30),
				new OriginateRequest.Destination("102", "XML", "default", orderedVariables()));
	}

	/** {@code r} on a line of another trunk and node. */
	private static OriginateRequest through(OriginateRequest r, String gateway, String node) {
		OriginateRequest.Route route = r.route();
		return new OriginateRequest(r.identity(), r.callee(), new OriginateRequest.Route(route.lineId(), gateway, node,
				route.callerIdNumber(), route.timeoutSeconds()), r.destination());
	}

	/** Everything heard for {@code id} once it hung up. */
	private List<CallEvent> ended(UUID id) {
		await(() -> heard.getOrDefault(id, List.of()).stream().anyMatch(e -> e instanceof CallEvent.HungUp),
				"hangup of " + id);
		return heard.get(id);
	}

	private CallEvent.HungUp hangup(UUID id) {
		List<CallEvent> events = ended(id);
		return (CallEvent.HungUp) events.get(events.size() - 1);
	}

	private static void await(java.util.function.BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out waiting for " + what);
			}
			try {
				TimeUnit.MILLISECONDS.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	private static void quietFor(long millis) {
		try {
			TimeUnit.MILLISECONDS.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void anAnsweredCallIsAnsweredThenHungUpWithItsBilledTime() {
		FakeFreeSwitch peer = peer(o -> CallScript.answer(50, 200));
		FreeSwitchGateway gateway = gateway(peer);
		OriginateRequest call = call("13800138000");
		gateway.originate(call);
		List<CallEvent> events = ended(call.callId());
		quietFor(400);
		assertThat(heard.get(call.callId())).hasSize(2);
		assertThat(events.get(0)).isInstanceOf(CallEvent.Answered.class);
		CallEvent.HungUp h = (CallEvent.HungUp) events.get(1);
		assertThat(h.hangupCause()).isEqualTo("NORMAL_CLEARING");
		assertThat(h.answeredAt()).isNotNull();
		assertThat(h.billMillis()).isBetween(150L, 2000L);
		assertThat(h.daStatus()).isNull();
		FakeFreeSwitch.Originate sent = peer.originates().get(0);
		assertThat(sent.uuid()).isEqualTo(call.callId().toString());
		assertThat(sent.gateway()).isEqualTo("carrier_a");
		assertThat(sent.dial()).isEqualTo("013800138000");
		assertThat(sent.variables()).containsEntry("execute_on_media", "start_da")
			.containsEntry("greeting", "ni hao")
			.containsEntry("ignore_early_media", "true")
			.containsEntry("origination_caller_id_number", "20000")
			.containsEntry("calltask_call", call.callId().toString());
		assertThat(List.of(sent.extension(), sent.dialplan(), sent.context())).containsExactly("102", "XML", "default");
		assertThat(gateway.callsInProgress()).isZero();
	}

	@Test
	void aChannelTheDialerDidNotOriginateIsIgnoredThoughItCarriesThisNodesTag() {
		FakeFreeSwitch peer = peer(o -> CallScript.answer(50, 200));
		FreeSwitchGateway gateway = gateway(peer);
		// e.g. a channel bridged to one of ours, which inherits its variables: not a leg of any call yet
		String stranger = UUID.randomUUID().toString();
		for (String name : List.of("CHANNEL_ANSWER", "CHANNEL_HANGUP_COMPLETE")) {
			peer.fire(peer.newEvent(name).add("Unique-ID", stranger).add("Hangup-Cause", "NORMAL_CLEARING")
				.add("variable_calltask_node", "node-a"));
		}
		peer.fire(peer.newEvent("BACKGROUND_JOB").add("Job-UUID", stranger).body("-ERR USER_BUSY\n"));
		OriginateRequest call = call("13800138014");
		gateway.originate(call);
		ended(call.callId());
		assertThat(heard).containsOnlyKeys(call.callId());
		assertThat(heard.get(call.callId())).hasSize(2);
	}

	@Test
	void jsonEventsReadTheSame() {
		FakeFreeSwitch peer = peer(o -> CallScript.answer(30, 100));
		FreeSwitchGateway gateway = gateway(peer, "json", Duration.ofMillis(50));
		OriginateRequest call = call("13800138001");
		gateway.originate(call);
		CallEvent.HungUp h = hangup(call.callId());
		assertThat(h.hangupCause()).isEqualTo("NORMAL_CLEARING");
		assertThat(h.billMillis()).isPositive();
		assertThat(heard.get(call.callId()).get(0)).isInstanceOf(CallEvent.Answered.class);
	}

	@Test
	void aBusyCallEndsOnceThoughTheJobAndTheChannelBothReportIt() {
		FakeFreeSwitch peer = peer(o -> CallScript.busy(40));
		FreeSwitchGateway gateway = gateway(peer);
		OriginateRequest call = call("13800138002");
		gateway.originate(call);
		CallEvent.HungUp h = hangup(call.callId());
		quietFor(500);
		assertThat(heard.get(call.callId())).hasSize(1);
		assertThat(h.hangupCause()).isEqualTo("USER_BUSY");
		assertThat(h.answeredAt()).isNull();
		assertThat(h.billMillis()).isZero();
	}

	@Test
	void theDetectorsResultComesFromTheChannelThoughTheJobFailedFirst() {
		FakeFreeSwitch peer = peer(o -> CallScript.detected("空号", "NO_ANSWER", 40));
		FreeSwitchGateway gateway = gateway(peer);
		OriginateRequest call = call("13800138003");
		gateway.originate(call);
		CallEvent.HungUp h = hangup(call.callId());
		assertThat(h.daStatus()).isEqualTo("空号");
		assertThat(h.hangupCause()).isEqualTo("NO_ANSWER");
	}

	/** {@code r} for a number imported with {@code variables}. */
	private static OriginateRequest withNumberVariables(OriginateRequest r, Map<String, String> variables) {
		OriginateRequest.Callee callee = r.callee();
		return new OriginateRequest(r.identity(), new OriginateRequest.Callee(callee.phone(), callee.dialString(), variables),
				r.route(), r.destination());
	}

	@Test
	void theBotReadsTheNumbersVariablesAndItsGradeAndRecordingComeBackAtHangup() {
		// The bot as the rig's dialplan plays it: the number's grade if it has one, else B, and a recording.
		FakeFreeSwitch peer = peer(o -> {
			String grade = o.variable("calltask_var_grade");
			return switch (o.dial()) {
				case "013800138031" -> CallScript.busy(40);
				case "013800138032" -> CallScript.answer(30, 100)
					.withVariable("calltask_intention", "Z")
					.withVariable("calltask_recording_url", "ftp://recordings.invalid/" + o.uuid() + ".wav");
				default -> CallScript.answer(30, 100)
					.withVariable("calltask_intention", grade != null ? grade : "B")
					.withVariable("calltask_recording_url", "http://recordings.invalid/" + o.uuid() + ".wav");
			};
		});
		FreeSwitchGateway gateway = gateway(peer);
		Map<String, String> variables = new java.util.LinkedHashMap<>();
		variables.put("grade", "D");
		variables.put("name", "Li Lei");
		OriginateRequest graded = withNumberVariables(call("13800138030"), variables);
		OriginateRequest plain = call("13800138033");
		OriginateRequest busy = withNumberVariables(call("13800138031"), Map.of("grade", "A"));
		OriginateRequest junk = call("13800138032");
		List.of(graded, plain, busy, junk).forEach(gateway::originate);

		CallEvent.HungUp h = hangup(graded.callId());
		assertThat(h.intention()).isEqualTo("D");
		assertThat(h.recordingUrl()).isEqualTo("http://recordings.invalid/" + graded.callId() + ".wav");
		FakeFreeSwitch.Originate sent = peer.originates()
			.stream()
			.filter(o -> o.uuid().equals(graded.callId().toString()))
			.findFirst()
			.orElseThrow();
		assertThat(sent.variables()).containsEntry("calltask_var_grade", "D").containsEntry("calltask_var_name", "Li Lei");
		assertThat(hangup(plain.callId())).extracting(CallEvent.HungUp::intention, CallEvent.HungUp::recordingUrl)
			.containsExactly("B", "http://recordings.invalid/" + plain.callId() + ".wav");
		assertThat(hangup(busy.callId())).extracting(CallEvent.HungUp::intention, CallEvent.HungUp::recordingUrl)
			.containsExactly(null, null);
		assertThat(hangup(junk.callId())).as("a grade that is not A to F, an address that is not http(s)")
			.extracting(CallEvent.HungUp::intention, CallEvent.HungUp::recordingUrl)
			.containsExactly(null, null);
	}

	@Test
	void aCalleeWhoOptsOutComesBackWithTheHangup() {
		// The bot as the rig's dialplan plays it: a number imported with optout=1 sets calltask_optout=1.
		FakeFreeSwitch peer = peer(o -> "1".equals(o.variable("calltask_var_optout"))
				? CallScript.answer(30, 100).withVariable("calltask_optout", "1") : CallScript.answer(30, 100));
		FreeSwitchGateway gateway = gateway(peer);
		OriginateRequest refusing = withNumberVariables(call("13800138040"), Map.of("optout", "1"));
		OriginateRequest plain = call("13800138041");
		List.of(refusing, plain).forEach(gateway::originate);
		assertThat(hangup(refusing.callId()).optout()).isTrue();
		assertThat(hangup(plain.callId()).optout()).isFalse();
	}

	@Test
	void failuresWithoutAChannelEndTheCallFromTheJobAlone() {
		FakeFreeSwitch peer = peer(o -> o.dial().endsWith("1") ? CallScript.gatewayDown()
				: CallScript.noChannel("DESTINATION_OUT_OF_ORDER"));
		FreeSwitchGateway gateway = gateway(peer);
		OriginateRequest down = call("13800138011");
		OriginateRequest throttled = call("13800138012");
		gateway.originate(down);
		gateway.originate(throttled);
		assertThat(hangup(down.callId()).hangupCause()).isEqualTo("GATEWAY_DOWN");
		assertThat(hangup(throttled.callId()).hangupCause()).isEqualTo("DESTINATION_OUT_OF_ORDER");
		assertThat(heard.get(down.callId())).hasSize(1);
	}

	@Test
	void aCancelledCallIsKilledAsOriginatorCancel() {
		FakeFreeSwitch peer = peer(o -> CallScript.neverEnds());
		FreeSwitchGateway gateway = gateway(peer);
		OriginateRequest call = placed(gateway, peer, "13800138004");
		gateway.cancel(call.callId());
		assertThat(hangup(call.callId()).hangupCause()).isEqualTo("ORIGINATOR_CANCEL");
		assertThat(peer.commands()).anyMatch(c -> c.equals("api uuid_kill " + call.callId() + " ORIGINATOR_CANCEL"));
	}

	@Test
	void eachLinesCallsGoThroughTheServerItsNodeNames() {
		FakeFreeSwitch first = peer(o -> CallScript.answer(10, 20));
		FakeFreeSwitch second = peer(o -> CallScript.busy(10));
		FreeSwitchGateway gateway = started(settings(Map.of("fs1", node(first), "fs2", node(second))));
		await(() -> gateway.nodeUp("fs1") && gateway.nodeUp("fs2"), "both nodes up");
		OriginateRequest one = call("13800138020");
		OriginateRequest two = through(call("13800138021"), "carrier_b", "fs2");
		gateway.originate(one);
		gateway.originate(two);
		assertThat(hangup(one.callId()).hangupCause()).isEqualTo("NORMAL_CLEARING");
		assertThat(hangup(two.callId()).hangupCause()).isEqualTo("USER_BUSY");
		assertThat(first.originates()).extracting(FakeFreeSwitch.Originate::uuid).containsExactly(one.callId().toString());
		assertThat(second.originates()).extracting(FakeFreeSwitch.Originate::uuid).containsExactly(two.callId().toString());
		second.stop();
		await(() -> !gateway.nodeUp("fs2"), "fs2 down");
		assertThat(gateway.nodeUp("fs1")).isTrue();
		second.start();
		await(() -> gateway.nodeUp("fs2"), "fs2 retried and back");
	}

	@Test
	void aCancelWhileTheNodeIsDownIsSentWhenItIsBack() {
		FakeFreeSwitch peer = peer(o -> CallScript.ringing());
		FreeSwitchGateway gateway = gateway(peer, "plain", Duration.ofMillis(2000));
		OriginateRequest call = placed(gateway, peer, "13800138030");
		peer.dropConnections();
		await(() -> !gateway.nodeUp("fs1"), "node down");
		gateway.cancel(call.callId());
		quietFor(200);
		assertThat(gateway.nodeUp("fs1")).as("still down: the backoff is at least a second").isFalse();
		assertThat(peer.commands()).noneMatch(c -> c.startsWith("api uuid_kill "));
		await(() -> gateway.nodeUp("fs1"), "reconnected");
		assertThat(hangup(call.callId()).hangupCause()).isEqualTo("ORIGINATOR_CANCEL");
		assertThat(peer.liveChannels()).isEmpty();
	}

	@Test
	void aCallLeftUpByAnEarlierRunIsAdoptedAndFollowedToItsRealEnd() {
		FakeFreeSwitch peer = peer(o -> CallScript.answer(10, 60_000));
		FreeSwitchGateway before = gateway(peer);
		OriginateRequest call = placed(before, peer, "13800138040");
		await(() -> heard.getOrDefault(call.callId(), List.of()).size() == 1, "answered");
		Instant answeredAt = ((CallEvent.Answered) heard.get(call.callId()).get(0)).at();
		before.close(); // the dialer's process ends; the call goes on on the switch
		peer.dropConnections();
		Instant lastSeen = Instant.now();
		quietFor(200);
		assertThat(peer.liveChannels()).contains(call.callId().toString());

		FreeSwitchGateway after = new FreeSwitchGateway(settings(Map.of("fs1", node(peer))), Clock.systemUTC());
		gateways.add(after);
		after.start("node-a", List.of(new OpenCall(call.callId(), "fs1", answeredAt, answeredAt, lastSeen)), this::hear);
		await(() -> peer.commands().contains("api uuid_setvar " + call.callId() + " calltask_node node-a"),
				"the call claimed");
		quietFor(300);
		assertThat(heard.get(call.callId())).as("still up: nothing more heard").hasSize(1);
		assertThat(peer.liveChannels()).contains(call.callId().toString());

		quietFor(700);
		peer.hangup(call.callId().toString(), "NORMAL_CLEARING");
		CallEvent.HungUp h = hangup(call.callId());
		assertThat(h.hangupCause()).isEqualTo("NORMAL_CLEARING");
		assertThat(h.answeredAt()).isEqualTo(answeredAt);
		assertThat(h.billMillis()).as("billed by the switch, past the restart").isGreaterThanOrEqualTo(1000);
	}

	@Test
	void aCallLeftOpenThatIsGoneEndsAsLostWhenItsDialerWasLastSeen() {
		FakeFreeSwitch peer = peer(o -> CallScript.answer(10, 60_000));
		UUID gone = UUID.randomUUID();
		Instant lastSeen = Instant.now().minusSeconds(30);
		FreeSwitchGateway gateway = new FreeSwitchGateway(settings(Map.of("fs1", node(peer))), Clock.systemUTC());
		gateways.add(gateway);
		gateway.start("node-a", List.of(new OpenCall(gone, "fs1", lastSeen.minusSeconds(60), null, lastSeen)),
				this::hear);
		CallEvent.HungUp h = hangup(gone);
		assertThat(h.hangupCause()).isEqualTo("SYSTEM_SHUTDOWN");
		assertThat(h.at()).isEqualTo(lastSeen);
		assertThat(h.billMillis()).isZero();
		assertThat(heard.get(gone)).hasSize(1);
	}

	@Test
	void aCallLeftOpenOnASwitchThatStaysUnreachableEndsAsLostAfterLostAfter() throws Exception {
		int closed;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		UUID open = UUID.randomUUID();
		Instant lastSeen = Instant.now().minusSeconds(30);
		FreeSwitchGateway gateway = new FreeSwitchGateway(
				settings(Map.of("fs1", new FreeSwitchSettings.Node("127.0.0.1", closed, "ClueCon"))), Clock.systemUTC());
		gateways.add(gateway);
		long started = System.nanoTime();
		gateway.start("node-a", List.of(new OpenCall(open, "fs1", lastSeen.minusSeconds(60), lastSeen, lastSeen)),
				this::hear);
		quietFor(1000);
		assertThat(heard).as("not before lost-after (3 s): the switch may yet say it is up").isEmpty();
		CallEvent.HungUp h = hangup(open);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
		assertThat(h.hangupCause()).isEqualTo("SYSTEM_SHUTDOWN");
		assertThat(h.at()).isEqualTo(lastSeen);
	}

	@Test
	void twoDialerNodesOnOneSwitchHearOnlyTheirOwnCalls() {
		FakeFreeSwitch peer = peer(o -> CallScript.answer(20, 100));
		FreeSwitchGateway a = gateway(peer);
		Map<UUID, List<CallEvent>> heardByB = new ConcurrentHashMap<>();
		FreeSwitchGateway b = new FreeSwitchGateway(settings(Map.of("fs1", node(peer))), Clock.systemUTC());
		gateways.add(b);
		b.start("node b", List.of(), e -> heardByB.computeIfAbsent(e.callId(), id -> new CopyOnWriteArrayList<>()).add(e));
		await(() -> b.nodeUp("fs1"), "node b connected");
		OriginateRequest ofA = call("13800138050");
		OriginateRequest ofB = call("13800138051");
		a.originate(ofA);
		b.originate(ofB);
		assertThat(hangup(ofA.callId()).hangupCause()).isEqualTo("NORMAL_CLEARING");
		await(() -> heardByB.getOrDefault(ofB.callId(), List.of()).size() == 2, "b's call answered and ended");
		quietFor(300);
		assertThat(heard).as("node a heard only its call").containsOnlyKeys(ofA.callId()).satisfies(m -> assertThat(m.get(ofA.callId())).hasSize(2));
		assertThat(heardByB).as("node b heard only its call").containsOnlyKeys(ofB.callId());
		assertThat(peer.originates()).extracting(o -> o.variable("calltask_node")).containsExactlyInAnyOrder("node-a", "node_b");
	}

	@Test
	void aNodeNobodyConfiguredIsDownAndItsCallsEndAsGatewayDown() {
		FakeFreeSwitch peer = peer(o -> CallScript.answer(10, 10));
		FreeSwitchGateway gateway = gateway(peer);
		assertThat(gateway.nodeUp("fs2")).isFalse();
		OriginateRequest r = call("13800138005");
		gateway.originate(through(r, r.route().gateway(), "fs2"));
		assertThat(hangup(r.callId()).hangupCause()).isEqualTo("GATEWAY_DOWN");
		assertThat(peer.originates()).isEmpty();
	}

	@Test
	void callsThatEndedWhileDisconnectedAreFoundAtReconnectAndTheOthersStillFollowed() {
		FakeFreeSwitch peer = peer(o -> CallScript.neverEnds());
		FreeSwitchGateway gateway = gateway(peer, "plain", Duration.ofMillis(1200));
		OriginateRequest ends = call("13800138006");
		OriginateRequest lives = call("13800138007");
		gateway.originate(ends);
		gateway.originate(lives);
		await(() -> !heard.getOrDefault(ends.callId(), List.of()).isEmpty()
				&& !heard.getOrDefault(lives.callId(), List.of()).isEmpty(), "both answered");
		peer.dropConnections();
		await(() -> !gateway.nodeUp("fs1"), "node down");
		assertThat(peer.hangup(ends.callId().toString(), "NORMAL_CLEARING")).as("first call ends, unheard").isTrue();
		assertThat(gateway.nodeUp("fs1")).as("still down: the backoff is at least 600 ms").isFalse();
		await(() -> gateway.nodeUp("fs1"), "reconnected");
		CallEvent.HungUp h = hangup(ends.callId());
		assertThat(h.hangupCause()).isEqualTo(TrackedCall.LOST);
		assertThat(h.answeredAt()).as("answered before the drop").isNotNull();
		quietFor(500);
		assertThat(heard.get(lives.callId())).as("the live call is still followed, only answered").hasSize(1);
		gateway.cancel(lives.callId());
		assertThat(hangup(lives.callId()).hangupCause()).isEqualTo("ORIGINATOR_CANCEL");
	}

	@Test
	void aStalledSwitchIsReconnectedAndTheUnconfirmedCallReconciled() {
		FakeFreeSwitch peer = peer(o -> CallScript.answer(20, 50));
		FreeSwitchGateway gateway = gateway(peer, "plain", Duration.ofMillis(50), Duration.ofMinutes(5),
				Duration.ofMillis(500));
		peer.stall(true);
		OriginateRequest call = call("13800138008");
		gateway.originate(call);
		await(() -> !gateway.nodeUp("fs1"), "the late reply closes the connection");
		peer.unstall(false);
		await(() -> gateway.nodeUp("fs1"), "reconnected");
		assertThat(hangup(call.callId()).hangupCause()).isEqualTo(TrackedCall.LOST);
		OriginateRequest next = call("13800138009");
		gateway.originate(next);
		assertThat(hangup(next.callId()).hangupCause()).isEqualTo("NORMAL_CLEARING");
	}

	@Test
	void aCallWhoseHangupWasNeverHeardIsFoundByThePeriodicCheck() {
		FakeFreeSwitch peer = peer(o -> CallScript.neverEnds());
		FreeSwitchGateway gateway = gateway(peer, "plain", Duration.ofMillis(50), Duration.ofMillis(400));
		OriginateRequest call = call("13800138013");
		gateway.originate(call);
		await(() -> !heard.getOrDefault(call.callId(), List.of()).isEmpty(), "answer");
		quietFor(1000);
		assertThat(heard.get(call.callId())).as("a live call stays followed").hasSize(1);
		String exists = "api uuid_exists " + call.callId();
		assertThat(peer.vanish(call.callId().toString())).isTrue();
		java.time.Instant vanished = java.time.Instant.now();
		long checksBefore = peer.commands().stream().filter(exists::equals).count();
		CallEvent.HungUp h = hangup(call.callId());
		assertThat(h.hangupCause()).isEqualTo(TrackedCall.LOST);
		assertThat(h.answeredAt()).isNotNull();
		assertThat(h.at()).as("ends when last known up, not when found missing").isBeforeOrEqualTo(vanished);
		assertThat(h.billMillis()).as("billed up to the last check that found it").isPositive()
			.isLessThanOrEqualTo(Duration.between(h.answeredAt(), vanished).toMillis());
		assertThat(peer.commands().stream().filter(exists::equals).count() - checksBefore)
			.as("missing twice before it counts as ended").isGreaterThanOrEqualTo(2);
	}

	@Test
	void originatesOverTheSwitchsSessionRateFailWithoutAChannel() {
		FakeFreeSwitch peer = peer(o -> CallScript.answer(20, 40)).sessionsPerSecond(5);
		FreeSwitchGateway gateway = gateway(peer);
		List<OriginateRequest> calls = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			OriginateRequest c = call(Long.toString(13700000000L + i));
			calls.add(c);
			gateway.originate(c);
		}
		Map<String, Long> causes = new java.util.TreeMap<>();
		for (OriginateRequest c : calls) {
			causes.merge(hangup(c.callId()).hangupCause(), 1L, Long::sum);
		}
		assertThat(causes.get("DESTINATION_OUT_OF_ORDER")).isGreaterThanOrEqualTo(10);
		assertThat(causes.get("NORMAL_CLEARING")).isGreaterThanOrEqualTo(5);
		assertThat(causes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(20);
	}

	@Test
	void aRestartedSwitchLosesItsCalls() {
		FakeFreeSwitch peer = peer(o -> CallScript.neverEnds());
		FreeSwitchGateway gateway = gateway(peer);
		OriginateRequest call = placed(gateway, peer, "13800138010");
		peer.restart();
		assertThat(hangup(call.callId()).hangupCause()).isEqualTo(TrackedCall.LOST);
		assertThat(gateway.nodeUp("fs1")).isTrue();
	}

	@Test
	void manyCallsAtOnceEachGetTheirOwnEventsInOrder() {
		FakeFreeSwitch peer = peer(o -> switch ((int) (Long.parseLong(o.dial()) % 4)) {
			case 0 -> CallScript.answer(20, 60);
			case 1 -> CallScript.busy(30);
			case 2 -> CallScript.noAnswer(40);
			default -> CallScript.answerThenHangUp(10, 30, "NORMAL_CLEARING");
		});
		FreeSwitchGateway gateway = gateway(peer);
		List<OriginateRequest> calls = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			OriginateRequest c = call(Long.toString(13900000000L + i));
			calls.add(c);
			gateway.originate(c);
		}
		for (OriginateRequest c : calls) {
			List<CallEvent> events = ended(c.callId());
			int kind = (int) (Long.parseLong(c.callee().dialString()) % 4);
			boolean answers = kind == 0 || kind == 3;
			assertThat(events).as(c.callee().dialString()).hasSize(answers ? 2 : 1);
			assertThat(events.get(events.size() - 1)).isInstanceOf(CallEvent.HungUp.class);
			CallEvent.HungUp h = (CallEvent.HungUp) events.get(events.size() - 1);
			assertThat(h.hangupCause()).isEqualTo(switch (kind) {
				case 1 -> "USER_BUSY";
				case 2 -> "NO_ANSWER";
				default -> "NORMAL_CLEARING";
			});
		}
		assertThat(peer.originates()).hasSize(300);
		assertThat(gateway.callsInProgress()).isZero();
	}

}
