package io.calltask.testing;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import io.calltask.agent.Agents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the HTTP-level tests: the whole application on a random port, a fresh agent with its
 * own key and a fresh user for every test, so tests never see each other's data and run the
 * same on H2 and on PostgreSQL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ApiIntegrationTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected Agents agents;

	/** The calling agent's client. */
	protected ApiClient api;

	/** A user of the calling agent. */
	protected String userId;

	@BeforeEach
	void newAgentAndUser() {
		api = newAgentClient();
		userId = newUser(api);
	}

	protected ApiClient newAgentClient() {
		String key = Agents.newKey();
		agents.create("agent-" + UUID.randomUUID(), key);
		return new ApiClient(port, key);
	}

	protected static String newUser(ApiClient client) {
		ApiClient.Response r = client.post("/agent-api/user", Map.of("name", "测试用户"));
		assertThat(r.status()).as(r.text()).isEqualTo(201);
		return r.data().get("user_id").stringValue();
	}

	/** {@code /agent-api/new/user/{userId}} + suffix. */
	protected String userPath(String suffix) {
		return "/agent-api/new/user/" + userId + suffix;
	}

	protected static void assertError(ApiClient.Response r, int code) {
		assertThat(r.status()).as(r.text()).isEqualTo(code);
		assertThat(r.contentType()).startsWith("application/json");
		assertThat(r.json().get("code").intValue()).isEqualTo(code);
		assertThat(r.json().get("status").stringValue()).isEqualTo("error");
		assertThat(r.json().get("message").stringValue()).isNotBlank();
		assertThat(r.json().get("errors").isObject()).isTrue();
		assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	protected static void assertInvalid(ApiClient.Response r, String field) {
		assertError(r, 422);
		assertThat(r.json().get("errors").has(field)).as(r.text()).isTrue();
	}

}
