package io.calltask.dialer.engine;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code calltask.dialer.*}: which gateway places calls, this node's name, and the engine's rhythm.
 *
 * @param gateway {@code simulated} (default) or {@code freeswitch}
 * @param nodeId this dialer node's name in the database (claims and calls carry it); default: the host name
 * @param autoRun run the engine on its own thread; tests turn it off and step it themselves
 * @param tick how often the engine paces, originates and records (pacing granularity)
 * @param refresh how often the engine rereads tasks, lines and recycle rules
 * @param claimBatch most numbers claimed for one task at once; the batch held is at most twice this
 * @param nodeTimeout a node whose heartbeat is older than this is dead: its claims and calls are recovered
 * @param idleTick how often the engine ticks when it has no call up and nothing to pace (a task write,
 *        a call event or a finished read wakes it at once)
 */
@ConfigurationProperties("calltask.dialer")
public record DialerSettings(@DefaultValue("simulated") String gateway, String nodeId,
		@DefaultValue("true") boolean autoRun, @DefaultValue("2ms") Duration tick,
		@DefaultValue("1s") Duration refresh, @DefaultValue("200") int claimBatch,
		@DefaultValue("30s") Duration nodeTimeout, @DefaultValue("100ms") Duration idleTick) {

	public DialerSettings {
		if (nodeId == null || nodeId.isBlank()) {
			nodeId = defaultNodeId();
		}
		if (nodeId.length() > 64) {
			nodeId = nodeId.substring(0, 64);
		}
		if (claimBatch < 1) {
			throw new IllegalArgumentException("calltask.dialer.claim-batch must be at least 1");
		}
	}

	private static String defaultNodeId() {
		String host = System.getenv("HOSTNAME");
		if (host == null || host.isBlank()) {
			try {
				host = java.net.InetAddress.getLocalHost().getHostName();
			}
			catch (java.io.IOException ex) {
				host = "dialer";
			}
		}
		return host;
	}

}
