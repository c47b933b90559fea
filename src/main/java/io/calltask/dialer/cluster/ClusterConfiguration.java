package io.calltask.dialer.cluster;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** This instance's {@link DialerRole}, and the {@code dialer} component of {@code /actuator/health}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClusterSettings.class)
class ClusterConfiguration {

	/** Static: a post-processor is made before the other beans. */
	@Bean
	static ConnectionTimeouts connectionTimeouts() {
		return new ConnectionTimeouts();
	}

	@Bean
	DialerRole dialerRole(ClusterSettings settings, DialerLease lease, DataSource dataSource, Clock clock) {
		return new DialerRole(settings, lease, dataSource, clock);
	}

	/** {@code calltask_dialer_leader}: 1 on the instance that leads, 0 on a standby. */
	@Bean
	MeterBinder dialerLeaderGauge(DialerRole role) {
		return registry -> Gauge.builder("calltask.dialer.leader", role, r -> r.current() != null ? 1 : 0)
			.description("1 on the instance that runs the dialer, 0 on a standby")
			.register(registry);
	}

	/** {@code {"status":"UP","details":{"role":"leader"|"standby","node_id":"…"}}}: a standby is healthy. */
	@Bean
	HealthIndicator dialerHealthIndicator(DialerRole role) {
		return () -> Health.up()
			.withDetail("role", role.current() != null ? "leader" : "standby")
			.withDetail("node_id", role.nodeId())
			.build();
	}

}
