package io.calltask.dialer.number;

/**
 * What a phone number is to the platform: an optional leading {@code +}, then 5..20 ASCII digits,
 * after trimming surrounding whitespace. Nothing else is normalised: {@code +8613800138000} and
 * {@code 13800138000} are different numbers, and inner spaces or dashes make a number invalid.
 */
public final class PhoneNumbers {

	/** The longest phone the column holds: {@code +} and 20 digits. */
	public static final int MAX_LENGTH = 21;

	private PhoneNumbers() {
	}

	/** Why the trimmed text is not a phone (Chinese, as the API's messages are), or null if it is one. */
	public static String problem(String raw) {
		String phone = raw == null ? "" : raw.strip();
		if (phone.isEmpty()) {
			return "号码为空";
		}
		int start = phone.charAt(0) == '+' ? 1 : 0;
		int digits = phone.length() - start;
		for (int i = start; i < phone.length(); i++) {
			char c = phone.charAt(i);
			if (c < '0' || c > '9') {
				return "号码只能包含数字，可以 + 开头";
			}
		}
		if (digits < 5 || digits > 20) {
			return "号码应为 5 到 20 位数字";
		}
		return null;
	}

}
