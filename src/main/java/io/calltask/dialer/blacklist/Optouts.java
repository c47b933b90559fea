package io.calltask.dialer.blacklist;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.calltask.dialer.blacklist.BlacklistRepository.NewEntry;
import io.calltask.dialer.blacklist.BlacklistRepository.Reason;
import io.calltask.dialer.number.NumberRepository;
import io.calltask.dialer.number.NumberRepository.NumberPhone;
import io.calltask.dialer.number.NumberRepository.NumberRef;
import io.calltask.task.NumberMoves;

/**
 * Callees who refused further calls (API.md section 10): when the user's {@link OptoutSetting} says so,
 * the phone joins the user's blacklist ({@code reason} {@code optout}, {@code callid} the call), and
 * every waiting number of that person in the user's live tasks is {@code filtered}. Runs in the engine's
 * write transaction, before the numbers of the write move: so the number that opted out is not given a
 * redial, and a number of the same person about to be dialed in the same write is not. The user's
 * number lock orders it against imports and blacklist changes, as they are ordered; the engine takes it
 * only if it is free ({@link #apply(UUID, List, Map, OffsetDateTime, Applied)}).
 */
@Component
public class Optouts {

	/** The call {@code callId} of number {@code numberId} ended with its callee opting out. */
	public record OptedOut(long numberId, UUID callId) {
	}

	/**
	 * What the opt-outs did: the numbers that opted out into the blacklist (they end, never redialed), and
	 * how the other numbers of their persons moved, per task, with each task's user.
	 */
	public record Applied(Set<Long> optedOut, Map<Long, NumberMoves> moves, Map<Long, UUID> users) {

		public static final Applied NONE = new Applied(Set.of(), Map.of(), Map.of());

	}

	private final BlacklistEntries entries;

	private final NumberRepository numbers;

	private final OptoutSetting setting;

	/**
	 * Persons (E.164) of users whose opt-outs were written without the user's lock, to filter again
	 * until a write holds it. In memory: a leader that stops with some here leaves them (docs/API-NOTES.md).
	 */
	private final Map<UUID, Set<String>> unsettled = new ConcurrentHashMap<>();

	Optouts(BlacklistEntries entries, NumberRepository numbers, OptoutSetting setting) {
		this.entries = entries;
		this.numbers = numbers;
		this.setting = setting;
	}

	/** Persons of opt-outs written without their user's lock wait to be swept again ({@link #apply}). */
	public boolean sweepsPending() {
		return !unsettled.isEmpty();
	}

	/**
	 * Applies these opt-outs in the caller's transaction: per user, in user id order, the user's number
	 * lock exclusively if it is free, the entries, then the waiting numbers in id order.
	 */
	public Applied apply(List<OptedOut> calls, Instant now) {
		if (calls.isEmpty() && unsettled.isEmpty()) {
			return Applied.NONE;
		}
		Map<Long, UUID> callOf = new HashMap<>();
		calls.forEach(c -> callOf.put(c.numberId(), c.callId()));
		Map<UUID, List<NumberPhone>> byUser = new TreeMap<>();
		Map<UUID, Boolean> toBlacklist = new HashMap<>();
		for (NumberPhone n : numbers.phonesOf(callOf.keySet().stream().sorted().toList())) {
			if (toBlacklist.computeIfAbsent(n.userId(), setting::optoutToBlacklist)) {
				byUser.computeIfAbsent(n.userId(), k -> new ArrayList<>()).add(n);
			}
		}
		Set<UUID> users = new TreeSet<>(byUser.keySet());
		users.addAll(unsettled.keySet());
		if (users.isEmpty()) {
			return Applied.NONE;
		}
		OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		Applied applied = new Applied(new HashSet<>(), new TreeMap<>(), new HashMap<>());
		for (UUID userId : users) {
			apply(userId, byUser.getOrDefault(userId, List.of()), callOf, at, applied);
		}
		return applied;
	}

	/**
	 * One user's opt-outs, and the persons of earlier ones not yet settled. Without the user's lock (an
	 * import of the user holds it, maybe for a minute, and the engine must not wait) the numbers an
	 * import commits later are not seen: those persons are swept again in the next writes, until one
	 * holds the lock.
	 */
	private void apply(UUID userId, List<NumberPhone> phones, Map<Long, UUID> callOf, OffsetDateTime at,
			Applied applied) {
		boolean locked = numbers.tryLockUserExclusive(userId);
		Map<String, String> persons = entries.byPerson(phones.stream().map(NumberPhone::phone).toList());
		Map<String, NumberPhone> byPhone = new LinkedHashMap<>();
		phones.forEach(n -> byPhone.putIfAbsent(n.phone(), n));
		List<NewEntry> given = new ArrayList<>();
		persons.forEach((phone, e164) -> given.add(new NewEntry(phone, e164, Reason.OPTOUT,
				callOf.get(byPhone.get(phone).id()))));
		entries.enter(userId, given, at);
		Set<String> swept = new LinkedHashSet<>(persons.values());
		swept.addAll(unsettled.getOrDefault(userId, Set.of()));
		List<NumberRef> filtered = entries.lockLive(userId, entries.spellingsOf(userId, swept), Blacklist.WAITING);
		numbers.filter(BlacklistEntries.ids(filtered), at);
		BlacklistEntries.filtered(filtered, 1).forEach((taskId, m) -> {
			applied.moves().put(taskId, m);
			applied.users().put(taskId, userId);
		});
		phones.forEach(n -> applied.optedOut().add(n.id()));
		afterCommit(() -> {
			if (locked) {
				unsettled.computeIfPresent(userId, (k, v) -> {
					v.removeAll(swept);
					return v.isEmpty() ? null : v;
				});
			}
			else {
				unsettled.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).addAll(swept);
			}
		});
	}

	private static void afterCommit(Runnable work) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			work.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				work.run();
			}
		});
	}

}
