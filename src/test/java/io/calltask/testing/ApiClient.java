package io.calltask.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client against the started application, speaking the API's JSON. Every answer is
 * held to the service's OpenAPI document ({@link OpenApiContract}): an answer the document does not
 * describe fails the test with an {@link AssertionError}.
 */
public final class ApiClient {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int port;

	private final String base;

	private final String key;

	public ApiClient(int port, String key) {
		this.port = port;
		this.base = "http://127.0.0.1:" + port;
		this.key = key;
	}

	/** The key this client sends (the console's tests sign in with it). */
	public String key() {
		return key;
	}

	public ApiClient withKey(String otherKey) {
		return new ApiClient(port, otherKey);
	}

	public Response get(String path) {
		return send(builder(path).GET());
	}

	public Response delete(String path) {
		return send(builder(path).DELETE());
	}

	public Response post(String path, Object body) {
		return send(json(builder(path), "POST", body));
	}

	public Response put(String path, Object body) {
		return send(json(builder(path), "PUT", body));
	}

	public Response delete(String path, Object body) {
		return send(json(builder(path), "DELETE", body));
	}

	/** Sends a raw body with the given content type, for malformed-input tests. */
	public Response raw(String method, String path, String contentType, String body) {
		HttpRequest.Builder b = builder(path).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (contentType != null) {
			b.header("Content-Type", contentType);
		}
		return send(b);
	}

	public static String toJson(Object body) {
		return body instanceof String s ? s : JSON.writeValueAsString(body);
	}

	private HttpRequest.Builder json(HttpRequest.Builder b, String method, Object body) {
		return b.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(toJson(body), StandardCharsets.UTF_8));
	}

	private HttpRequest.Builder builder(String path) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
		if (key != null) {
			b.header("Authorization", "Bearer " + key);
		}
		return b;
	}

	private Response send(HttpRequest.Builder b) {
		HttpRequest request = b.build();
		HttpResponse<String> response;
		try {
			response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		Response answer = new Response(response.statusCode(), response.body(),
				response.headers().firstValue("Content-Type").orElse(""),
				response.headers().firstValueAsLong("Content-Length").orElse(-1), response.headers());
		OpenApiContract.of(port).check(request.method(), request.uri().getRawPath(), answer.status(),
				answer.contentType(), answer.text());
		return answer;
	}

	/**
	 * An answer: status, raw text and the parsed JSON (null if the body is not JSON);
	 * {@code contentLength} is -1 for an answer sent in chunks.
	 */
	public record Response(int status, String text, String contentType, long contentLength,
			java.net.http.HttpHeaders headers) {

		/** A header's first value, or null. */
		public String header(String name) {
			return headers.firstValue(name).orElse(null);
		}

		public JsonNode json() {
			return JSON.readTree(text);
		}

		public JsonNode data() {
			return json().get("data");
		}

		/** The reasons given for one field of a 422, joined. */
		public String errorsOf(String field) {
			JsonNode errors = json().path("errors").path(field);
			return errors.isMissingNode() ? null : errors.toString();
		}

	}

}
