package io.calltask.agent;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class UserApiIntegrationTests extends ApiIntegrationTest {

	@Test
	void createsAndListsUsersOfTheCallingAgentOnly() {
		ApiClient.Response created = api.post("/agent-api/user", Map.of("name", "张三"));
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("code").intValue()).isEqualTo(201);
		assertThat(created.data().get("name").stringValue()).isEqualTo("张三");
		assertThat(created.data().get("create_datetime").stringValue()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

		ApiClient.Response list = api.get("/agent-api/user?per_page=1");
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json().get("meta").get("total").intValue()).isEqualTo(2);
		assertThat(list.json().get("meta").get("per_page").stringValue()).isEqualTo("1");
		assertThat(list.data().get(0).get("name").stringValue()).isEqualTo("张三");

		ApiClient other = newAgentClient();
		assertThat(other.get("/agent-api/user").json().get("meta").get("total").intValue()).isZero();
	}

	@Test
	void missingOrUnknownKeyIs401InTheEnvelope() {
		assertError(api.withKey(null).get("/agent-api/user"), 401);
		assertError(api.withKey("ct_not_a_real_key_00000000000000000000000").get("/agent-api/user"), 401);
		assertError(api.withKey(null).get(userPath("/task")), 401);
	}

	@Test
	void userOfAnotherAgentIs404() {
		ApiClient other = newAgentClient();
		ApiClient.Response r = other.get(userPath("/task"));
		assertError(r, 404);
		assertError(api.get("/agent-api/new/user/not-a-uuid/task"), 404);
		assertError(api.get("/agent-api/new/user/00000000-0000-0000-0000-000000000000/task"), 404);
	}

	@Test
	void userNameIsValidated() {
		assertInvalid(api.post("/agent-api/user", Map.of()), "name");
		assertInvalid(api.post("/agent-api/user", Map.of("name", "  ")), "name");
		assertInvalid(api.post("/agent-api/user", Map.of("name", 42)), "name");
		assertInvalid(api.post("/agent-api/user", Map.of("name", "x".repeat(101))), "name");
		assertInvalid(api.raw("POST", "/agent-api/user", "application/json", "{\"name\":"), "body");
		assertInvalid(api.raw("POST", "/agent-api/user", "application/json", "[1,2]"), "body");
		assertError(api.raw("POST", "/agent-api/user", "text/plain", "name=x"), 415);
		assertError(api.raw("PATCH", "/agent-api/user", "application/json", "{}"), 405);
		assertError(api.get("/agent-api/no-such-thing"), 404);
		assertThat(api.get("/agent-api/user").json().get("meta").get("total").intValue()).isEqualTo(1);
	}

}
