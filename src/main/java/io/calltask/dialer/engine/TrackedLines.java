package io.calltask.dialer.engine;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.calltask.dialer.spi.CallGateway;
import io.calltask.line.Line;
import io.calltask.task.TaskRuntime.DialLine;
import io.calltask.task.TaskRuntime.DialTask;

/** The lines of the tasks the engine tracks, and of its calls: their capacity, tokens and calls. */
final class TrackedLines {

	private final Map<UUID, TrackedLine> lines = new HashMap<>();

	TrackedLine get(UUID lineId) {
		return lines.get(lineId);
	}

	/** Whether calls can be placed on the line now (false for a line not, or no longer, known). */
	boolean usable(UUID lineId) {
		TrackedLine line = lines.get(lineId);
		return line != null && line.usable();
	}

	/** The node of a known line, else null. */
	String nodeId(UUID lineId) {
		TrackedLine line = lines.get(lineId);
		return line == null ? null : line.line.nodeId();
	}

	/** The lines as just read; a line no longer read is forgotten once no call is on it. */
	void apply(Map<UUID, Line> rows) {
		for (Line line : rows.values()) {
			lines.computeIfAbsent(line.id(), id -> new TrackedLine()).update(line);
		}
		lines.entrySet().removeIf(e -> !rows.containsKey(e.getKey()) && e.getValue().calls == 0);
	}

	/** end_action 2: a paused task keeps its share of each line (its explicit share, else up to its maximumcall). */
	void reserve(Iterable<TrackedTask> tasks) {
		lines.values().forEach(l -> l.reserved = 0);
		for (TrackedTask ts : tasks) {
			DialTask t = ts.task();
			if (t.state().lineReserved() && t.paused()) {
				for (DialLine dl : t.pacing().lines()) {
					TrackedLine ls = lines.get(dl.lineId());
					if (ls != null) {
						int share = dl.share() != null ? dl.share() : ls.line.limit();
						ls.reserved += Math.min(share, t.pacing().maximumcall());
					}
				}
			}
		}
	}

	/** Asks the gateway, once a tick, which lines' nodes are up. */
	void checkNodes(CallGateway gateway) {
		for (TrackedLine ls : lines.values()) {
			ls.nodeUp = gateway.nodeUp(ls.line.nodeId());
		}
	}

	void refill(Instant now) {
		for (TrackedLine ls : lines.values()) {
			ls.cps.refill(now);
		}
	}

	/** A counted call on the line ended (or never started). */
	void free(UUID lineId) {
		TrackedLine ls = lines.get(lineId);
		if (ls != null) {
			ls.calls--;
		}
	}

	/** Calls in progress per line. */
	Map<UUID, Integer> callsByLine() {
		Map<UUID, Integer> calls = new HashMap<>();
		lines.forEach((id, l) -> calls.put(id, l.calls));
		return calls;
	}

}
