package io.calltask.api;

import java.util.UUID;
import java.util.regex.Pattern;

/** Parsing of public identifiers from paths and bodies; a malformed id is simply not found. */
public final class Ids {

	private static final Pattern UUID_TEXT = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

	private Ids() {
	}

	public static UUID uuidOrNull(String text) {
		if (text == null || !UUID_TEXT.matcher(text).matches()) {
			return null;
		}
		return UUID.fromString(text);
	}

	/** A path UUID; anything malformed is a 404 with {@code message}. */
	public static UUID uuidOr404(String text, String message) {
		UUID id = uuidOrNull(text);
		if (id == null) {
			throw new ApiException.NotFound(message);
		}
		return id;
	}

	/** A path integer id; anything malformed is a 404 with {@code message}. */
	public static long longOr404(String text, String message) {
		if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
			throw new ApiException.NotFound(message);
		}
		return Long.parseLong(text);
	}

}
