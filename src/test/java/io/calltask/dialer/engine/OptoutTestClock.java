package io.calltask.dialer.engine;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import io.calltask.time.MutableClock;

/** The opt-out tests' clock, moved by the tests (a top-level class: their context is shared by two test classes). */
@TestConfiguration(proxyBeanMethods = false)
class OptoutTestClock {

	@Bean
	@Primary
	MutableClock optoutClock() {
		return new MutableClock(Instant.parse("2026-11-23T02:00:00Z"));
	}

}
