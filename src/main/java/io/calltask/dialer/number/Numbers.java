package io.calltask.dialer.number;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

import io.calltask.api.ApiException;
import io.calltask.api.CsvDownload;
import io.calltask.api.PageRequest;
import io.calltask.dialer.number.NumberRepository.NumberRow;
import io.calltask.task.NumberTotals;
import io.calltask.task.TaskRuntime;
import io.calltask.task.TaskRuntime.TaskRef;
import io.calltask.time.DateTimes;

/**
 * A task's numbers: imported from JSON or CSV in one transaction (duplicates and invalid phones
 * counted, blacklisted phones stored as {@code filtered}), and listed in import order.
 */
@Service
@org.springframework.modulith.NamedInterface("number")
public class Numbers {

	static final String TASK_NOT_FOUND = "任务不存在";

	/** The statuses the API shows; the stored {@code claimed} shows as {@code pending}. */
	private static final List<String> STATUSES = List.of("pending", "calling", "called", "failed", "filtered");

	private final TaskRuntime tasks;

	private final NumberRepository numbers;

	private final DateTimes time;

	private final TransactionTemplate transaction;

	/** One snapshot for a status's total, read from two places. */
	private final TransactionTemplate snapshot;

	private final JsonMapper json;

	Numbers(TaskRuntime tasks, NumberRepository numbers, DateTimes time, PlatformTransactionManager transactions,
			JsonMapper json) {
		this.json = json;
		this.tasks = tasks;
		this.numbers = numbers;
		this.time = time;
		this.transaction = new TransactionTemplate(transactions);
		this.snapshot = new TransactionTemplate(transactions);
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		snapshot.setReadOnly(true);
	}

	/**
	 * Imports a JSON ({@code {"numbers":[…]}}) or CSV body into a live task of the user, streaming
	 * it. All or nothing: a request error (422) stores nothing.
	 */
	public ImportResult importNumbers(UUID userId, UUID taskId, MediaType type, InputStream body) {
		TaskRef task = tasks.find(userId, taskId).orElseThrow(() -> new ApiException.NotFound(TASK_NOT_FOUND));
		boolean csv = type != null && type.isCompatibleWith(MediaType.valueOf("text/csv"));
		Charset charset = csv ? charset(type) : null;
		numbers.ensureUserLock(userId);
		numbers.ensureTotal(task.id());
		return transaction.execute(status -> {
			numbers.lockUserShared(userId);
			NumberImport numberImport = new NumberImport(numbers.insert(task.id(), userId, time.nowForStorage(),
					task.popMode() == 0));
			if (csv) {
				CsvNumbers.read(body, charset, numberImport);
			}
			else {
				JsonNumbers.read(json, body, numberImport);
			}
			ImportResult result = numberImport.finish();
			numbers.addToTotal(task.id(), result.accepted());
			tasks.addNumbers(task.id(), userId, numberImport.moves());
			return result;
		});
	}

	/** UTF-8 unless the Content-Type names another charset this JVM knows. */
	private static Charset charset(MediaType type) {
		try {
			Charset charset = type.getCharset();
			return charset == null ? StandardCharsets.UTF_8 : charset;
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException.Invalid("Content-Type", "不支持的字符集：" + type.getParameter("charset"));
		}
	}

	/** A page of the task's numbers in import order; {@code status} null or empty for all. */
	public NumberPage list(UUID userId, UUID taskId, String status, PageRequest page) {
		List<String> stored = storedStatuses(status);
		TaskRef task = tasks.find(userId, taskId).orElseThrow(() -> new ApiException.NotFound(TASK_NOT_FOUND));
		long total = stored == null ? numbers.count(task.id(), null) : total(task.id(), status);
		List<Map<String, Object>> items = new ArrayList<>();
		if (page.offset() < total) {
			for (NumberRow row : numbers.page(task.id(), stored, page)) {
				items.add(view(row));
			}
		}
		return new NumberPage(total, items);
	}

	/**
	 * How many of the task's numbers show {@code status}, without counting them: the finished ones
	 * from the task's runtime row ({@link TaskRuntime#numberTotals}), {@code calling} counted (at
	 * most the task's calls in progress), {@code pending} (with {@code claimed}) the open ones less
	 * those calling. Both reads see one snapshot.
	 */
	private long total(long taskId, String status) {
		return snapshot.execute(tx -> {
			NumberTotals totals = tasks.numberTotals(taskId);
			return switch (status) {
				case "called" -> totals.called();
				case "failed" -> totals.failed();
				case "filtered" -> totals.filtered();
				case "calling" -> numbers.count(taskId, List.of("calling"));
				default -> Math.max(0, totals.open() - numbers.count(taskId, List.of("calling")));
			};
		});
	}

