package io.calltask.dialer.engine;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code calltask.dialer.*}: which gateway places calls and the engine's rhythm (this node's id and
 * the lease are {@link io.calltask.dialer.cluster.ClusterSettings}).
 *
 * @param gateway {@code simulated} (default) or {@code freeswitch}
 * @param autoRun run the engine on its own thread; tests turn it off and step it themselves
 * @param tick how often the engine paces, originates and records (pacing granularity)
 * @param refresh how often the engine rereads tasks, lines and recycle rules
 * @param claimBatch most numbers claimed for one task at once; the batch held is at most twice this
 * @param nodeTimeout a node of the cluster whose heartbeat is older than this is dead: the leader takes
 *        over what it left (a node that led is taken over at once by the next leader, see
 *        {@link io.calltask.dialer.cluster.Term#previousHolder()})
 * @param idleTick how often the engine ticks when it has no call up and nothing to pace (a task write,
 *        a call event or a finished read wakes it at once)
 */
@ConfigurationProperties("calltask.dialer")
public record DialerSettings(@DefaultValue("simulated") String gateway, @DefaultValue("true") boolean autoRun,
		@DefaultValue("2ms") Duration tick,
		@DefaultValue("1s") Duration refresh, @DefaultValue("200") int claimBatch,
		@DefaultValue("30s") Duration nodeTimeout, @DefaultValue("100ms") Duration idleTick) {

	public DialerSettings {
		if (claimBatch < 1) {
			throw new IllegalArgumentException("calltask.dialer.claim-batch must be at least 1");
		}
	}

}
