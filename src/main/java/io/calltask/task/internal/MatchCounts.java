package io.calltask.task.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * How many of a user's tasks match a name search, for one version of the user's list
 * ({@code task_count.version}). Paging through a search asks for the same total on every page;
 * counting the matches again means visiting every matching row again.
 */
@Component
class MatchCounts {

	private static final int MAX_ENTRIES = 10_000;

	private record Key(UUID userId, Object statuses, String name) {
	}

	private record Entry(long version, long count) {
	}

	private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

	/** The count for this version, or -1 if none is known. */
	long get(UUID userId, TaskFilter filter, long version) {
		Entry entry = entries.get(new Key(userId, filter.statuses(), filter.name()));
		return entry != null && entry.version() == version ? entry.count() : -1;
	}

	void put(UUID userId, TaskFilter filter, long version, long count) {
		if (entries.size() >= MAX_ENTRIES) {
			entries.clear();
		}
		entries.put(new Key(userId, filter.statuses(), filter.name()), new Entry(version, count));
	}

}
