package io.calltask.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code page} and {@code per_page} as every paginated list takes them (page ≥ 1, default 1;
 * per_page 1..1000, default 15), and the {@code meta} block the seed document shows.
 */
public record PageRequest(int page, int perPage) {

	public static final int DEFAULT_PER_PAGE = 15;

	public static final int MAX_PER_PAGE = 1000;

	/** Reads the raw query values; collects errors rather than failing on the first. */
	public static PageRequest of(String page, String perPage) {
		FieldErrors errors = new FieldErrors();
		int p = parse(page, 1, 1, Integer.MAX_VALUE, "page", errors);
		int pp = parse(perPage, DEFAULT_PER_PAGE, 1, MAX_PER_PAGE, "per_page", errors);
		errors.throwIfAny();
		return new PageRequest(p, pp);
	}

	private static int parse(String raw, int dflt, int min, int max, String field, FieldErrors errors) {
		if (raw == null || raw.isEmpty()) {
			return dflt;
		}
		try {
			long value = Long.parseLong(raw.trim());
			if (value < min || value > max) {
				errors.add(field, max == Integer.MAX_VALUE ? "必须是不小于 " + min + " 的整数"
						: "必须是 " + min + " 到 " + max + " 之间的整数");
				return dflt;
			}
			return (int) value;
		}
		catch (NumberFormatException ex) {
			errors.add(field, "必须是整数");
			return dflt;
		}
	}

	public long offset() {
		return (long) (page - 1) * perPage;
	}

	public long lastPage(long total) {
		return Math.max(1, (total + perPage - 1) / perPage);
	}

	/** The seed shows {@code per_page} as a string; it stays a string. */
	public Map<String, Object> meta(long total) {
		long last = lastPage(total);
		Map<String, Object> meta = new LinkedHashMap<>();
		meta.put("has_pages", last > 1);
		meta.put("total", total);
		meta.put("last_page", last);
		meta.put("current_page", page);
		meta.put("per_page", Integer.toString(perPage));
		return meta;
	}

}
