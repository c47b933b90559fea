package io.calltask.dialer.simulated;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The simulated gateway, unless {@code calltask.dialer.gateway} names another. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SimulatedGateway.Settings.class, SimulatedGateway.BotSettings.class })
class SimulatedGatewayConfiguration {

	@Bean
	@ConditionalOnProperty(name = "calltask.dialer.gateway", havingValue = "simulated", matchIfMissing = true)
	SimulatedGateway simulatedGateway(SimulatedGateway.Settings settings, SimulatedGateway.BotSettings bot,
			Clock clock) {
		return new SimulatedGateway(settings, bot, clock);
	}

}
