package io.calltask.freeswitch;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code calltask.freeswitch.*}: the FreeSWITCH servers calls go through, by the {@code node_id}
 * lines name ({@code calltask.freeswitch.nodes.<node_id>.host|port|password}), and how the Event
 * Socket connections behave.
 *
 * @param nodes the servers, by node id
 * @param eventFormat {@code plain} or {@code json}
 * @param connectTimeout how long one connection attempt may take
 * @param commandTimeout how long a reply may take; a late reply closes the connection
 * @param liveness how long a connection may be silent (FreeSWITCH sends a heartbeat every 20 s)
 * @param backoffMin first reconnect delay, doubled per failure
 * @param backoffMax longest reconnect delay
 * @param hangupGrace how long a failed job ({@code BACKGROUND_JOB -ERR}) or a vanished channel waits
 * for the channel's own hangup event, which carries more (the detector's result, billing)
 * @param reconcileInterval how often calls in progress are checked with {@code uuid_exists}, so that a
 * call whose hangup event was lost does not stay "calling"
 * @param lostAfter how long a node may stay unreachable before its calls are ended as lost
 * ({@code SYSTEM_SHUTDOWN}, as the engine ends calls it lost in a crash)
 * @param eventThreads threads handling call events; each call's events go to one of them, in order
 */
@ConfigurationProperties("calltask.freeswitch")
public record FreeSwitchSettings(Map<String, Node> nodes, @DefaultValue("plain") String eventFormat,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("5s") Duration commandTimeout,
		@DefaultValue("60s") Duration liveness, @DefaultValue("500ms") Duration backoffMin,
		@DefaultValue("30s") Duration backoffMax, @DefaultValue("2s") Duration hangupGrace,
		@DefaultValue("60s") Duration reconcileInterval, @DefaultValue("10m") Duration lostAfter,
		@DefaultValue("2") int eventThreads) {

	public FreeSwitchSettings {
		nodes = nodes == null ? Map.of() : Map.copyOf(nodes);
		if (!eventFormat.equals("plain") && !eventFormat.equals("json")) {
			throw new IllegalArgumentException("calltask.freeswitch.event-format must be plain or json");
		}
		if (eventThreads < 1) {
			throw new IllegalArgumentException("calltask.freeswitch.event-threads must be at least 1");
		}
		for (Duration d : new Duration[] { connectTimeout, commandTimeout, liveness, backoffMin, backoffMax,
				reconcileInterval, lostAfter }) {
			if (d.isNegative() || d.isZero()) {
				throw new IllegalArgumentException("calltask.freeswitch durations must be positive");
			}
		}
	}

	/** One FreeSWITCH's Event Socket ({@code event_socket.conf.xml}: port 8021, password ClueCon by default). */
	public record Node(String host, @DefaultValue("8021") int port, @DefaultValue("ClueCon") String password) {

		public Node {
			if (host == null || host.isBlank()) {
				throw new IllegalArgumentException("calltask.freeswitch.nodes.*.host is required");
			}
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("calltask.freeswitch.nodes.*.port must be a TCP port");
			}
			if (password == null || password.isEmpty() || password.chars().anyMatch(c -> c <= ' ')) {
				throw new IllegalArgumentException("calltask.freeswitch.nodes.*.password must be one word");
			}
		}

	}

}
