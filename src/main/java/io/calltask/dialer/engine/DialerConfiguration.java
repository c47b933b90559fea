package io.calltask.dialer.engine;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.calltask.time.DateTimes;
import io.calltask.catalog.Catalog;
import io.calltask.dialer.spi.CallGateway;
import io.calltask.line.Lines;
import io.calltask.task.TaskRuntime;

/** The engine and its gateway ({@code calltask.dialer.gateway}: {@code simulated} unless configured). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DialerSettings.class)
class DialerConfiguration {

	@Bean
	DialerEngine dialerEngine(DialerSettings settings, org.springframework.beans.factory.ObjectProvider<CallGateway> gateway,
			org.springframework.beans.factory.ObjectProvider<ClockDriven> clockDriven,
			TaskRuntime tasks, Lines lines, Catalog catalog, NumberClaims claims, AttemptLog attempts,
			DialerNodes nodes, Clock clock, DateTimes time) {
		CallGateway chosen = gateway.getIfAvailable();
		if (chosen == null) {
			throw new IllegalStateException("calltask.dialer.gateway=" + settings.gateway()
					+ ": no such gateway (simulated or freeswitch)");
		}
		return new DialerEngine(settings, chosen, clockDriven.orderedStream().toList(), tasks, lines, catalog, claims, attempts, nodes, clock, time);
	}

}
