package io.calltask.freeswitch.internal;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.calltask.freeswitch.FreeSwitchSettings;

/** The FreeSWITCH gateway, when {@code calltask.dialer.gateway=freeswitch}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FreeSwitchSettings.class)
class FreeSwitchConfiguration {

	@Bean
	@ConditionalOnProperty(name = "calltask.dialer.gateway", havingValue = "freeswitch")
	FreeSwitchGateway freeSwitchGateway(FreeSwitchSettings settings, Clock clock) {
		return new FreeSwitchGateway(settings, clock);
	}

	@Bean
	@ConditionalOnProperty(name = "calltask.dialer.gateway", havingValue = "freeswitch")
	FreeSwitchHealth freeSwitchHealthIndicator(FreeSwitchGateway gateway) {
		return new FreeSwitchHealth(gateway);
	}

}
