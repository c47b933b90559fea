package io.calltask.contact;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.calltask.contact.ContactRules.Counted;
import io.calltask.contact.ContactRules.Zones;
import io.calltask.contact.ContactCountRepository.Key;
import io.calltask.contact.ContactCountRepository.Row;
import io.calltask.time.DateTimes;

/**
 * The calls placed to each phone of a user, across all its tasks and lines, and the policy's
 * verdict on the next one. {@link #take} runs in the transaction that writes the calls' starts and
 * locks each phone's row, so two tasks, two lines or two instances never together exceed a limit;
 * {@link #check} reads without locking, for the claim to hold back what is already known to wait.
 */
@Component
public class ContactCounts {

	/** A callee of {@code userId}, its phone as imported. */
	public record Callee(UUID userId, String phone) {
	}

	/** A call to {@code callee} starting at {@code at} (or, given back, that started then). */
	public record Call(Callee callee, UUID callId, Instant at) {
	}

	private final ContactCountRepository counts;

	private final ContactPolicies policies;

	private final CalleePhones phones;

	private final ZoneId deployment;

	ContactCounts(ContactCountRepository counts, ContactPolicies policies, CalleePhones phones, DateTimes time) {
		this.counts = counts;
		this.policies = policies;
		this.phones = phones;
		this.deployment = time.zone();
	}

	/**
	 * The policy's holds for these callees at {@code now} (null: may be called), as if each allowed
	 * one were called then (a phone twice in the list is held by its own first call).
	 */
	public ContactHold[] check(List<Callee> callees, Instant now) {
		ContactHold[] holds = new ContactHold[callees.size()];
		if (callees.isEmpty()) {
			return holds;
		}
		Map<UUID, ContactPolicy> byUser = policies.current(users(callees, c -> c.userId()));
		if (byUser.values().stream().noneMatch(ContactPolicy::holdsAnything)) {
			return holds;
		}
		Key[] keys = new Key[callees.size()];
		for (int i = 0; i < keys.length; i++) {
			keys[i] = new Key(callees.get(i).userId(), phones.e164Called(callees.get(i).phone()));
		}
		Map<Key, Row> rows = counts.read(sorted(keys), false);
		for (int i = 0; i < keys.length; i++) {
			ContactPolicy policy = byUser.get(keys[i].userId());
			Zones zones = zones(policy, callees.get(i).phone());
			Row row = rows.get(keys[i]);
			Counted counted = row == null ? Counted.NONE : row.counted();
			holds[i] = ContactRules.hold(policy, zones, counted, now);
			if (holds[i] == null && row != null) {
				rows.put(keys[i], row.with(counted.plus(now, zones.counting()), null));
			}
			else if (holds[i] == null) {
				rows.put(keys[i], Row.of(counted.plus(now, zones.counting())));
			}
		}
		return holds;
	}

	/**
	 * In the caller's transaction: first gives back the counts of {@code givenBack} (calls that
	 * never left the switch), then counts each of {@code calls} that its policy allows at its start;
	 * answers, per call, null if counted, else why it is held back (it must then not be placed).
	 */
	public ContactHold[] take(List<Call> calls, List<Call> givenBack) {
		ContactHold[] holds = new ContactHold[calls.size()];
		if (calls.isEmpty() && givenBack.isEmpty()) {
			return holds;
		}
		Set<UUID> users = users(calls, c -> c.callee().userId());
		users.addAll(users(givenBack, c -> c.callee().userId()));
		Map<UUID, ContactPolicy> byUser = policies.current(users);
		Key[] callKeys = keys(calls);
		Key[] backKeys = keys(givenBack);
		counts.create(sorted(callKeys));
		List<Key> all = new ArrayList<>(List.of(callKeys));
		all.addAll(List.of(backKeys));
		Map<Key, Row> rows = counts.read(sorted(all.toArray(Key[]::new)), true); // locked, in key order
		Map<Key, Row> changed = new TreeMap<>(Key.ORDER);
		for (int i = 0; i < backKeys.length; i++) {
			Row row = rows.get(backKeys[i]);
			if (row != null) {
				Call c = givenBack.get(i);
				Zones zones = zones(byUser.get(backKeys[i].userId()), c.callee().phone());
				row = row.without(c.at().atZone(zones.counting()).toLocalDate(), c.callId());
				rows.put(backKeys[i], row);
				changed.put(backKeys[i], row);
			}
		}
		for (int i = 0; i < callKeys.length; i++) {
			Call c = calls.get(i);
			ContactPolicy policy = byUser.get(callKeys[i].userId());
			Zones zones = zones(policy, c.callee().phone());
			Row row = rows.getOrDefault(callKeys[i], Row.of(Counted.NONE));
			holds[i] = ContactRules.hold(policy, zones, row.counted(), c.at());
			if (holds[i] == null) {
				row = row.with(row.counted().plus(c.at(), zones.counting()), c.callId());
				rows.put(callKeys[i], row);
				changed.put(callKeys[i], row);
			}
		}
		counts.write(changed);
		return holds;
	}

	private Zones zones(ContactPolicy policy, String phone) {
		List<ZoneId> found = policy.timezoneSource() == ContactPolicy.TimezoneSource.PHONE ? phones.zones(phone)
				: List.of();
		return Zones.of(policy, found, deployment);
	}

	private Key[] keys(List<Call> calls) {
		Key[] keys = new Key[calls.size()];
		for (int i = 0; i < keys.length; i++) {
			keys[i] = new Key(calls.get(i).callee().userId(), phones.e164Called(calls.get(i).callee().phone()));
		}
		return keys;
	}

	private static List<Key> sorted(Key[] keys) {
		java.util.TreeSet<Key> set = new java.util.TreeSet<>(Key.ORDER);
		set.addAll(List.of(keys));
		return new ArrayList<>(set);
	}

	private static <T> Set<UUID> users(List<T> items, java.util.function.Function<T, UUID> user) {
		Set<UUID> ids = new HashSet<>();
		for (T item : items) {
			ids.add(user.apply(item));
		}
		return ids;
	}

}
