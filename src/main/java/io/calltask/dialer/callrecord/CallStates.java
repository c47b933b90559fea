package io.calltask.dialer.callrecord;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

/** Where a task's call stands, from its record. */
@Service
public class CallStates {

	public enum State {
		/** Placed, not answered yet. */
		RINGING,
		/** Answered and not ended: the customer is on the line. */
		UP,
		ENDED
	}

	private final CallRecordRepository calls;

	CallStates(CallRecordRepository calls) {
		this.calls = calls;
	}

	/** Call {@code callId} of task {@code taskId} (its internal id); empty if the task has no such call. */
	public Optional<State> of(long taskId, UUID callId) {
		return calls.times(taskId, callId)
			.map(t -> t.end() != null ? State.ENDED : t.answer() != null ? State.UP : State.RINGING);
	}

}
