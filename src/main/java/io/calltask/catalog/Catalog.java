package io.calltask.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.stereotype.Service;

import io.calltask.catalog.internal.CatalogRepository;
import io.calltask.catalog.internal.CatalogTable;
import io.calltask.time.DateTimes;

/**
 * Catalog items as other modules need them: many at once by id (one query per kind, none for no
 * ids; check {@code userId} of what comes back), and as the API shows them.
 */
@Service
public class Catalog {

	private final CatalogRepository items;

	private final DateTimes time;

	Catalog(CatalogRepository items, DateTimes time) {
		this.items = items;
		this.time = time;
	}

	/** A 话术组 of {@code userId}; a default one takes the flag from the user's others. */
	@org.springframework.transaction.annotation.Transactional
	public BotGroup createGroup(UUID userId, String name, boolean isDefault) {
		var now = time.nowForStorage();
		Map<String, Object> columns = new LinkedHashMap<>();
		columns.put("user_id", userId);
		columns.put("name", name);
		columns.put("is_default", isDefault);
		columns.put("created_at", now);
		columns.put("updated_at", now);
		long id = (Long) items.insert(CatalogTable.GROUP, columns);
		if (isDefault) {
			items.clearDefaultGroups(userId, id);
		}
		return new BotGroup(id, userId, name, isDefault, now, now);
	}

	public Map<Long, BotGroup> groups(Collection<Long> ids) {
		return byIds(CatalogTable.GROUP, ids, BotGroup.class, BotGroup::id);
	}

	public Optional<BotGroup> defaultGroup(UUID userId) {
		return items.defaultGroup(userId).map(BotGroup.class::cast);
	}

	public Map<UUID, RecycleRule> recycleRules(Collection<UUID> ids) {
		return byIds(CatalogTable.RECYCLE_RULE, ids, RecycleRule.class, RecycleRule::id);
	}

	public Map<Long, LlmIntention> llmIntentions(Collection<Long> ids) {
		return byIds(CatalogTable.LLM_INTENTION, ids, LlmIntention.class, LlmIntention::id);
	}

	public Map<Long, Background> backgrounds(Collection<Long> ids) {
		return byIds(CatalogTable.BACKGROUND, ids, Background.class, Background::id);
	}

	private <K, V> Map<K, V> byIds(CatalogTable table, Collection<K> ids, Class<V> type, Function<V, K> id) {
		Map<K, V> found = new LinkedHashMap<>();
		for (Object item : items.byIds(table, ids)) {
			V value = type.cast(item);
			found.put(id.apply(value), value);
		}
		return found;
	}

	/** How a task shows its group: {@code {"id","name","default"}}, as the seed does. */
	public Map<String, Object> groupSummary(BotGroup group) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", group.id());
		view.put("name", group.name());
		view.put("default", group.isDefault());
		return view;
	}

	/** Any catalog item as its own API shows it. */
	public Map<String, Object> view(Object item) {
		Map<String, Object> view = new LinkedHashMap<>();
		if (item instanceof BotGroup g) {
			view.putAll(groupSummary(g));
			return stamped(view, g.createdAt(), g.updatedAt());
		}
		if (item instanceof RecycleRule r) {
			view.put("id", r.id().toString());
			view.put("name", r.name());
			view.put("enable", r.enable());
			view.put("first_call_first", r.firstCallFirst());
			view.put("interval_minutes", r.intervalMinutes());
			view.put("max_times", r.maxTimes());
			view.put("hangup_causes", r.hangupCauses());
			view.put("call_statuses", r.callStatuses());
			return stamped(view, r.createdAt(), r.updatedAt());
		}
		if (item instanceof LlmIntention l) {
			view.put("id", l.id());
			view.put("name", l.name());
			view.put("labels", l.labels());
			return stamped(view, l.createdAt(), l.updatedAt());
		}
		Background b = (Background) item;
		view.put("id", b.id());
		view.put("name", b.name());
		view.put("url", b.url());
		return stamped(view, b.createdAt(), b.updatedAt());
	}

	private Map<String, Object> stamped(Map<String, Object> view, java.time.OffsetDateTime created,
			java.time.OffsetDateTime updated) {
		view.put("create_datetime", time.format(created));
		view.put("alter_datetime", time.format(updated));
		return view;
	}

}
