package io.calltask.dialer;

import java.util.List;
import java.util.UUID;

/**
 * Published inside the dialer's write transaction that closed these calls' records: the calls whose
 * task asks to be told of them ({@code call_notify_url} with {@code call_notify_type} 2, or 1 and
 * unanswered), or whose task the dialer did not know when they ended (a call taken over from a node
 * that died). Not published when no call of the batch qualifies.
 */
public record CallsFinished(List<UUID> callIds) {

	public CallsFinished {
		callIds = List.copyOf(callIds);
	}

}
