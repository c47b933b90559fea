package io.calltask.dialer.engine;

import io.calltask.dialer.engine.AttemptBatch.CallRef;
import io.calltask.dialer.engine.NumberClaims.ClaimedNumber;
import io.calltask.dialer.number.NumberVariables;
import io.calltask.dialer.spi.OriginateRequest;
import io.calltask.line.Line;
import io.calltask.task.TaskRuntime.DialTask;
import io.calltask.task.TaskRuntime.Originate;

/** What the gateway is asked to place for a call: the task's settings, the line's and the number's. */
final class OriginateRequests {

	private OriginateRequests() {
	}

	static OriginateRequest of(CallRef call, DialTask task, Line line, ClaimedNumber number) {
		Originate o = task.originate();
		String callerId = o.callerIdNumber().isEmpty() ? line.callerNumber() : o.callerIdNumber();
		return new OriginateRequest(new OriginateRequest.Identity(call.callId(), task.uuid(), number.id()),
				new OriginateRequest.Callee(number.phone(), DialFormat.apply(o.dialFormat(), number.phone()),
						NumberVariables.texts(number.variables())),
				new OriginateRequest.Route(line.id(), line.gateway(), line.nodeId(), callerId, o.originateTimeout()),
				new OriginateRequest.Destination(o.destinationExtension(), o.destinationDialplan(),
						o.destinationContext(), o.originateVariables(),
						task.transfer().enabled() && task.transfer().direct()));
	}

	/** Where a call goes back to its bot (no seat could take it); null if the task has no bot. */
	static OriginateRequest.Destination bot(DialTask task) {
		Originate o = task.originate();
		return o.hasBot() ? new OriginateRequest.Destination(o.destinationExtension(), o.destinationDialplan(),
				o.destinationContext(), o.originateVariables()) : null;
	}

}
