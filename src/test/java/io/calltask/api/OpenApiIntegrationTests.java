package io.calltask.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.calltask.testing.ApiClient;
import io.calltask.testing.ApiIntegrationTest;
import io.calltask.testing.OpenApiContract;
import io.calltask.testing.PathTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenAPI document (src/main/resources/openapi/calltask.yaml) against the running service: it
 * names every route Spring serves and nothing else, parses as OpenAPI 3.1, Swagger UI shows it, and
 * the validator that {@link ApiClient} runs on every answer does reject a wrong one.
 */
class OpenApiIntegrationTests extends ApiIntegrationTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	/** A path variable whose pattern is a list of words: one route per word. */
	private static final Pattern ALTERNATIVES = Pattern.compile("\\{[^:}]+:([\\w-]+(?:\\|[\\w-]+)+)}");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	private RequestMappingHandlerMapping mappings;

	@Test
	void everyRouteSpringServesIsInTheDocumentAndNothingElse() {
		Set<String> served = new TreeSet<>();
		mappings.getHandlerMethods().keySet().forEach(info -> served.addAll(routes(info)));
		Set<String> documented = new TreeSet<>();
		for (PathTemplate template : contract().paths()) {
			if (template.path().equals("/actuator") || template.path().startsWith("/actuator/")) {
				continue;
			}
			template.item().propertyNames().stream().filter(OpenApiIntegrationTests::isMethod)
				.forEach(method -> documented.addAll(routes(method.toUpperCase(Locale.ROOT), template)));
		}
		assertThat(served).as("routes Spring serves").isNotEmpty().contains("GET /agent-api/new/user/{}/group");
		assertThat(documented).as("operations of the document").isEqualTo(served);
	}

	@Test
	void theDocumentedActuatorRoutesAnswer() {
		ApiClient anonymous = new ApiClient(port, null);
		List<String> actuator = contract().paths().stream().map(PathTemplate::path)
			.filter(p -> p.startsWith("/actuator")).toList();
		assertThat(actuator).contains("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
				"/actuator/health/dialer", "/actuator/prometheus", "/actuator/info");
		for (String path : actuator) {
			ApiClient.Response r = anonymous.get(path.replace("{component}", "db"));
			assertThat(r.status()).as(path + ": " + r.text()).isEqualTo(200);
		}
	}

	@Test
	void theDocumentIsOpenApi31WithTheBearerSchemeOnEveryAgentRoute() {
		ApiClient.Response yaml = new ApiClient(port, null).get("/v3/api-docs.yaml");
		assertThat(yaml.status()).isEqualTo(200);
		SwaggerParseResult parsed = new OpenAPIParser().readContents(yaml.text(), null, null);
		assertThat(parsed.getMessages()).as("parser messages").isEmpty();
		assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
		assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes().get("bearer").getScheme()).isEqualTo("bearer");

		JsonNode document = new ApiClient(port, null).get("/v3/api-docs").json();
		assertThat(document.path("security").toString()).isEqualTo("[{\"bearer\":[]}]");
		document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
			if (isMethod(operation.getKey()) && path.getKey().startsWith("/agent-api/")) {
				assertThat(operation.getValue().has("security")).as(operation.getKey() + " " + path.getKey()).isFalse();
				assertThat(operation.getValue().path("responses").has("401")).as(operation.getKey() + " " + path.getKey())
					.isTrue();
				boolean writes = !operation.getKey().equals("get") && !path.getKey().equals("/agent-api/download-token");
				assertThat(operation.getValue().path("responses").has("403")).as("403 of a read key: " + operation.getKey()
						+ " " + path.getKey()).isEqualTo(writes);
			}
		}));
	}

	@Test
	void swaggerUiShowsTheDocument() throws IOException, InterruptedException {
		HttpResponse<String> page = plainGet("/swagger-ui.html");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(page.body()).contains("/v3/api-docs");
		Matcher assets = Pattern.compile("(?:src|href)=\"(/webjars/[^\"]+)\"").matcher(page.body());
		List<String> found = new ArrayList<>();
		while (assets.find()) {
			found.add(assets.group(1));
		}
		assertThat(found).contains("/webjars/swagger-ui/swagger-ui-bundle.js");
		for (String asset : found) {
			HttpResponse<String> r = plainGet(asset);
			assertThat(r.statusCode()).as(asset).isEqualTo(200);
			assertThat(r.body()).as(asset).isNotEmpty();
		}
	}

	@Test
	void pathsFindTheirTemplateLiteralSegmentsFirst() {
		OpenApiContract contract = contract();
		assertThat(contract.match("/agent-api/new/user/u/task/t/start").map(PathTemplate::path))
			.hasValue("/agent-api/new/user/{user_id}/task/{task_id}/start");
		assertThat(contract.match("/agent-api/new/user/u/task").map(PathTemplate::path))
			.hasValue("/agent-api/new/user/{user_id}/task");
		assertThat(contract.match("/agent-api/new/user/u/recycle-rule/r").map(PathTemplate::path))
			.hasValue("/agent-api/new/user/{user_id}/{kind}/{id}");
		assertThat(contract.match("/agent-api/new/user/u/dial-time/1").map(PathTemplate::path))
			.hasValue("/agent-api/new/user/{user_id}/dial-time/{id}");
		assertThat(contract.match("/agent-api/new/user/u/nonsense")).isEmpty();
		assertError(api.get(userPath("/nonsense")), 404);
		assertError(api.get("/no/such/route"), 404);
	}

	@Test
	void theValidatorRejectsAWrongAnswer() {
		ApiClient.Response created = api.post(userPath("/task"), Map.of("name", "契约"));
		assertThat(created.status()).isEqualTo(201);
		OpenApiContract contract = contract();
		JsonNode task = created.data();
		assertThat(contract.validate("Task", task)).isEmpty();

		assertThat(contract.validate("Task", ((ObjectNode) task.deepCopy()).put("maximumcall", "1"))).isNotEmpty();
		assertThat(contract.validate("Task", ((ObjectNode) task.deepCopy()).without("status"))).isNotEmpty();
		ObjectNode renamed = (ObjectNode) task.deepCopy();
		renamed.set("call_per_sec", renamed.remove("call_per_second"));
		assertThat(contract.validate("Task", renamed)).isNotEmpty();
		ObjectNode badExtra = (ObjectNode) task.deepCopy();
		((ObjectNode) badExtra.get("new_task_extra")).put("pop_mode", 7);
		assertThat(contract.validate("Task", badExtra)).isNotEmpty();

		ObjectNode envelope = (ObjectNode) created.json().deepCopy();
		((ObjectNode) envelope.get("data")).put("enable", "false");
		String path = userPath("/task/" + task.get("uuid").stringValue());
		assertThatThrownBy(() -> contract.check("GET", path, 200, "application/json", envelope.toString()))
			.isInstanceOf(AssertionError.class).hasMessageContaining("GET " + path).hasMessageContaining("enable");
		assertThatThrownBy(() -> contract.check("GET", path, 200, "text/csv", "a,b"))
			.isInstanceOf(AssertionError.class).hasMessageContaining("content type");
		assertThatThrownBy(() -> contract.check("GET", "/no/such/route", 200, "application/json", "{}"))
			.isInstanceOf(AssertionError.class).hasMessageContaining("not in the document");
		assertThatThrownBy(() -> contract.check("GET", "/no/such/route", 404, "application/json", "{\"code\":404}"))
			.isInstanceOf(AssertionError.class);
	}

	private OpenApiContract contract() {
		return OpenApiContract.of(port);
	}

	private HttpResponse<String> plainGet(String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static boolean isMethod(String key) {
		return Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(key);
	}

	/** {@code METHOD /path} with every variable as {@code {}}, a word-list variable expanded. */
	private static List<String> routes(RequestMappingInfo info) {
		List<String> routes = new ArrayList<>();
		for (String pattern : info.getPatternValues()) {
			if (pattern.equals("/error") || pattern.startsWith("/console/")) {
				continue;
			}
			for (String path : expand(pattern)) {
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					routes.add(method.name() + " " + path.replaceAll("\\{[^}]*}", "{}"));
				}
			}
		}
		return routes;
	}

	private static List<String> expand(String pattern) {
		Matcher m = ALTERNATIVES.matcher(pattern);
		if (!m.find()) {
			return List.of(pattern);
		}
		List<String> paths = new ArrayList<>();
		for (String word : m.group(1).split("\\|")) {
			paths.addAll(expand(pattern.substring(0, m.start()) + word + pattern.substring(m.end())));
		}
		return paths;
	}

	private static List<String> routes(String method, PathTemplate template) {
		List<String> paths = List.of("");
		for (PathTemplate.Segment segment : template.segments()) {
			List<String> next = new ArrayList<>();
			for (String prefix : paths) {
				if (segment.parameter() && segment.values() != null) {
					segment.values().forEach(v -> next.add(prefix + "/" + v));
				}
				else {
					next.add(prefix + "/" + (segment.parameter() ? "{}" : segment.name()));
				}
			}
			paths = next;
		}
		return paths.stream().map(p -> method + " " + p.substring(1)).toList();
	}

}
