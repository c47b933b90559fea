package io.calltask.dialer.cluster;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code calltask.dialer.*} as far as the cluster goes: this instance's node id and the dialer lease.
 *
 * @param nodeId this instance's name among the nodes on the database (claims and calls carry it);
 *        default: the host name plus a random suffix, new on every start
 * @param leaseTimeout how long the dialer lease lasts unrenewed (at least 3 s): a standby dials within
 *        this plus 5 s of the leader's death; the leader renews every fifth of it and stops dialing
 *        {@link #stopBefore()} before its lease could expire
 * @param cluster the lease's name: the instances on one database with the same name elect one
 *        dialer. Only tests change it (their Spring contexts share one database but not a dialer)
 */
@ConfigurationProperties("calltask.dialer")
public record ClusterSettings(String nodeId, @DefaultValue("10s") Duration leaseTimeout,
		@DefaultValue("calltask") String cluster) {

	public ClusterSettings {
		if (nodeId == null || nodeId.isBlank()) {
			nodeId = defaultNodeId();
		}
		nodeId = nodeId.strip();
		if (nodeId.length() > 64) {
			throw new IllegalArgumentException("calltask.dialer.node-id is longer than 64 characters: " + nodeId);
		}
		if (leaseTimeout.compareTo(Duration.ofSeconds(3)) < 0) {
			throw new IllegalArgumentException("calltask.dialer.lease-timeout must be at least 3s");
		}
		if (cluster == null || cluster.isBlank() || cluster.length() > 64) {
			throw new IllegalArgumentException("calltask.dialer.cluster must be 1 to 64 characters");
		}
	}

	/** How often the leader renews and every instance beats. */
	public Duration beatEvery() {
		return leaseTimeout.dividedBy(5);
	}

	/**
	 * How long before its lease could expire a leader that could not renew stops dialing: a fifth of
	 * the timeout, at least a second, so that no one-second window holds originates of two leaders
	 * (a carrier counts calls per second across them).
	 */
	public Duration stopBefore() {
		Duration fifth = leaseTimeout.dividedBy(5);
		return fifth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : fifth;
	}

	/** The host name and a random suffix: two instances on one host never share an id. */
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
		byte[] suffix = new byte[3];
		ThreadLocalRandom.current().nextBytes(suffix);
		String tail = "-" + HexFormat.of().formatHex(suffix);
		return (host.length() > 64 - tail.length() ? host.substring(0, 64 - tail.length()) : host) + tail;
	}

}
