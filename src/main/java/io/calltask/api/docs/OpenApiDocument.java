package io.calltask.api.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Serves the API contract, {@code openapi/calltask.yaml}: a hand-written OpenAPI 3.1 document
 * (docs/API-NOTES.md, "OpenAPI"), as JSON at {@code /v3/api-docs} (converted once, at start) and as
 * written at {@code /v3/api-docs.yaml}. {@code /swagger-ui.html} shows the JSON. No key is needed:
 * the routes are outside {@code /agent-api}.
 */
@RestController
class OpenApiDocument {

	static final String SOURCE = "openapi/calltask.yaml";

	private static final MediaType YAML = new MediaType("application", "yaml", StandardCharsets.UTF_8);

	private final byte[] yaml;

	private final byte[] json;

	OpenApiDocument() {
		this.yaml = read(new ClassPathResource(SOURCE));
		JsonNode document = YAMLMapper.builder().build().readTree(yaml);
		this.json = JsonMapper.builder().build().writeValueAsBytes(document);
	}

	@GetMapping(path = "/v3/api-docs", produces = "application/json")
	ResponseEntity<byte[]> json() {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
	}

	@GetMapping(path = "/v3/api-docs.yaml", produces = "application/yaml")
	ResponseEntity<byte[]> yaml() {
		return ResponseEntity.ok().contentType(YAML).body(yaml);
	}

	private static byte[] read(ClassPathResource resource) {
		try (InputStream in = resource.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The OpenAPI document " + SOURCE + " cannot be read", ex);
		}
	}

}
