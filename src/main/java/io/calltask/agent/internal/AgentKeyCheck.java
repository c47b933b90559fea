package io.calltask.agent.internal;

import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Refuses a start whose {@code AGENT_API_KEY} ({@code calltask.bootstrap.agent-api-key}) may not
 * open the service: the documented demo key on anything but the embedded database, so that a
 * production deployment cannot be opened with a key printed in the README, and keys too short to
 * carry 128 bits. It runs as the context is prepared, from the configuration alone, so a refused
 * start has touched nothing: before it, Flyway migrated the database and the dialer recovered the
 * node of the same name, closing the live calls of the instance already running there.
 * <p>
 * Registered in {@code META-INF/spring.factories}; the refusal is Spring Boot's "application failed
 * to start" report (what is wrong, what to do), without a stack trace.
 */
class AgentKeyCheck implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The demo profile's key, shown in the README. */
	static final String DEMO_KEY = "ct_demo_key_do_not_use_in_production_0001";

	static final int MIN_KEY_LENGTH = 32;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		check(context.getEnvironment());
	}

	static void check(Environment environment) {
		String key = environment.getProperty("calltask.bootstrap.agent-api-key", "").strip();
		if (key.isEmpty()) {
			return;
		}
		if (DEMO_KEY.equals(key) && !embedded(environment.getProperty("spring.datasource.url", ""))) {
			throw new FailureAnalyzedException("The demo API key is only allowed on the embedded database.",
					"Set AGENT_API_KEY to a random key of at least " + MIN_KEY_LENGTH + " characters "
							+ "(e.g. `openssl rand -hex 32`) and do not activate the demo profile.");
		}
		if (key.length() < MIN_KEY_LENGTH || key.chars().anyMatch(c -> c <= ' ' || c > '~')) {
			throw new FailureAnalyzedException("AGENT_API_KEY must be at least " + MIN_KEY_LENGTH
					+ " printable ASCII characters without spaces (128 bits or more of randomness).",
					"Set AGENT_API_KEY to a random key, e.g. `openssl rand -hex 32`.");
		}
	}

	/** H2, by its URL, or no URL at all: Spring Boot then starts an embedded database of its own. */
	private static boolean embedded(String url) {
		return url.isBlank() || url.strip().startsWith("jdbc:h2:");
	}

}
