package io.calltask.dialer.engine;

/**
 * The order in which a transaction that writes several of these tables takes their row locks, each
 * table's rows in key order. The engine's write ({@link AttemptLog#write}) walks it step by step;
 * the other writers take a prefix of it in the same order (the blacklist and the number import: the
 * user's number lock, numbers, then the task's runtime row; a pause: the task, then its runtime row),
 * so no two of them can wait for each other's locks.
 */
enum WriteOrder {

	/** {@code dialer_lease}: the term's fence, first, so that a term that is over writes nothing. */
	LEASE,
	/**
	 * Only for callees who opted out: {@code number_user_lock} exclusively in user id order, if free
	 * ({@code SKIP LOCKED}: the engine never waits for an import), the {@code blacklist}, then the
	 * waiting numbers of those persons in number id order.
	 */
	OPTOUTS,
	/** {@code task_number}, in number id order. */
	NUMBERS,
	/** {@code call_record} by call id, then {@code call_record_total} and {@code call_outcome_total} in task id order. */
	CALL_RECORDS,
	/** {@code task_runtime}, in task id order. */
	TASK_RUNTIME,
	/** {@code task_line_stats}, in (task id, line id) order. */
	LINE_STATS,
	/** {@code seat} in seat id order, then {@code bridge_group}'s waiting counts in group id order. */
	SEATS,
	/** {@code notify_event}: new rows only, no lock another writer waits for. */
	EVENTS

}
