package io.calltask.contact;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

import io.calltask.contact.internal.ContactDefaults;
import io.calltask.contact.internal.ContactPolicyForm;
import io.calltask.contact.internal.ContactPolicyRepository;
import io.calltask.time.DateTimes;

/**
 * The users' contact policies: what a user set, else the deployment's ({@code calltask.contact.*}).
 * {@link #policyOf} is cached for at most {@value #FRESH_MILLIS} ms, so a change made on another
 * instance applies within that; the dialer reads policies afresh in its own transactions.
 */
@Service
public class ContactPolicies {

	static final long FRESH_MILLIS = 5_000;

	private record Cached(ContactPolicy policy, long readAt) {
	}

	private final ContactPolicyRepository policies;

	private final ContactDefaults defaults;

	private final ApplicationEventPublisher events;

	private final DateTimes time;

	private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

	ContactPolicies(ContactPolicyRepository policies, ContactDefaults defaults, ApplicationEventPublisher events,
			DateTimes time) {
		this.policies = policies;
		this.defaults = defaults;
		this.events = events;
		this.time = time;
	}

	/** The user's policy as it stood at most 5 seconds ago (the opt-out asks it for {@code optoutToBlacklist}). */
	public ContactPolicy policyOf(UUID userId) {
		long now = System.nanoTime();
		Cached c = cache.get(userId);
		if (c == null || now - c.readAt() > FRESH_MILLIS * 1_000_000) {
			c = new Cached(policies.find(userId).orElse(defaults.policy()), now);
			cache.put(userId, c);
		}
		return c.policy();
	}

	/** The policies of these users, read now (in the caller's transaction). */
	public Map<UUID, ContactPolicy> current(Collection<UUID> userIds) {
		Map<UUID, ContactPolicy> found = new HashMap<>(policies.find(userIds));
		for (UUID id : userIds) {
			found.putIfAbsent(id, defaults.policy());
		}
		return found;
	}

	/** PUT: the whole policy replaced, keys left out taken from the deployment's; a 422 names every bad field. */
	@Transactional
	public ContactPolicy replace(UUID userId, JsonNode body) {
		ContactPolicy policy = ContactPolicyForm.read(body, defaults.policy());
		policies.replace(userId, policy, time.now());
		events.publishEvent(new ContactPolicyChanged(userId));
		cache.remove(userId);
		return policy;
	}

	/** The policy as the API shows it. */
	public static Map<String, Object> view(ContactPolicy p) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("max_per_day", p.maxPerDay());
		view.put("max_per_week", p.maxPerWeek());
		view.put("min_interval_minutes", p.minIntervalMinutes());
		if (p.window() == null) {
			view.put("window", null);
		}
		else {
			Map<String, Object> window = new LinkedHashMap<>();
			window.put("begin", p.window().beginText());
			window.put("end", p.window().endText());
			view.put("window", window);
		}
		view.put("timezone_source", p.timezoneSource().word());
		view.put("optout_to_blacklist", p.optoutToBlacklist());
		return view;
	}

}
