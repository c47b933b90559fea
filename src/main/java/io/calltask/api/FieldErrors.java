package io.calltask.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects every problem of a request, field by field, so one 422 names them all. */
public final class FieldErrors {

	private final Map<String, List<String>> errors = new LinkedHashMap<>();

	public void add(String field, String why) {
		errors.computeIfAbsent(field, k -> new ArrayList<>()).add(why);
	}

	public boolean has(String field) {
		return errors.containsKey(field);
	}

	public boolean isEmpty() {
		return errors.isEmpty();
	}

	public void throwIfAny() {
		if (!errors.isEmpty()) {
			throw new ApiException.Invalid(errors);
		}
	}

}
