package io.calltask.dialer.engine;

import io.calltask.line.Line;

/** A line the engine dials on: the line as last read, its tokens, its calls and the share kept for paused tasks. */
final class TrackedLine {

	Line line;

	final TokenBucket cps = new TokenBucket(1);

	/** Calls in progress on it, counted against its limit. */
	int calls;

	/** Capacity kept for paused tasks (end_action 2). */
	int reserved;

	/** Its FreeSWITCH node could be reached when the tick began. */
	boolean nodeUp;

	void update(Line l) {
		line = l;
		if (cps.rate() != l.cps()) {
			cps.setRate(l.cps());
		}
	}

	/** Calls can be placed on it: capacity beyond what is reserved, and its node up. */
	boolean usable() {
		return nodeUp && line.limit() - reserved > 0;
	}

	/** Calls it can take now, before any task's share. */
	int free() {
		return line.limit() - reserved - calls;
	}

}
