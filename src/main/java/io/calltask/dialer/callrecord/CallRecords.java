package io.calltask.dialer.callrecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import io.calltask.api.ApiException;
import io.calltask.api.CsvDownload;
import io.calltask.api.FieldErrors;
import io.calltask.api.PageRequest;
import io.calltask.catalog.RecycleRule;
import io.calltask.dialer.callrecord.CallRecordRepository.CallRow;
import io.calltask.dialer.number.PhoneNumbers;
import io.calltask.task.TaskRuntime;
import io.calltask.task.TaskRuntime.TaskRef;
import io.calltask.time.DateTimes;

/** A task's call records, one per attempt, newest first, as the API shows them. */
@Service
class CallRecords {

	private static final String TASK_NOT_FOUND = "任务不存在";

	private final CallRecordRepository calls;

	private final TaskRuntime tasks;

	private final DateTimes time;

	CallRecords(CallRecordRepository calls, TaskRuntime tasks, DateTimes time) {
		this.calls = calls;
		this.tasks = tasks;
		this.time = time;
	}

	/** A page of the task's calls; {@code outcome} and {@code phone} filter when not null or empty. */
	public CallPage list(UUID userId, UUID taskId, String outcome, String phone, PageRequest page) {
		Filter f = filter(userId, taskId, outcome, phone);
		long total = calls.count(f.taskId(), f.outcome(), f.phone());
		List<Map<String, Object>> items = new ArrayList<>();
		if (page.offset() < total) {
			for (CallRow row : calls.page(f.taskId(), f.outcome(), f.phone(), page)) {
				items.add(view(row));
			}
		}
		return new CallPage(total, items);
	}

	/**
	 * Every call of the task as a CSV download (oldest first, the list's keys as columns), filtered as
	 * the list is. The task and filters are checked now (errors as the list's); the rows are read and
	 * written as the response streams.
	 */
	public ResponseEntity<StreamingResponseBody> export(UUID userId, UUID taskId, String outcome, String phone) {
		Filter f = filter(userId, taskId, outcome, phone);
		return CsvDownload.response("calls-" + taskId + ".csv", out -> {
			try (CsvDownload csv = CsvDownload.start(out, COLUMNS)) {
				calls.forEach(f.taskId(), f.outcome(), f.phone(), row -> csv.row(new ArrayList<>(view(row).values())));
			}
		});
	}

	/** The list's keys, in order: the CSV's columns. */
	private static final List<String> COLUMNS = List.of("callid", "phone", "line_id", "attempt", "start_datetime",
			"answer_datetime", "end_datetime", "duration", "billsec", "hangup_cause", "outcome", "status", "intention",
			"recording_url", "bridge_result", "bridge_seat_id", "bridge_seat_name", "bridge_wait_ms", "bridge_billsec");

	private record Filter(long taskId, String outcome, String phone) {
	}

	private Filter filter(UUID userId, UUID taskId, String outcome, String phone) {
		FieldErrors errors = new FieldErrors();
		if (outcome != null && outcome.isEmpty()) {
			outcome = null;
		}
		if (outcome != null && !RecycleRule.OUTCOMES.contains(outcome)) {
			errors.add("outcome", "只能是 " + String.join("、", RecycleRule.OUTCOMES) + " 之一");
		}
		if (phone != null && phone.isBlank()) {
			phone = null;
		}
		if (phone != null) {
			String problem = PhoneNumbers.problem(phone);
			if (problem != null) {
				errors.add("phone", problem);
			}
			phone = phone.strip();
		}
		errors.throwIfAny();
		TaskRef task = tasks.find(userId, taskId).orElseThrow(() -> new ApiException.NotFound(TASK_NOT_FOUND));
		return new Filter(task.id(), outcome, phone);
	}

	private Map<String, Object> view(CallRow call) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("callid", call.callId().toString());
		view.put("phone", call.phone());
		view.put("line_id", call.lineId().toString());
		view.put("attempt", call.attempt());
		view.put("start_datetime", time.format(call.times().start()));
		view.put("answer_datetime", time.format(call.times().answer()));
		view.put("end_datetime", time.format(call.times().end()));
		view.put("duration", call.seconds().duration());
		view.put("billsec", call.seconds().billsec());
		view.put("hangup_cause", call.result().hangupCause());
		view.put("outcome", call.result().outcome());
		view.put("status", call.result().status());
		view.put("intention", call.bot().intention());
		view.put("recording_url", call.bot().recordingUrl());
		Bridge bridge = call.bridge();
		view.put("bridge_result", bridge.result().word());
		view.put("bridge_seat_id", bridge.seatId());
		view.put("bridge_seat_name", bridge.seatName());
		view.put("bridge_wait_ms", bridge.waitMs());
		view.put("bridge_billsec", bridge.billsec());
		return view;
	}

	/** One page of a call list and the list's total. */
	public record CallPage(long total, List<Map<String, Object>> items) {
	}

}
