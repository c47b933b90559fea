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

}
