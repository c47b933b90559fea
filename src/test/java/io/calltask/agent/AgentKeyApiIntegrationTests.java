package io.calltask.agent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.calltask.agent.internal.KeyHash;
import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md §11 through HTTP: an agent's keys listed, created (shown once), scoped and revoked; the
 * last usable key kept; a CSV export opened by a one-time link; no key and no hash ever in an
 * answer or a log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class AgentKeyApiIntegrationTests extends ApiIntegrationTest {

	private final List<String> secrets = new ArrayList<>();

	@Test
	void keysAreListedNewestFirstAndShownOnlyWhenCreated(CapturedOutput output) {
		secrets.add(api.key());
		JsonNode first = only(api.get("/agent-api/key"));
		assertThat(first.get("prefix").stringValue()).isEqualTo(api.key().substring(0, 8));
		assertThat(first.get("scope").stringValue()).isEqualTo("full");
		assertThat(first.get("current").booleanValue()).isTrue();
		assertThat(first.get("revoked_datetime").isNull()).isTrue();

		ApiClient.Response created = api.post("/agent-api/key", Map.of("name", "看板", "scope", "read"));
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		String key = created.data().get("key").stringValue();
		secrets.add(key);
		assertThat(key).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(api.key());
		assertThat(created.data().get("prefix").stringValue()).isEqualTo(key.substring(0, 8));
		assertThat(created.data().get("name").stringValue()).isEqualTo("看板");
		assertThat(created.data().get("expires_datetime").isNull()).isTrue();

		ApiClient.Response second = api.post("/agent-api/key", Map.of("name", "CRM", "expires_datetime", "2099-01-01 00:00:00"));
		secrets.add(second.data().get("key").stringValue());
		assertThat(second.data().get("scope").stringValue()).as("the default scope").isEqualTo("full");
		assertThat(second.data().get("expires_datetime").stringValue()).isEqualTo("2099-01-01 00:00:00");

		ApiClient.Response list = api.get("/agent-api/key");
		assertThat(list.status()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		list.data().forEach(k -> {
			names.add(k.get("name").stringValue());
			assertThat(k.has("key")).isFalse();
		});
		assertThat(names).hasSize(3).startsWith("CRM", "看板");
		assertThat(api.withKey(key).get("/agent-api/key").status()).as("the new key works").isEqualTo(200);
		assertNoSecretIn(list.text());
		assertNoSecretIn(output.getAll());
	}

	@Test
	void aReadKeyReadsButEveryWriteIsForbidden(CapturedOutput output) {
		String read = create(Map.of("name", "只读", "scope", "read"));
		ApiClient reader = api.withKey(read);
		String task = api.post(userPath("/task"), Map.of("name", "读写")).data().get("uuid").stringValue();

		assertThat(reader.get(userPath("/task")).status()).isEqualTo(200);
		assertThat(reader.get(userPath("/task/" + task)).status()).isEqualTo(200);
		assertError(reader.post(userPath("/task"), Map.of("name", "不行")), 403);
		assertError(reader.put(userPath("/task/" + task), Map.of("name", "不行")), 403);
		assertError(reader.post(userPath("/task/" + task + "/start"), Map.of()), 403);
		assertError(reader.delete(userPath("/task/" + task)), 403);
		assertError(reader.post("/agent-api/key", Map.of("name", "升级")), 403);
		JsonNode own = api.get("/agent-api/key").data().get(0);
		assertError(reader.delete("/agent-api/key/" + own.get("key_id").stringValue()), 403);
		assertThat(api.get(userPath("/task")).data()).as("nothing was written").hasSize(1);
		assertThat(api.get("/agent-api/key").data()).hasSize(2);
		assertThat(reader.post("/agent-api/download-token",
				Map.of("path", userPath("/task/" + task + "/call?format=csv"))).status())
			.as("a read key may ask for a download link").isEqualTo(201);
		assertNoSecretIn(output.getAll());
	}

	@Test
	void badInputIsA422NamingTheField() {
		assertInvalid(api.post("/agent-api/key", Map.of()), "name");
		assertInvalid(api.post("/agent-api/key", Map.of("name", "x".repeat(101))), "name");
		assertInvalid(api.post("/agent-api/key", Map.of("name", "k", "scope", "admin")), "scope");
		assertInvalid(api.post("/agent-api/key", Map.of("name", "k", "scope", 1)), "scope");
		assertInvalid(api.post("/agent-api/key", Map.of("name", "k", "expires_datetime", "2000-01-01 00:00:00")),
				"expires_datetime");
		assertInvalid(api.post("/agent-api/key", Map.of("name", "k", "expires_datetime", "明天")), "expires_datetime");
		assertThat(api.get("/agent-api/key").data()).as("nothing half-written").hasSize(1);
	}

	@Test
	void aRevokedKeyIsRefusedAtOnceAndTheLastUsableKeyIsKept() {
		String other = create(Map.of("name", "轮换"));
		String otherId = idOf(other);
		String ownId = api.get("/agent-api/key").data().get(1).get("key_id").stringValue();

		ApiClient.Response revoked = api.withKey(other).delete("/agent-api/key/" + ownId);
		assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
		assertThat(revoked.data().get("revoked_datetime").isNull()).isFalse();
		assertError(api.get(userPath("/task")), 401);

		ApiClient rotated = api.withKey(other);
		ApiClient.Response last = rotated.delete("/agent-api/key/" + otherId);
		assertError(last, 409);
		assertThat(last.json().get("errors").has("key_id")).isTrue();
		assertThat(rotated.get(userPath("/task")).status()).as("the last key still works").isEqualTo(200);
		assertThat(rotated.delete("/agent-api/key/" + ownId).status()).as("revoking again changes nothing")
			.isEqualTo(200);

		assertError(rotated.delete("/agent-api/key/00000000-0000-0000-0000-000000000000"), 404);
		assertError(rotated.delete("/agent-api/key/not-a-key"), 404);
		ApiClient stranger = newAgentClient();
		assertError(stranger.delete("/agent-api/key/" + otherId), 404);
		assertThat(rotated.get(userPath("/task")).status()).isEqualTo(200);
	}

	@Test
	void aDownloadLinkOpensOneExportOnceWithoutTheKey() {
		String task = api.post(userPath("/task"), Map.of("name", "导出")).data().get("uuid").stringValue();
		String path = userPath("/task/" + task + "/number?format=csv");
		ApiClient.Response link = api.post("/agent-api/download-token", Map.of("path", path));
		assertThat(link.status()).as(link.text()).isEqualTo(201);
		String url = link.data().get("url").stringValue();
		assertThat(url).startsWith(path + "&download_token=");

		ApiClient anonymous = new ApiClient(port, null);
		ApiClient.Response csv = anonymous.get(url);
		assertThat(csv.status()).as(csv.text()).isEqualTo(200);
		assertThat(csv.contentType()).startsWith("text/csv");
		assertError(anonymous.get(url), 401);

		String other = api.post("/agent-api/download-token", Map.of("path", path)).data().get("url").stringValue();
		String token = other.substring(other.indexOf("download_token="));
		assertError(anonymous.get(userPath("/task/" + task + "/call?format=csv&" + token)), 401);
		assertError(anonymous.get(userPath("/task?" + token)), 401);

		assertInvalid(api.post("/agent-api/download-token", Map.of("path", userPath("/task"))), "path");
		assertInvalid(api.post("/agent-api/download-token", Map.of("path", "https://example.com/x?format=csv")), "path");
		assertInvalid(api.post("/agent-api/download-token", Map.of()), "path");
	}

	private String create(Map<String, Object> body) {
		ApiClient.Response created = api.post("/agent-api/key", body);
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		String key = created.data().get("key").stringValue();
		secrets.add(key);
		return key;
	}

	private String idOf(String key) {
		for (JsonNode k : api.withKey(key).get("/agent-api/key").data()) {
			if (k.get("current").booleanValue()) {
				return k.get("key_id").stringValue();
			}
		}
		throw new AssertionError("no current key");
	}

	private static JsonNode only(ApiClient.Response list) {
		assertThat(list.status()).as(list.text()).isEqualTo(200);
		assertThat(list.data()).hasSize(1);
		return list.data().get(0);
	}

	private void assertNoSecretIn(String text) {
		Set<String> forbidden = new HashSet<>();
		for (String secret : secrets) {
			forbidden.add(secret);
			forbidden.add(KeyHash.of(secret));
		}
		for (String secret : forbidden) {
			assertThat(text).doesNotContain(secret);
		}
	}

}
