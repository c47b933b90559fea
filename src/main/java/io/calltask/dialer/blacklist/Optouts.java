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
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Component;

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
 * redial, and a number of the same person about to be dialed in the same write is not.
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

	Optouts(BlacklistEntries entries, NumberRepository numbers, OptoutSetting setting) {
		this.entries = entries;
		this.numbers = numbers;
		this.setting = setting;
	}

	/**
	 * Applies these opt-outs in the caller's transaction: each user's number lock is taken exclusively,
	 * in user id order (the order of the blacklist's own changes, which take it first too), then the
	 * entries, then the waiting numbers in id order.
	 */
	public Applied apply(List<OptedOut> calls, Instant now) {
		if (calls.isEmpty()) {
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
		if (byUser.isEmpty()) {
			return Applied.NONE;
		}
		OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
		Set<Long> optedOut = new HashSet<>();
		Map<Long, NumberMoves> moves = new TreeMap<>();
		Map<Long, UUID> users = new HashMap<>();
		byUser.forEach((userId, phones) -> {
			numbers.ensureUserLock(userId);
			numbers.lockUserExclusive(userId);
			Map<String, String> persons = entries.byPerson(phones.stream().map(NumberPhone::phone).toList());
			Map<String, NumberPhone> byPhone = new LinkedHashMap<>();
			phones.forEach(n -> byPhone.putIfAbsent(n.phone(), n));
			List<NewEntry> given = new ArrayList<>();
			persons.forEach((phone, e164) -> given.add(new NewEntry(phone, e164, Reason.OPTOUT,
					callOf.get(byPhone.get(phone).id()))));
			entries.enter(userId, given, at);
			List<NumberRef> locked = entries.lockLive(userId, entries.spellingsOf(userId, persons.values()),
					Blacklist.WAITING);
			numbers.filter(BlacklistEntries.ids(locked), at);
			BlacklistEntries.filtered(locked, 1).forEach((taskId, m) -> {
				moves.put(taskId, m);
				users.put(taskId, userId);
			});
			phones.forEach(n -> optedOut.add(n.id()));
		});
		return new Applied(optedOut, moves, users);
	}

}
