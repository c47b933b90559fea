package io.calltask.dialer.transfer;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.calltask.agent.UserScope;
import io.calltask.api.ApiException;
import io.calltask.api.ApiResponse;
import io.calltask.api.Ids;
import io.calltask.dialer.callrecord.CallStates;
import io.calltask.dialer.engine.DialerEngine;
import io.calltask.task.TaskRuntime;
import io.calltask.task.TaskRuntime.TaskRef;

/**
 * {@code POST …/task/{task_id}/call/{callid}/transfer} (API.md section 8.2): a bot that runs outside
 * the switch asks for a person, as a bot on the switch does by parking with {@code calltask_transfer=1}.
 * 202 once the dialer has it; 404 for a call the task does not have; 409 for a call not up, or already
 * with a seat or waiting for one; 503 from an instance that does not dial (send it to the leader).
 */
@RestController
@RequestMapping(path = "/agent-api/new/user/{user_id}/task/{task_id}/call/{callid}/transfer",
		produces = "application/json")
class TransferController {

	private static final String TASK_NOT_FOUND = "任务不存在";

	private static final String CALL_NOT_FOUND = "通话不存在";

	private final TaskRuntime tasks;

	private final CallStates calls;

	private final DialerEngine engine;

	TransferController(TaskRuntime tasks, CallStates calls, DialerEngine engine) {
		this.tasks = tasks;
		this.calls = calls;
		this.engine = engine;
	}

	@PostMapping
	ResponseEntity<Map<String, Object>> transfer(UserScope user, @PathVariable("task_id") String taskId,
			@PathVariable("callid") String callId) {
		TaskRef task = tasks.find(user.userId(), Ids.uuidOr404(taskId, TASK_NOT_FOUND))
			.orElseThrow(() -> new ApiException.NotFound(TASK_NOT_FOUND));
		UUID call = Ids.uuidOr404(callId, CALL_NOT_FOUND);
		CallStates.State state = calls.of(task.id(), call)
			.orElseThrow(() -> new ApiException.NotFound(CALL_NOT_FOUND));
		if (state != CallStates.State.UP) {
			throw new ApiException.Conflict("callid", state == CallStates.State.ENDED ? "通话已结束" : "通话未接通");
		}
		if (!engine.dialingNow()) {
			throw new ApiException.Unavailable("本实例不在外呼（备用实例），请向主实例发送");
		}
		if (!engine.requestTransfer(call)) {
			throw new ApiException.Conflict("callid", "通话已在转人工");
		}
		return ApiResponse.accepted("已转人工", Map.of("callid", call.toString()));
	}

}
