package io.calltask.task.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongFunction;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Remembers where every {@code every}-th (default 1000) task of a user's list is, by its sort key, so a deep
 * page ({@code page=3000}) seeks to the nearest anchor through the ordering index and skips at
 * most {@code every} entries instead of all before it. An entry is valid for one version of
 * the user's list ({@code task_count.version}, moved by every task write in the writing
 * transaction), so a stale anchor is never used, on this node or any other.
 */
@Component
class PageAnchors {

	private static final int MAX_ENTRIES = 10_000;

	/** Position {@code position} (1-based) of the list holds the task with this sort key. */
	record Anchor(long position, int isTop, int sort, long id) {
	}

	private record Key(UUID userId, Object statuses) {
	}

	private record Entry(long version, List<Anchor> anchors, long coveredUpTo) {
	}

	private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

	private final int every;

	PageAnchors(@Value("${calltask.task.list.anchor-every:1000}") int every) {
		this.every = Math.max(2, every);
	}

	int every() {
		return every;
	}

	/**
	 * The anchor at or before {@code offset}, loading anchors up to it with {@code load} when the
	 * cache has none for this version that far; null when the page is near the top anyway.
	 */
	Anchor before(UUID userId, TaskFilter filter, long version, long offset, LongFunction<List<Anchor>> load) {
		if (offset < every) {
			return null;
		}
		Key key = new Key(userId, filter.statuses());
		long needed = (offset / every) * every;
		Entry entry = entries.get(key);
		if (entry == null || entry.version() != version || entry.coveredUpTo() < needed) {
			entry = new Entry(version, load.apply(needed), needed);
			if (entries.size() >= MAX_ENTRIES) {
				entries.clear();
			}
			entries.put(key, entry);
		}
		Anchor best = null;
		for (Anchor anchor : entry.anchors()) {
			if (anchor.position() > offset) {
				break;
			}
			best = anchor;
		}
		return best;
	}

}
