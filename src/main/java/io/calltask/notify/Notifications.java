package io.calltask.notify;

import java.util.Collection;
import java.util.UUID;

/** What the dialer tells the webhooks. */
public interface Notifications {

	/**
	 * In the caller's transaction, after the calls were closed: one {@code call.finished} event for
	 * each of these calls whose task asks for it ({@code call_notify_type} 2, or 1 and unanswered, and
	 * a {@code call_notify_url}).
	 */
	void callsFinished(Collection<UUID> callIds);

}
