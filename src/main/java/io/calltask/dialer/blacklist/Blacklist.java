package io.calltask.dialer.blacklist;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import io.calltask.api.FieldErrors;
import io.calltask.api.JsonBody;
import io.calltask.api.PageRequest;
import io.calltask.dialer.number.NumberRepository;
import io.calltask.dialer.blacklist.BlacklistRepository.NewEntry;
import io.calltask.dialer.blacklist.BlacklistRepository.Reason;
import io.calltask.dialer.number.NumberRepository.NumberRef;
import io.calltask.dialer.number.PhoneNumbers;
import io.calltask.task.TaskRuntime;
import io.calltask.time.DateTimes;

/**
 * A user's blacklist (DNC), matched by person: a phone is its E.164 ({@link BlacklistEntries}), so
 * {@code 13800138000} on the list keeps {@code +8613800138000} from being called and the reverse.
 * Adding a phone filters the user's numbers of that person that are waiting ({@code pending} or
 * {@code claimed}) in every live task; removing it returns its {@code filtered} numbers to
 * {@code pending}. Each change moves the tasks' {@code number_count} in the same transaction.
 */
@Service
class Blacklist {

	public static final int MAX_PHONES = 10_000;

	private static final int MAX_ERRORS = 20;

	static final List<String> WAITING = List.of("pending", "claimed");

	private static final List<String> FILTERED = List.of("filtered");

	private final BlacklistRepository blacklist;

	private final BlacklistEntries entries;

	private final NumberRepository numbers;

	private final TaskRuntime tasks;

	private final DateTimes time;

	private final TransactionTemplate transaction;

	Blacklist(BlacklistRepository blacklist, BlacklistEntries entries, NumberRepository numbers, TaskRuntime tasks,
			DateTimes time, PlatformTransactionManager transactions) {
		this.blacklist = blacklist;
		this.entries = entries;
		this.numbers = numbers;
		this.tasks = tasks;
		this.time = time;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Adds {@code {"phones":[…]}} ({@code reason} {@code manual}); a phone whose person is on the list
	 * already counts as existing. Every given person's waiting numbers are filtered, also for those
	 * already on the list (a number that came back from a call to wait for a redial is caught so).
	 */
	public Added add(UUID userId, JsonNode json) {
		Map<String, String> persons = entries.byPerson(phones(json));
		List<NewEntry> given = new ArrayList<>(persons.size());
		persons.forEach((phone, e164) -> given.add(new NewEntry(phone, e164, Reason.MANUAL, null)));
		numbers.ensureUserLock(userId);
		return transaction.execute(status -> {
			numbers.lockUserExclusive(userId);
			OffsetDateTime now = time.nowForStorage();
			long added = entries.enter(userId, given, now);
			List<NumberRef> locked = entries.lockLive(userId, entries.spellingsOf(userId, persons.values()), WAITING);
			numbers.filter(BlacklistEntries.ids(locked), now);
			moveCounts(userId, locked, 1);
			return new Added(added, persons.size() - added, locked.size());
		});
	}

	/**
	 * Removes {@code {"phones":[…]}}: every entry of each given phone's person; their filtered numbers
	 * in live tasks wait to be dialed again.
	 */
	public Removed remove(UUID userId, JsonNode json) {
		Map<String, String> persons = entries.byPerson(phones(json));
		numbers.ensureUserLock(userId);
		return transaction.execute(status -> {
			numbers.lockUserExclusive(userId);
			List<String> present = blacklist.present(userId, persons.values());
			Set<String> spelled = entries.spellingsOf(userId, present);
			long removed = blacklist.remove(userId, present);
			List<NumberRef> locked = entries.lockLive(userId, spelled, FILTERED);
			numbers.restore(BlacklistEntries.ids(locked), time.nowForStorage());
			moveCounts(userId, locked, -1);
			return new Removed(removed, locked.size());
		});
	}

	public long count(UUID userId) {
		return blacklist.count(userId);
	}

	/** Newest first: the phone as given, why it is there, the call it opted out in, when. */
	public List<Map<String, Object>> page(UUID userId, PageRequest page) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (BlacklistRepository.Entry entry : blacklist.page(userId, page)) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("phone", entry.phone());
			item.put("reason", entry.reason());
			item.put("callid", entry.callId() == null ? null : entry.callId().toString());
			item.put("create_datetime", time.format(entry.createdAt()));
			items.add(item);
		}
		return items;
	}

	/** Each task's totals move: {@code sign} 1 filters the numbers, -1 opens them again; in task id order. */
	private void moveCounts(UUID userId, List<NumberRef> changed, int sign) {
		BlacklistEntries.filtered(changed, sign).forEach((taskId, moves) -> tasks.addNumbers(taskId, userId, moves));
	}

	/** {@code phones}: 1..10,000 valid phones, trimmed, repeats dropped (first kept). */
	private static List<String> phones(JsonNode json) {
		JsonBody body = JsonBody.of(json);
		JsonNode node = body.node("phones");
		FieldErrors errors = new FieldErrors();
		if (node == null || node.isNull() || (node.isArray() && node.isEmpty())) {
			errors.add("phones", "不能为空，应为号码数组 [\"…\"]");
		}
		else if (!node.isArray()) {
			errors.add("phones", "必须是号码数组 [\"…\"]");
		}
		else if (node.size() > MAX_PHONES) {
			errors.add("phones", "一次最多 " + MAX_PHONES + " 个号码");
		}
		errors.throwIfAny();
		Set<String> phones = new LinkedHashSet<>();
		int bad = 0;
		for (int i = 0; i < node.size(); i++) {
			JsonNode item = node.get(i);
			String problem = item.isString() ? PhoneNumbers.problem(item.stringValue()) : "必须是字符串";
			if (problem == null) {
				phones.add(item.stringValue().strip());
			}
			else if (bad++ < MAX_ERRORS) {
				errors.add("phones", "第 " + (i + 1) + " 项 " + shown(item) + "：" + problem);
			}
		}
		errors.throwIfAny();
		return new ArrayList<>(phones);
	}

	private static String shown(JsonNode item) {
		String text = item.isString() ? item.stringValue() : item.toString();
		return text.length() <= 64 ? text : text.substring(0, 64) + "…";
	}

	public Map<String, Object> view(Added added) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("added", added.added());
		view.put("existing", added.existing());
		view.put("filtered_numbers", added.filteredNumbers());
		return view;
	}

	public Map<String, Object> view(Removed removed) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("removed", removed.removed());
		view.put("restored_numbers", removed.restoredNumbers());
		return view;
	}

	/** Phones newly on the list, phones that were already on it, numbers filtered. */
	public record Added(long added, long existing, long filteredNumbers) {
	}

	/** Phones taken off the list, numbers back to {@code pending}. */
	public record Removed(long removed, long restoredNumbers) {
	}

}
