package io.calltask.task.internal;

import java.util.Set;
import java.util.function.Function;

import io.calltask.api.JsonBody;
import io.calltask.task.internal.TaskSettings.SeatPacing;
import io.calltask.task.internal.TaskSettings.Transfer;

/**
 * Reads a body's keys of dialing paced by seats (API.md section 9) onto a task's: {@code dial_mode}
 * ({@code fixed}, {@code ratio}, {@code predictive}; null: the default), {@code max_dial_level}
 * (1.0–10.0) and {@code max_abandon_rate} (percent, 0–10). A mode set to {@code ratio} or
 * {@code predictive} needs the task's {@code bridge_group_id}, and {@code ratio} a
 * {@code bridge_proportion} of at least 1: else a 422 on {@code dial_mode}. The default mode never
 * fails (a proportion without a group dials {@code fixed}, as before there were modes).
 */
final class SeatPacingInput {

	static final Set<String> MODES = Set.of("fixed", "ratio", "predictive");

	private SeatPacingInput() {
	}

	/** {@code current} with the body's keys applied, checked against the task's {@code transfer} as it will be. */
	static SeatPacing read(JsonBody body, SeatPacing current, Transfer transfer) {
		String dialMode = given(body, "dial_mode", current.dialMode(), null, key -> {
			String mode = body.string(key, 16);
			if (mode != null && !MODES.contains(mode)) {
				body.errors().add(key, "只能是 fixed、ratio、predictive 之一");
				return null;
			}
			return mode;
		});
		double maxDialLevel = given(body, "max_dial_level", current.maxDialLevel(), SeatPacing.DEFAULT.maxDialLevel(),
				key -> body.decimal(key, 1.0, 10.0));
		double maxAbandonRate = given(body, "max_abandon_rate", current.maxAbandonRate(),
				SeatPacing.DEFAULT.maxAbandonRate(), key -> body.decimal(key, 0.0, 10.0));
		if (dialMode != null && !dialMode.equals("fixed") && transfer.bridgeGroupId() == null
				&& !body.errors().has("bridge_group_id")) {
			body.errors().add("dial_mode", dialMode + " 需要 bridge_group_id（转接组）");
		}
		else if ("ratio".equals(dialMode) && transfer.bridgeProportion() < 1 && !body.errors().has("bridge_proportion")) {
			body.errors().add("dial_mode", "ratio 需要 bridge_proportion 至少为 1");
		}
		return new SeatPacing(dialMode, maxDialLevel, maxAbandonRate);
	}

	/**
	 * {@code key}'s value read by {@code read} if the body has the key (null read as {@code dflt});
	 * {@code current} if not. A value {@code read} refuses has put its error in the body already.
	 */
	static <T> T given(JsonBody body, String key, T current, T dflt, Function<String, T> read) {
		if (!body.has(key)) {
			return current;
		}
		T value = read.apply(key);
		return value != null ? value : dflt;
	}

}
