package io.calltask.task.internal;

import java.util.regex.Pattern;

/**
 * Checks a task's {@code originate_variables}, a FreeSWITCH channel-variable block such as
 * {@code {execute_on_media=start_da,foo='a b'}}. The dialer splices it into an originate
 * string, so a value must not be able to close the block, open a nested one, expand
 * {@code ${…}} variables, or carry a line break that would start a second command.
 */
final class OriginateVariables {

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,63}");

	private OriginateVariables() {
	}

	/** Why {@code text} is not an acceptable block, or {@code null} if it is. */
	static String problem(String text) {
		if (text.isEmpty()) {
			return null;
		}
		if (!text.startsWith("{") || !text.endsWith("}") || text.length() < 2) {
			return "格式应为 {变量名=值,变量名=值}";
		}
		String inner = text.substring(1, text.length() - 1);
		if (inner.isEmpty()) {
			return null;
		}
		if (inner.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
			return "不能包含换行或其他控制字符";
		}
		if (inner.contains("{") || inner.contains("}") || inner.contains("$")) {
			return "变量值不能包含 {、} 或 $";
		}
		for (String pair : inner.split("(?<!\\\\),", -1)) {
			int eq = pair.indexOf('=');
			if (eq <= 0) {
				return "每一项应为 变量名=值：" + pair;
			}
			if (!NAME.matcher(pair.substring(0, eq)).matches()) {
				return "变量名只能包含字母、数字、下划线和点：" + pair.substring(0, eq);
			}
			String value = pair.substring(eq + 1);
			if (value.chars().filter(c -> c == '\'').count() % 2 != 0) {
				return "单引号不成对：" + pair;
			}
		}
		return null;
	}

}
