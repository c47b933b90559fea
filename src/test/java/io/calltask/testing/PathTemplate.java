package io.calltask.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;

/**
 * One path of the OpenAPI document: its literal segments and its {@code {parameters}}, a parameter
 * with an {@code enum} matching only those values. {@link #specificity} ranks the templates a path
 * matches, literal segments first: {@code …/task/{task_id}/start} wins over {@code …/{kind}/{id}/…}.
 */
public record PathTemplate(String path, JsonNode item, List<Segment> segments) {

	static PathTemplate of(String path, JsonNode item, OpenApiContract contract) {
		Map<String, Set<String>> enums = new HashMap<>();
		List<JsonNode> parameters = new ArrayList<>();
		item.path("parameters").forEach(parameters::add);
		item.properties().forEach(e -> e.getValue().path("parameters").forEach(parameters::add));
		for (JsonNode parameter : parameters) {
			JsonNode p = parameter.has("$ref") ? contract.at(parameter.get("$ref").stringValue().substring(1)) : parameter;
			JsonNode values = p.path("schema").path("enum");
			if (p.path("in").stringValue("").equals("path") && values.isArray()) {
				enums.put(p.get("name").stringValue(), StreamSupport.stream(values.spliterator(), false)
					.map(JsonNode::asString)
					.collect(Collectors.toSet()));
			}
		}
		List<Segment> segments = new ArrayList<>();
		for (String s : path.split("/", -1)) {
			boolean parameter = s.startsWith("{") && s.endsWith("}");
			String name = parameter ? s.substring(1, s.length() - 1) : s;
			segments.add(new Segment(name, parameter, parameter ? enums.get(name) : null));
		}
		return new PathTemplate(path, item, List.copyOf(segments));
	}

	boolean matches(String[] concrete) {
		if (concrete.length != segments.size()) {
			return false;
		}
		for (int i = 0; i < concrete.length; i++) {
			if (!segments.get(i).matches(concrete[i])) {
				return false;
			}
		}
		return true;
	}

	/** 0 for a literal segment, 1 for a parameter, left to right: the smaller, the more specific. */
	String specificity() {
		return segments.stream().map(s -> s.parameter() ? "1" : "0").collect(Collectors.joining());
	}

	/** A literal segment, or a parameter ({@code values} null when any value goes). */
	public record Segment(String name, boolean parameter, Set<String> values) {

		boolean matches(String concrete) {
			if (!parameter) {
				return name.equals(concrete);
			}
			return !concrete.isEmpty() && (values == null || values.contains(concrete));
		}

	}

}
