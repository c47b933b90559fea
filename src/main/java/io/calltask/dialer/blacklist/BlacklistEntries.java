package io.calltask.dialer.blacklist;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.calltask.contact.CalleePhones;
import io.calltask.contact.PhoneSpellings;
import io.calltask.dialer.blacklist.BlacklistRepository.NewEntry;
import io.calltask.dialer.number.NumberRepository;
import io.calltask.dialer.number.NumberRepository.NumberRef;
import io.calltask.task.NumberMoves;
import io.calltask.task.TaskRuntime;
import io.calltask.task.TaskRuntime.DialTask;

/**
 * What the API's blacklist and opt-outs share: a phone is a person (its E.164, {@link CalleePhones}),
 * entered once with every spelling it may be imported in ({@link PhoneSpellings}), and a person's
 * numbers are found in all of the user's live tasks by those spellings. In the caller's transaction,
 * which holds the user's exclusive number lock.
 */
@Component
class BlacklistEntries {

	private final CalleePhones callees;

	private final PhoneSpellings spellings;

	private final BlacklistRepository blacklist;

	private final NumberRepository numbers;

	private final TaskRuntime tasks;

	BlacklistEntries(CalleePhones callees, PhoneSpellings spellings, BlacklistRepository blacklist,
			NumberRepository numbers, TaskRuntime tasks) {
		this.callees = callees;
		this.spellings = spellings;
		this.blacklist = blacklist;
		this.numbers = numbers;
		this.tasks = tasks;
	}

	/** Each phone's E.164, phones of a person already given dropped (the first kept), in order. */
	Map<String, String> byPerson(Collection<String> phones) {
		Map<String, String> e164ByPhone = new LinkedHashMap<>();
		Set<String> persons = new HashSet<>();
		for (String phone : phones) {
			String e164 = callees.e164(phone);
			if (persons.add(e164)) {
				e164ByPhone.put(phone, e164);
			}
		}
		return e164ByPhone;
	}

	/**
	 * Enters these entries (one per person) whose person is not on the user's list yet; how many.
	 * Every entry's spellings, the phone as given included, are kept for its person.
	 */
	long enter(UUID userId, List<NewEntry> entries, OffsetDateTime now) {
		if (entries.isEmpty()) {
			return 0;
		}
		Set<String> present = new HashSet<>(blacklist.present(userId, entries.stream().map(NewEntry::e164).toList()));
		long added = blacklist.add(userId, entries.stream().filter(e -> !present.contains(e.e164())).toList(), now);
		Map<String, String> spelled = new LinkedHashMap<>();
		for (NewEntry e : entries) {
			for (String spelling : spellings.of(e.e164())) {
				spelled.putIfAbsent(spelling, e.e164());
			}
			spelled.putIfAbsent(e.phone(), e.e164());
		}
		blacklist.addSpellings(userId, spelled);
		return added;
	}

	/** The spellings of these persons (E.164) on the user's list. */
	Set<String> spellingsOf(UUID userId, Collection<String> e164s) {
		return new LinkedHashSet<>(blacklist.spellingsOf(userId, e164s));
	}

	/**
	 * The user's numbers with these spellings in live tasks, locked in id order, that are still in
	 * {@code statuses}.
	 */
	List<NumberRef> lockLive(UUID userId, Collection<String> spelled, List<String> statuses) {
		if (spelled.isEmpty()) {
			return List.of();
		}
		List<NumberRef> found = numbers.byUserPhones(userId, spelled, statuses);
		if (found.isEmpty()) {
			return List.of();
		}
		Set<Long> live = new HashSet<>();
		for (DialTask task : tasks.byIds(found.stream().map(NumberRef::taskId).distinct().toList())) {
			if (!task.deleted()) {
				live.add(task.id());
			}
		}
		List<Long> ids = found.stream()
			.filter(n -> live.contains(n.taskId()))
			.map(NumberRef::id)
			.distinct()
			.sorted()
			.toList();
		return numbers.lockInStatus(ids, statuses);
	}

	/** How each task's totals move when these open numbers are filtered ({@code sign} 1) or opened again (-1). */
	static Map<Long, NumberMoves> filtered(List<NumberRef> changed, int sign) {
		Map<Long, Long> perTask = new TreeMap<>();
		for (NumberRef number : changed) {
			perTask.merge(number.taskId(), 1L, Long::sum);
		}
		Map<Long, NumberMoves> moves = new TreeMap<>();
		perTask.forEach((taskId, n) -> moves.put(taskId, NumberMoves.filteredFromOpen(sign * n)));
		return moves;
	}

	static List<Long> ids(List<NumberRef> refs) {
		List<Long> ids = new ArrayList<>(refs.size());
		refs.forEach(r -> ids.add(r.id()));
		return ids;
	}

}
