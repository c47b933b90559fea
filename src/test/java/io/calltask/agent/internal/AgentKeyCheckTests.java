package io.calltask.agent.internal;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Production refuses the demo key; keys must be long enough to carry 128 bits. */
class AgentKeyCheckTests {

	private static final String DEMO_KEY = "ct_demo_key_do_not_use_in_production_0001";

	@Test
	void productionRefusesTheDemoKey() {
		assertThatThrownBy(() -> AgentKeyCheck.check(configuration("jdbc:postgresql://db/calltask", DEMO_KEY)))
			.isInstanceOf(FailureAnalyzedException.class)
			.hasMessageContaining("demo API key");
	}

	@Test
	void theEmbeddedDatabaseAcceptsTheDemoKey() {
		assertThatCode(() -> AgentKeyCheck.check(configuration("jdbc:h2:file:./data/x", DEMO_KEY)))
			.doesNotThrowAnyException();
		assertThatCode(() -> AgentKeyCheck.check(configuration(null, DEMO_KEY))).as("Spring Boot's own embedded database")
			.doesNotThrowAnyException();
	}

	@Test
	void shortOrSpacedKeysAreRefused() {
		for (String key : new String[] { "short", "has a space in the middle of it, 0123456789", "x".repeat(31) }) {
			assertThatThrownBy(() -> AgentKeyCheck.check(configuration("jdbc:postgresql://db/calltask", key)))
				.isInstanceOf(FailureAnalyzedException.class)
				.hasMessageContaining("AGENT_API_KEY");
		}
	}

	@Test
	void noKeyStartsWithoutABootstrapAgent() {
		assertThatCode(() -> AgentKeyCheck.check(configuration("jdbc:postgresql://db/calltask", "")))
			.doesNotThrowAnyException();
	}

	private static MockEnvironment configuration(String url, String key) {
		MockEnvironment environment = new MockEnvironment().withProperty("calltask.bootstrap.agent-api-key", key);
		return url == null ? environment : environment.withProperty("spring.datasource.url", url);
	}

}