	/**
	 * Every number of the task (in {@code status}, if given) as a CSV download, in import order: the
	 * list's keys as columns, each variable name a column of its own after them (named
	 * {@code variables.<name>} where a name is one of the list's keys), each value as a call carries it
	 * ({@link NumberVariables#texts}). Two reads: the variables' names, then the rows; both stream, so
	 * the memory used does not grow with the task.
	 */
	public ResponseEntity<StreamingResponseBody> export(UUID userId, UUID taskId, String status) {
		List<String> stored = storedStatuses(status);
		TaskRef task = tasks.find(userId, taskId).orElseThrow(() -> new ApiException.NotFound(TASK_NOT_FOUND));
		return CsvDownload.response("numbers-" + taskId + ".csv", out -> {
			Set<String> names = new LinkedHashSet<>();
			numbers.forEachVariables(task.id(), stored, json -> names.addAll(NumberVariables.texts(json).keySet()));
			List<String> header = new ArrayList<>(EXPORT_COLUMNS);
			names.forEach(n -> header.add(EXPORT_COLUMNS.contains(n) ? "variables." + n : n));
			try (CsvDownload csv = CsvDownload.start(out, header)) {
				java.time.Instant now = time.now();
				numbers.forEach(task.id(), stored, row -> {
					List<Object> cells = new ArrayList<>(header.size());
					cells.add(row.phone());
					cells.add(shownStatus(row.status()));
					cells.add(row.attempts());
					cells.add(row.lastHangupCause());
					cells.add(time.format(row.nextAttemptAt()));
					cells.add(row.blockedReasonAt(now));
					cells.add(time.format(row.createdAt()));
					Map<String, String> variables = NumberVariables.texts(row.variables());
					for (String name : names) {
						cells.add(variables.get(name));
					}
					csv.row(cells);
				});
			}
		});
	}

	/** The list's keys but {@code variables}: the export's first columns. */
	private static final List<String> EXPORT_COLUMNS = List.of("phone", "status", "attempts", "last_hangup_cause",
			"next_attempt_at", "blocked_reason", "create_datetime");

	/** The stored statuses of a shown one; null for all (null or empty). */
	private static List<String> storedStatuses(String status) {
		if (status == null || status.isEmpty()) {
			return null;
		}
		if (!STATUSES.contains(status)) {
			throw new ApiException.Invalid("status", "只能是 " + String.join("、", STATUSES) + " 之一");
		}
		return NumberRepository.storedStatuses(status);
	}

	/** A claimed number is pending to the user: the dialer holds it, it is not dialed yet. */
	private static String shownStatus(String stored) {
		return stored.equals("claimed") ? "pending" : stored;
	}

	private Map<String, Object> view(NumberRow row) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("phone", row.phone());
		view.put("status", shownStatus(row.status()));
		view.put("attempts", row.attempts());
		view.put("last_hangup_cause", row.lastHangupCause());
		view.put("next_attempt_at", time.format(row.nextAttemptAt()));
		view.put("blocked_reason", row.blockedReasonAt(time.now()));
		view.put("variables", NumberVariables.read(row.variables()));
		view.put("create_datetime", time.format(row.createdAt()));
		return view;
	}

	public Map<String, Object> view(ImportResult result) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("accepted", result.accepted());
		view.put("duplicate", result.duplicate());
		view.put("invalid", result.invalid());
		List<Map<String, Object>> rows = new ArrayList<>(result.invalidRows().size());
		for (InvalidRow row : result.invalidRows()) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("row", row.row());
			item.put("phone", row.phone());
			item.put("reason", row.reason());
			rows.add(item);
		}
		view.put("invalid_rows", rows);
		return view;
	}

	/**
	 * What an import did: numbers stored (filtered ones included), valid numbers already in the task
	 * or repeated in the import, invalid phones, and the first invalid rows.
	 */
	public record ImportResult(long accepted, long duplicate, long invalid, List<InvalidRow> invalidRows) {
	}

	/** {@code row}: 1-based position in the JSON array or among the CSV's data rows. */
	public record InvalidRow(long row, String phone, String reason) {
	}

	/** One page of a number list and the list's total. */
	public record NumberPage(long total, List<Map<String, Object>> items) {
	}

}
