package io.calltask.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document a running service serves at {@code /v3/api-docs}, as the tests hold answers
 * to it: {@link #check} finds the operation of a request (method and path template) and validates
 * the answer's status, content type and JSON body against the document's schemas with a JSON Schema
 * 2020-12 validator. An answer of a path or method the document lacks must be an error envelope.
 * One document is fetched per port and kept.
 */
public final class OpenApiContract {

	/** Where the validator keeps the document, so that its {@code #/components/…} references resolve. */
	private static final String BASE = "https://calltask.invalid/v3/api-docs";

	private static final String ERROR_SCHEMA = "/components/schemas/Error";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<Integer, OpenApiContract> BY_PORT = new ConcurrentHashMap<>();

	private final JsonNode document;

	private final SchemaRegistry registry;

	private final List<PathTemplate> paths = new ArrayList<>();

	private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	private OpenApiContract(String json) {
		this.document = JSON.readTree(json);
		this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				builder -> builder.schemas(Map.of(BASE, json)));
		document.path("paths").properties().forEach(e -> paths.add(PathTemplate.of(e.getKey(), e.getValue(), this)));
	}

	/** The document of the service on this port, fetched on first use. */
	public static OpenApiContract of(int port) {
		return BY_PORT.computeIfAbsent(port, OpenApiContract::fetch);
	}

	public JsonNode document() {
		return document;
	}

	/** The path templates of the document. */
	public List<PathTemplate> paths() {
		return List.copyOf(paths);
	}

	/** The document's template for a concrete path (query excluded): literal segments win over parameters. */
	public Optional<PathTemplate> match(String path) {
		String[] segments = path.split("/", -1);
		return paths.stream().filter(t -> t.matches(segments)).min(Comparator.comparing(PathTemplate::specificity));
	}

	/**
	 * Holds an answer to the document.
	 * @throws AssertionError naming the method, path, status, the validator's messages and the body
	 */
	public void check(String method, String path, int status, String contentType, String body) {
		Optional<PathTemplate> template = match(path);
		JsonNode operation = template.map(t -> t.item().get(method.toLowerCase(Locale.ROOT))).orElse(null);
		if (operation == null) {
			String where = template.isPresent() ? "the document has no " + method + " " + template.get().path()
					: "the path is not in the document";
			if (status < 400) {
				throw failure(method, path, status, List.of(where + ", yet it answered " + status), body);
			}
			checkJson(ERROR_SCHEMA, "an answer outside the document", method, path, status, contentType, body);
			return;
		}
		String pointer = "/paths/" + escape(template.get().path()) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/";
		JsonNode response = operation.path("responses").get(Integer.toString(status));
		pointer += response == null ? "default" : Integer.toString(status);
		if (response == null) {
			response = operation.path("responses").get("default");
		}
		if (response == null) {
			throw failure(method, path, status, List.of("the operation has no response " + status + " (nor default)"), body);
		}
		if (response.has("$ref")) {
			pointer = response.get("$ref").stringValue().substring(1);
			response = at(pointer);
		}
		JsonNode content = response.path("content");
		if (content.isEmpty()) {
			return;
		}
		String media = mediaType(contentType);
		String key = content.propertyNames().stream().filter(k -> mediaType(k).equals(media)).findFirst().orElse(null);
		if (key == null) {
			throw failure(method, path, status,
					List.of("content type '" + contentType + "' is none of " + content.propertyNames()), body);
		}
		if (media.equals("application/json") || media.endsWith("+json")) {
			checkJson(pointer + "/content/" + escape(key) + "/schema", "the response schema", method, path, status,
					contentType, body);
		}
	}

	/** Validates a JSON value against a schema of {@code components/schemas}. */
	public List<String> validate(String schemaName, JsonNode value) {
		return messages(schema("/components/schemas/" + schemaName).validate(value));
	}

	private void checkJson(String pointer, String what, String method, String path, int status, String contentType,
			String body) {
		if (!mediaType(contentType).equals("application/json") && !mediaType(contentType).endsWith("+json")) {
			throw failure(method, path, status, List.of(what + " needs JSON, the content type is '" + contentType + "'"),
					body);
		}
		JsonNode value;
		try {
			value = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw failure(method, path, status, List.of("the body is not JSON: " + ex.getOriginalMessage()), body);
		}
		List<String> messages = messages(schema(pointer).validate(value));
		if (!messages.isEmpty()) {
			throw failure(method, path, status, messages, body);
		}
	}

	private Schema schema(String pointer) {
		return schemas.computeIfAbsent(pointer, p -> registry.getSchema(SchemaLocation.of(BASE + "#" + p)));
	}

	JsonNode at(String pointer) {
		return document.at(pointer);
	}

	private static List<String> messages(List<Error> errors) {
		return errors.stream().map(Error::toString).toList();
	}

	private static AssertionError failure(String method, String path, int status, List<String> messages, String body) {
		String shown = body == null ? "" : body.length() > 4000 ? body.substring(0, 4000) + "…" : body;
		return new AssertionError("OpenAPI: " + method + " " + path + " answered " + status + " against the document:\n  "
				+ messages.stream().collect(Collectors.joining("\n  ")) + "\nbody: " + shown);
	}

	/** {@code type/subtype} of a content type, lower case, parameters dropped. */
	private static String mediaType(String contentType) {
		int semicolon = contentType.indexOf(';');
		return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
	}

	/** A JSON pointer token (RFC 6901). */
	private static String escape(String token) {
		return token.replace("~", "~0").replace("/", "~1");
	}

	private static OpenApiContract fetch(int port) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v3/api-docs"))
			.timeout(Duration.ofSeconds(30))
			.build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			if (response.statusCode() != 200) {
				throw new AssertionError("GET /v3/api-docs answered " + response.statusCode() + ": " + response.body());
			}
			return new OpenApiContract(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET /v3/api-docs on port " + port, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
