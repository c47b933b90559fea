package io.calltask.dialer.engine;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.calltask.time.MutableClock;

/** The dialer tests' clock and gateway, replacing the system clock and the simulated gateway. */
@TestConfiguration(proxyBeanMethods = false)
class DialerTestBeans {

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
	}

	@Bean
	@Primary
	ScriptedGateway scriptedGateway(MutableClock clock) {
		return new ScriptedGateway(clock);
	}

}
