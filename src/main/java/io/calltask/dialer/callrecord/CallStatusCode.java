package io.calltask.dialer.callrecord;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The platform's 13 call states (docs/API-NOTES.md, "Outcome and status"): what the announcement detector reported
 * ({@code da_status}) decides first, the hangup cause second.
 */
public final class CallStatusCode {

	public static final int WAITING = 0;

	public static final int CONNECTED = 1;

	public static final int CARRIER_BLOCKED = 2;

	public static final int REJECTED = 3;

	public static final int NO_ANSWER = 4;

	public static final int NOT_EXIST = 5;

	public static final int POWER_OFF = 6;

	public static final int SUSPENDED = 7;

	public static final int BUSY = 8;

	public static final int BARRED = 9;

	public static final int ARREARS = 10;

	public static final int BLACKLISTED = 11;

	public static final int BLOCKED_BY_CALLEE = 12;

	/** Detector results by the names detectors report them in (Chinese labels and English keys). */
	private static final Map<String, Integer> DETECTOR = new HashMap<>();

	static {
		detector(CARRIER_BLOCKED, "运营商拦截", "拦截", "carrier_blocked", "intercepted");
		detector(REJECTED, "拒接", "rejected", "refused");
		detector(NO_ANSWER, "无应答", "无人接听", "no_answer", "noanswer");
		detector(NOT_EXIST, "空号", "not_exist", "empty_number", "unallocated", "vacant");
		detector(POWER_OFF, "关机", "power_off", "switched_off", "poweroff");
		detector(SUSPENDED, "停机", "suspended", "out_of_service", "stopped");
		detector(BUSY, "占线", "用户正忙", "忙", "busy", "user_busy");
		detector(BARRED, "呼入限制", "barred", "call_barred", "incoming_barred");
		detector(ARREARS, "欠费", "arrears", "overdue");
		detector(BLOCKED_BY_CALLEE, "用户屏蔽", "屏蔽", "blocked", "user_blocked");
	}

	private static void detector(int code, String... names) {
		for (String name : names) {
			DETECTOR.put(name.toLowerCase(Locale.ROOT), code);
		}
		DETECTOR.put(Integer.toString(code), code);
	}

	private CallStatusCode() {
	}

	/** The state of a finished attempt. */
	public static int of(String daStatus, String hangupCause, boolean answered) {
		if (answered) {
			return CONNECTED;
		}
		if (daStatus != null) {
			Integer detected = DETECTOR.get(daStatus.trim().toLowerCase(Locale.ROOT));
			if (detected != null && detected != WAITING && detected != CONNECTED && detected != BLACKLISTED) {
				return detected;
			}
		}
		if (hangupCause == null) {
			return NO_ANSWER;
		}
		if (CallOutcome.of(hangupCause, false) == CallOutcome.BAD_NUMBER) {
			return NOT_EXIST;
		}
		return switch (hangupCause) {
			case "CALL_REJECTED" -> CARRIER_BLOCKED;
			case "DECLINE", "UNWANTED" -> REJECTED;
			case "USER_BUSY", "BUSY_EVERYWHERE" -> BUSY;
			case "INCOMING_CALL_BARRED" -> BARRED;
			// No answer, timeouts, gateway and network failures, cancels: the callee was not reached.
			default -> NO_ANSWER;
		};
	}

}
