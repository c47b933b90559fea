package io.calltask.agent.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;
import io.calltask.time.MutableClock;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys in stepped time (Asia/Shanghai, the clock at 10:00): a key works until its expiry and is
 * refused from then on, an expired key does not count as the agent's usable key, and
 * {@code last_used_datetime} follows use at most once a minute.
 */
@Import(AgentKeyExpiryIntegrationTests.Beans.class)
class AgentKeyExpiryIntegrationTests extends ApiIntegrationTest {

	@TestConfiguration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		@Primary
		MutableClock keyClock() {
			return new MutableClock(Instant.parse("2026-12-01T02:00:00Z"));
		}

	}

	@Autowired
	MutableClock clock;

	@Autowired
	KeyUses uses;

	@Test
	void aKeyWorksUntilItsExpiryAndNotAfter() {
		clock.set(Instant.parse("2026-12-01T02:00:00Z"));
		ApiClient.Response created = api.post("/agent-api/key", Map.of("name", "一小时", "expires_datetime", "2026-12-01 11:00:00"));
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		ApiClient hourly = api.withKey(created.data().get("key").stringValue());
		String hourlyId = created.data().get("key_id").stringValue();
		assertThat(hourly.get(userPath("/task")).status()).isEqualTo(200);

		clock.advance(Duration.ofMinutes(59).plusSeconds(59));
		assertThat(hourly.get(userPath("/task")).status()).as("a second before its expiry").isEqualTo(200);
		clock.advance(Duration.ofSeconds(1));
		assertError(hourly.get(userPath("/task")), 401);
		assertThat(api.get(userPath("/task")).status()).as("the agent's other key").isEqualTo(200);

		JsonNode listed = api.get("/agent-api/key").data().get(0);
		assertThat(listed.get("key_id").stringValue()).isEqualTo(hourlyId);
		assertThat(listed.get("expires_datetime").stringValue()).isEqualTo("2026-12-01 11:00:00");
		assertThat(listed.get("revoked_datetime").isNull()).isTrue();

		String ownId = api.get("/agent-api/key").data().get(1).get("key_id").stringValue();
		assertError(api.delete("/agent-api/key/" + ownId), 409);
		assertThat(api.delete("/agent-api/key/" + hourlyId).status()).as("an expired key may be revoked").isEqualTo(200);
		assertInvalid(api.post("/agent-api/key", Map.of("name", "过去", "expires_datetime", "2026-12-01 11:00:00")),
				"expires_datetime");
	}

	@Test
	void lastUsedFollowsUseAtMostOnceAMinute() {
		clock.set(Instant.parse("2026-12-01T02:00:00Z"));
		api.get(userPath("/task"));
		uses.flush();
		assertThat(lastUsed()).isEqualTo("2026-12-01 10:00:00");

		clock.advance(Duration.ofSeconds(30));
		api.get(userPath("/task"));
		uses.flush();
		assertThat(lastUsed()).as("30 s later: not written again").isEqualTo("2026-12-01 10:00:00");

		clock.advance(Duration.ofSeconds(31));
		api.get(userPath("/task"));
		uses.flush();
		assertThat(lastUsed()).isEqualTo("2026-12-01 10:01:01");
	}

	private String lastUsed() {
		JsonNode key = api.get("/agent-api/key").data().get(0);
		return key.get("last_used_datetime").isNull() ? null : key.get("last_used_datetime").stringValue();
	}

}
