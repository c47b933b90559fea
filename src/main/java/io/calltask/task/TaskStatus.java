package io.calltask.task;

/**
 * The list's {@code status}, derived from {@code enable} and the dialer's {@code call_status},
 * never stored (seed: 任务状态根据 enable 和 远程任务中的 call_status 判断).
 */
public enum TaskStatus {

	/** enable = false, whatever the dialer says. */
	STOPPED(1, "停止"),

	/** enable = true and the dialer is placing calls. */
	DIALING(2, "拨打中"),

	/** enable = true and the dialer is not placing calls right now. */
	WAITING(3, "等待执行");

	private final int code;

	private final String label;

	TaskStatus(int code, String label) {
		this.code = code;
		this.label = label;
	}

	public static TaskStatus of(boolean enable, boolean callStatus) {
		if (!enable) {
			return STOPPED;
		}
		return callStatus ? DIALING : WAITING;
	}

	public int code() {
		return code;
	}

	public String label() {
		return label;
	}

}
