package io.calltask.task.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.calltask.api.FieldErrors;
import io.calltask.api.JsonBody;
import io.calltask.catalog.Background;
import io.calltask.catalog.BotGroup;
import io.calltask.catalog.Catalog;
import io.calltask.catalog.LlmIntention;
import io.calltask.catalog.RecycleRule;
import io.calltask.line.Line;
import io.calltask.line.Lines;
import io.calltask.schedule.TimeGroup;
import io.calltask.schedule.TimeGroups;
import io.calltask.seat.BridgeGroups;

/**
 * What a task refers to by id (lines, its 话术组, time group, recycle rule, LLM intention config,
 * background, bridge group), and the one check that an id names something that exists and is the task's user's:
 * when a body names it (a 422 otherwise) and when an item shows it (shown only while it is).
 */
@Component
class TaskReferences {

	/**
	 * A kind of referenced thing: {@code lookup} finds many at once (one query; none for no ids),
	 * the user's and maybe others'; {@code notFound} is the error of an id that is not the user's.
	 */
	record Kind<K, V>(BiFunction<UUID, Collection<K>, Map<K, V>> lookup, Function<V, UUID> owner, String notFound) {

		/** The items of these ids that exist, the user's and maybe others': check each with {@link #owned}. */
		Map<K, V> find(UUID userId, Collection<K> ids) {
			return lookup.apply(userId, ids);
		}

		/** The item of {@code id} among {@code found} if it is the user's, else null. */
		V owned(Map<K, V> found, K id, UUID userId) {
			V value = id == null ? null : found.get(id);
			return value != null && owner.apply(value).equals(userId) ? value : null;
		}

		/** The user's item of {@code id}, or null with {@code notFound} added to {@code field}. */
		V require(FieldErrors errors, String field, K id, UUID userId) {
			V value = owned(find(userId, List.of(id)), id, userId);
			if (value == null) {
				errors.add(field, notFound);
			}
			return value;
		}

		/** The items these rows name, one query for the lot; check each with {@link #owned}. */
		<T> Map<K, V> findAll(UUID userId, Collection<T> rows, Function<T, K> id) {
			Set<K> ids = new HashSet<>();
			for (T row : rows) {
				K value = id.apply(row);
				if (value != null) {
					ids.add(value);
				}
			}
			return find(userId, ids);
		}

	}

	final Kind<UUID, Line> lines;

	final Kind<Long, BotGroup> groups;

	final Kind<Long, TimeGroup> timeGroups;

	final Kind<UUID, RecycleRule> recycleRules;

	final Kind<Long, LlmIntention> llmIntentions;

	final Kind<Long, Background> backgrounds;

	private final BridgeGroups bridgeGroups;

	TaskReferences(Lines lines, Catalog catalog, TimeGroups timeGroups, BridgeGroups bridgeGroups) {
		this.bridgeGroups = bridgeGroups;
		this.lines = new Kind<>((user, ids) -> lines.byIds(ids), Line::userId, "线路不存在");
		this.groups = new Kind<>((user, ids) -> catalog.groups(ids), BotGroup::userId, "话术组不存在");
		this.timeGroups = new Kind<>((user, ids) -> timeGroupsOf(timeGroups, user, ids), TimeGroup::userId, "时间组不存在");
		this.recycleRules = new Kind<>((user, ids) -> catalog.recycleRules(ids), RecycleRule::userId, "重呼规则不存在");
		this.llmIntentions = new Kind<>((user, ids) -> catalog.llmIntentions(ids), LlmIntention::userId,
				"大模型意向标签配置不存在");
		this.backgrounds = new Kind<>((user, ids) -> catalog.backgrounds(ids), Background::userId, "背景音不存在");
	}

	/**
	 * {@code key} as a bridge group id of the user: 0 and null mean none (no transfer); an unknown group
	 * or another user's is an error on the key.
	 */
	Integer bridgeGroup(JsonBody body, String key, UUID userId) {
		Integer id = body.integer(key, 0, Integer.MAX_VALUE);
		if (id == null || id == 0) {
			return null;
		}
		if (!bridgeGroups.exists(userId, id)) {
			body.errors().add(key, "转接组不存在");
			return null;
		}
		return id;
	}

	/** Time groups are found per user; a task names one at a time. */
	private static Map<Long, TimeGroup> timeGroupsOf(TimeGroups timeGroups, UUID userId, Collection<Long> ids) {
		Map<Long, TimeGroup> found = new HashMap<>();
		for (Long id : ids) {
			timeGroups.find(userId, id).ifPresent(group -> found.put(id, group));
		}
		return found;
	}

}
