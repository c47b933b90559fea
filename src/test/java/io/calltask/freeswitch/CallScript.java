package io.calltask.freeswitch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How one originate goes on {@link FakeFreeSwitch}: whether a channel is created at all, when the far
 * end answers, when and with what cause the call ends. Times count from the originate (ringing)
 * and from the answer (talking), in milliseconds; -1 means never. The ring phase is cut at the
 * originate's {@code originate_timeout} (seconds, 60 if absent) with {@code NO_ANSWER}, as
 * FreeSWITCH does.
 */
public final class CallScript {

	private final boolean createsChannel;

	private final long answerAfterMs;

	private final long endAfterMs;

	private final String cause;

	private final boolean endedByUs;

	private final Map<String, String> variables;

	private CallScript(boolean createsChannel, long answerAfterMs, long endAfterMs, String cause, boolean endedByUs,
			Map<String, String> variables) {
		this.createsChannel = createsChannel;
		this.answerAfterMs = answerAfterMs;
		this.endAfterMs = endAfterMs;
		this.cause = cause;
		this.endedByUs = endedByUs;
		this.variables = variables;
	}

	/** Answered after {@code answerAfterMs}, the far end hangs up {@code hangupAfterMs} later (NORMAL_CLEARING). */
	public static CallScript answer(long answerAfterMs, long hangupAfterMs) {
		return answerThenHangUp(answerAfterMs, hangupAfterMs, "NORMAL_CLEARING");
	}

	/** Answered, then the far end hangs up with {@code cause} (a talking call can end on MEDIA_TIMEOUT too). */
	public static CallScript answerThenHangUp(long answerAfterMs, long hangupAfterMs, String cause) {
		return new CallScript(true, nonNegative(answerAfterMs), nonNegative(hangupAfterMs), cause, false, Map.of());
	}

	/** Answered after {@code answerAfterMs} and up until {@code uuid_kill}, {@code hupall}, {@link FakeFreeSwitch#hangup} or a stop. */
	public static CallScript answerAndStay(long answerAfterMs) {
		return new CallScript(true, nonNegative(answerAfterMs), -1, "NORMAL_CLEARING", false, Map.of());
	}

	/** Answered after 50 ms and never hung up by the far end: ends only by {@code uuid_kill}, {@code hupall}, {@link FakeFreeSwitch#hangup} or a stop. */
	public static CallScript neverEnds() {
		return answerAndStay(50);
	}

	/** Rings and is never answered: ends by {@code uuid_kill}, {@code hupall}, {@link FakeFreeSwitch#hangup}, a stop or {@code originate_timeout} (NO_ANSWER). */
	public static CallScript ringing() {
		return new CallScript(true, -1, -1, "NO_ANSWER", false, Map.of());
	}

	/** The far end is busy: 486, USER_BUSY after 100 ms. */
	public static CallScript busy() {
		return busy(100);
	}

	public static CallScript busy(long afterMs) {
		return reject("USER_BUSY", afterMs);
	}

	/** Nobody answers within {@code afterMs}: the switch gives up and cancels (487, NO_ANSWER). */
	public static CallScript noAnswer(long afterMs) {
		return new CallScript(true, -1, nonNegative(afterMs), "NO_ANSWER", true, Map.of());
	}

	/** The far end refuses with {@code cause} after {@code afterMs}, unanswered (e.g. UNALLOCATED_NUMBER, CALL_REJECTED). */
	public static CallScript reject(String cause, long afterMs) {
		return new CallScript(true, -1, nonNegative(afterMs), cause, false, Map.of());
	}

	/**
	 * Early media was recognized (the {@code execute_on_media} detector) as {@code daStatus}, e.g.
	 * {@code 空号}, and the call cancelled after {@code afterMs} with {@code cause}, unanswered; the
	 * status comes back as {@code variable_da_status}.
	 */
	public static CallScript detected(String daStatus, String cause, long afterMs) {
		return new CallScript(true, -1, nonNegative(afterMs), cause, true, Map.of()).withDaStatus(daStatus);
	}

	/** The gateway is down: no channel, only {@code BACKGROUND_JOB -ERR GATEWAY_DOWN}. */
	public static CallScript gatewayDown() {
		return noChannel("GATEWAY_DOWN");
	}

	/** Fails before a channel exists (GATEWAY_DOWN, INVALID_GATEWAY, …): only {@code BACKGROUND_JOB -ERR <cause>}. */
	public static CallScript noChannel(String cause) {
		return new CallScript(false, -1, 0, cause, false, Map.of());
	}

	/** The same script with {@code variable_da_status} set on the channel. */
	public CallScript withDaStatus(String daStatus) {
		return withVariable("da_status", daStatus);
	}

	/** The same script with a channel variable set (it comes back as {@code variable_<name>}). */
	public CallScript withVariable(String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(variables);
		more.put(name, value);
		return new CallScript(createsChannel, answerAfterMs, endAfterMs, cause, endedByUs, Collections.unmodifiableMap(more));
	}

	public boolean createsChannel() {
		return createsChannel;
	}

	/** Milliseconds from the originate to the answer, or -1 if the far end never answers. */
	public long answerAfterMs() {
		return answerAfterMs;
	}

	/** Milliseconds from the answer (or, unanswered, from the originate) to the hangup, or -1 for never. */
	public long endAfterMs() {
		return endAfterMs;
	}

	public String cause() {
		return cause;
	}

	/** Whether the switch ends the call (a cancel or a bye it sends) rather than the far end. */
	public boolean endedByUs() {
		return endedByUs;
	}

	/** Channel variables the script adds. */
	public Map<String, String> variables() {
		return variables;
	}

	public boolean answers() {
		return answerAfterMs >= 0;
	}

	private static long nonNegative(long ms) {
		if (ms < 0) {
			throw new IllegalArgumentException("a delay must be >= 0 ms: " + ms);
		}
		return ms;
	}

	@Override
	public String toString() {
		if (!createsChannel) {
			return "no channel, " + cause;
		}
		return (answers() ? "answer after " + answerAfterMs + " ms, " : "unanswered, ")
				+ (endAfterMs < 0 ? "never ends" : cause + " after " + endAfterMs + " ms") + (variables.isEmpty() ? "" : " " + variables);
	}

}
