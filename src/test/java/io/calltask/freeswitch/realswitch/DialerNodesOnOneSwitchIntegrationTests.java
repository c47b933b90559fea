package io.calltask.freeswitch.realswitch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.calltask.dialer.spi.CallEvent;
import io.calltask.dialer.spi.OpenCall;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.freeswitch.FreeSwitchSettings;
import io.calltask.freeswitch.internal.FreeSwitchGateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several dialer nodes on one real switch, each through its own gateway: each hears only its own
 * calls' events (the switch filters them by {@code calltask_node}), and a node that adopts another's
 * call (a restart, a dead node taken over) claims it on the switch and hears its end from then on,
 * with the switch's own cause and billing.
 */
@RequiresRealSwitch
class DialerNodesOnOneSwitchIntegrationTests {

	private final List<FreeSwitchGateway> gateways = new ArrayList<>();

	@AfterEach
	void close() {
		gateways.forEach(FreeSwitchGateway::close);
	}

	/** A gateway of dialer node {@code node} on the real switch, connected; its events land in {@code heard}. */
	private FreeSwitchGateway gateway(String node, List<OpenCall> open, Map<UUID, List<CallEvent>> heard) {
		FreeSwitchSettings settings = new FreeSwitchSettings(
				Map.of("fs1", new FreeSwitchSettings.Node(RealSwitch.HOST, RealSwitch.PORT, RealSwitch.PASSWORD)), "plain",
				Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMillis(100),
				Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofMinutes(10), 2);
		FreeSwitchGateway gateway = new FreeSwitchGateway(settings, Clock.systemUTC());
		gateways.add(gateway);
		gateway.start(node, open, e -> heard.computeIfAbsent(e.callId(), id -> new CopyOnWriteArrayList<>()).add(e));
		await().atMost(Duration.ofSeconds(10)).until(() -> gateway.nodeUp("fs1"));
		return gateway;
	}

	/** A call through {@code sipp_uas}, answered into {@code context} ({@code default}: 2 s; {@code hold}: 20 s). */
	private static OriginateRequest call(String phone, String context) {
		return new OriginateRequest(new OriginateRequest.Identity(UUID.randomUUID(), UUID.randomUUID(), 1),
				new OriginateRequest.Callee(phone, phone, Map.of()),
				new OriginateRequest.Route(UUID.randomUUID(), "sipp_uas", "fs1", "02100000000", 30),
				new OriginateRequest.Destination("102", "XML", context, Map.of()));
	}

	private static String phone() {
		return "1374" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
	}

	@Test
	void eachDialerNodeHearsOnlyItsOwnCalls() {
		Map<UUID, List<CallEvent>> heardByA = new ConcurrentHashMap<>();
		Map<UUID, List<CallEvent>> heardByB = new ConcurrentHashMap<>();
		FreeSwitchGateway a = gateway("node-a-" + UUID.randomUUID(), List.of(), heardByA);
		FreeSwitchGateway b = gateway("node-b-" + UUID.randomUUID(), List.of(), heardByB);
		OriginateRequest ofA = call(phone(), "default");
		OriginateRequest ofB = call(phone(), "default");
		a.originate(ofA);
		b.originate(ofB);
		await().atMost(Duration.ofSeconds(15)).until(() -> ended(heardByA, ofA) && ended(heardByB, ofB));
		assertThat(heardByA).containsOnlyKeys(ofA.callId());
		assertThat(heardByB).containsOnlyKeys(ofB.callId());
		assertThat(heardByA.get(ofA.callId())).hasSize(2).first().isInstanceOf(CallEvent.Answered.class);
		CallEvent.HungUp end = (CallEvent.HungUp) heardByA.get(ofA.callId()).get(1);
		assertThat(end.hangupCause()).isEqualTo("NORMAL_CLEARING");
		assertThat(end.billMillis()).isBetween(1500L, 3500L);
	}

	@Test
	void aCallAdoptedFromAnotherNodeIsClaimedAndFollowedToItsEnd() {
		Map<UUID, List<CallEvent>> heardByDead = new ConcurrentHashMap<>();
		FreeSwitchGateway dead = gateway("node-dead-" + UUID.randomUUID(), List.of(), heardByDead);
		OriginateRequest call = call(phone(), "hold");
		dead.originate(call);
		await().atMost(Duration.ofSeconds(10)).until(() -> heardByDead.getOrDefault(call.callId(), List.of()).size() == 1);
		Instant answeredAt = ((CallEvent.Answered) heardByDead.get(call.callId()).get(0)).at();
		dead.close(); // the node dies; its call goes on on the switch
		Instant lastSeen = Instant.now();

		Map<UUID, List<CallEvent>> heardBySurvivor = new ConcurrentHashMap<>();
		String survivor = "node-survivor-" + UUID.randomUUID();
		gateway(survivor, List.of(new OpenCall(call.callId(), "fs1", answeredAt, answeredAt, lastSeen)), heardBySurvivor);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> RealSwitch.api("uuid_getvar " + call.callId() + " calltask_node").strip().equals(survivor));
		RealSwitch.api("uuid_kill " + call.callId() + " NORMAL_CLEARING"); // the callee hangs up, after a while
		await().atMost(Duration.ofSeconds(10)).until(() -> ended(heardBySurvivor, call));
		CallEvent.HungUp end = (CallEvent.HungUp) heardBySurvivor.get(call.callId()).get(0);
		assertThat(heardBySurvivor.get(call.callId())).hasSize(1);
		assertThat(end.hangupCause()).isEqualTo("NORMAL_CLEARING");
		assertThat(end.answeredAt()).isEqualTo(answeredAt);
		assertThat(end.billMillis()).as("billed by the switch from the answer").isPositive();
	}

	private static boolean ended(Map<UUID, List<CallEvent>> heard, OriginateRequest call) {
		return heard.getOrDefault(call.callId(), List.of()).stream().anyMatch(e -> e instanceof CallEvent.HungUp);
	}

}
