package io.calltask.task.internal;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.calltask.api.FieldErrors;
import io.calltask.task.TaskStatus;

/**
 * The list's filters: {@code name} (case-insensitive substring, {@code % _ \} literal) and
 * {@code status} in any of the seed's forms ({@code status=1}, {@code status[]=1&status[]=3},
 * {@code status=1&status=3}, {@code status=1,3}). 1 = 暂停, 3 = enable (执行中 and 等待执行),
 * 2 = 拨打中 only.
 */
record TaskFilter(String name, Set<TaskStatus> statuses) {

	static TaskFilter of(String name, List<String> statusValues, FieldErrors errors) {
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.codePointCount(0, trimmed.length()) > 100) {
			errors.add("name", "长度不能超过 100 个字符");
		}
		EnumSet<TaskStatus> statuses = EnumSet.noneOf(TaskStatus.class);
		for (String value : statusValues) {
			for (String part : value.split(",", -1)) {
				String p = part.strip();
				switch (p) {
					case "" -> {
					}
					case "1" -> statuses.add(TaskStatus.STOPPED);
					case "2" -> statuses.add(TaskStatus.DIALING);
					case "3" -> {
						statuses.add(TaskStatus.DIALING);
						statuses.add(TaskStatus.WAITING);
					}
					default -> errors.add("status", "只能是 1（暂停）、2（拨打中）或 3（执行中&等待执行）");
				}
			}
		}
		return new TaskFilter(trimmed.isEmpty() ? null : trimmed,
				statuses.isEmpty() ? EnumSet.allOf(TaskStatus.class) : statuses);
	}

	/** A filter whose count needs the dialer's state: 拨打中 without 等待执行. */
	boolean onlyCalling() {
		return statuses.contains(TaskStatus.DIALING) && !statuses.contains(TaskStatus.WAITING);
	}

	boolean allStatuses() {
		return statuses.size() == TaskStatus.values().length;
	}

	/** The name as a LIKE pattern matching it anywhere, with LIKE's own characters escaped. */
	String namePattern() {
		StringBuilder pattern = new StringBuilder("%");
		for (char c : name.toCharArray()) {
			if (c == '%' || c == '_' || c == '\\') {
				pattern.append('\\');
			}
			pattern.append(c);
		}
		return pattern.append('%').toString();
	}

	/**
	 * The operator that matches the name case-insensitively: {@code LIKE} when no character of the
	 * name has case (Chinese, Japanese and Korean scripts, digits, ASCII punctuation and spaces, CJK
	 * punctuation), where it matches exactly the rows {@code ILIKE} matches (no other character
	 * lower-cases to one of these) at a third of the cost per row; {@code ILIKE} otherwise.
	 */
	String nameOperator() {
		return name.codePoints().allMatch(TaskFilter::caseless) ? "LIKE" : "ILIKE";
	}

	private static boolean caseless(int c) {
		if (c < 0x80) {
			return !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z');
		}
		Character.UnicodeScript script = Character.UnicodeScript.of(c);
		if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
				|| script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
				|| script == Character.UnicodeScript.BOPOMOFO) {
			return true;
		}
		Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
		return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
				|| block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS && !Character.isLetter(c);
	}

}
