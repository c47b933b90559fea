package io.calltask.dialer.engine;

/**
 * A task's {@code dial_format} (拨号串格式) applied to a number: empty dials the number as it is; a
 * format containing {@code %s} has it replaced by the number; any other format is a prefix (a
 * trunk's routing digits, e.g. {@code 9} or {@code 0086}).
 */
final class DialFormat {

	private DialFormat() {
	}

	static String apply(String format, String phone) {
		if (format == null || format.isEmpty()) {
			return phone;
		}
		if (format.contains("%s")) {
			return format.replace("%s", phone);
		}
		return format + phone;
	}

}
