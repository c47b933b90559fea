package io.calltask.dialer.number;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The import route's own body limit, and bodies only raw bytes can express. */
@TestPropertySource(properties = "calltask.dialer.import.max-bytes=4096")
class NumberImportLimitIntegrationTests extends NumberApiSupport {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private String key;

	@Override
	protected ApiClient newAgentClient() {
		key = io.calltask.agent.Agents.newKey();
		agents.create("agent-" + java.util.UUID.randomUUID(), key);
		return new ApiClient(port, key);
	}

	@Test
	void bodiesAboveTheImportLimitAre413AndStoreNothing() throws Exception {
		String task = createTask("限制");
		StringBuilder csv = new StringBuilder("phone\n");
		for (int i = 0; csv.length() <= 4096; i++) {
			csv.append(13_000_000_000L + i).append('\n');
		}
		assertError(importCsv(task, csv.toString()), 413);

		// without Content-Length (chunked), the body is cut off at the limit
		Response chunked = send(task, "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8), true);
		assertThat(chunked.status()).as(chunked.body().toString()).isEqualTo(413);
		assertThat(chunked.body().get("status").stringValue()).isEqualTo("error");
		assertThat(numberCount(task)).isZero();

		assertThat(importCsv(task, "phone\n13800000001\n").status()).isEqualTo(200);
	}

	@Test
	void csvTextMustDecodeInItsCharset() throws Exception {
		String task = createTask("编码");
		byte[] bad = { 'p', 'h', 'o', 'n', 'e', '\n', '1', '3', '8', '0', '0', '0', '0', '0', '0', '0', '1', ',',
				(byte) 0xC3, (byte) 0x28, '\n' };
		Response r = send(task, "text/csv", bad, false);
		assertThat(r.status()).isEqualTo(422);
		assertThat(r.body().get("errors").has("body")).isTrue();

		// a GBK file says so in its Content-Type
		byte[] gbk = "phone,name\n13800000001,张三\n".getBytes("GBK");
		Response ok = send(task, "text/csv; charset=GBK", gbk, false);
		assertThat(ok.status()).as(ok.body().toString()).isEqualTo(200);
		assertThat(numbers(task, "").get("data").get(0).get("variables").get("name").stringValue()).isEqualTo("张三");

		Response unknown = send(task, "text/csv; charset=x-no-such-charset", gbk, false);
		assertThat(unknown.status()).isEqualTo(415);
		assertThat(numberCount(task)).isEqualTo(1);
	}

	private Response send(String task, String type, byte[] body, boolean chunked) throws IOException,
			InterruptedException {
		HttpRequest.BodyPublisher publisher = chunked
				? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))
				: HttpRequest.BodyPublishers.ofByteArray(body);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + numberPath(task)))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", type)
			.timeout(Duration.ofSeconds(30))
			.POST(publisher)
			.build();
		HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (InputStream in = response.body()) {
			return new Response(response.statusCode(), JsonMapper.builder().build().readTree(in.readAllBytes()));
		}
	}

	private record Response(int status, JsonNode body) {
	}


}
