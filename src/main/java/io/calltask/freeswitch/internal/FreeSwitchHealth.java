package io.calltask.freeswitch.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code /actuator/health} component {@code freeSwitch}: up while at least one configured node is
 * connected (calls can be placed on its lines), down when none is; each node's state and calls in
 * the details ({@code management.endpoint.health.show-details}).
 */
class FreeSwitchHealth implements HealthIndicator {

	private final FreeSwitchGateway gateway;

	FreeSwitchHealth(FreeSwitchGateway gateway) {
		this.gateway = gateway;
	}

	@Override
	public Health health() {
		Map<String, FreeSwitchGateway.NodeStatus> nodes = gateway.nodeStatus();
		Map<String, Object> details = new LinkedHashMap<>();
		boolean any = false;
		for (Map.Entry<String, FreeSwitchGateway.NodeStatus> n : nodes.entrySet()) {
			FreeSwitchGateway.NodeStatus s = n.getValue();
			any |= s.up();
			Map<String, Object> node = new LinkedHashMap<>();
			node.put("state", s.up() ? "up" : "down");
			if (!s.up() && s.downSince() != null) {
				node.put("down_since", s.downSince().toString());
			}
			node.put("calls", s.calls());
			details.put(n.getKey(), node);
		}
		return (any ? Health.up() : Health.down()).withDetails(details).build();
	}

}
