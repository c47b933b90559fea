package io.calltask.task.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * A task's {@code originate_variables}, a FreeSWITCH channel-variable block such as
 * {@code {execute_on_media=start_da,foo='a b'}}. The dialer splices it into an originate, so a value
 * must not be able to close the block, open a nested one, expand {@code ${…}}, carry a line break that
 * would start a second command, or split the originate ({@code :_:}); and only the variables of
 * {@link Policy} may be set at all: many FreeSWITCH variables run commands on the switch
 * ({@code api_on_answer}, {@code api_hangup_hook}, …) or reroute the call ({@code sip_route_uri}).
 * Checked when a task is written (a 422 names what is wrong), and again when the dialer reads the
 * task ({@link #allowedPairs}), so a block stored before a policy change is never sent whole. The
 * dialer gets the pairs, not the text: this is the one place that reads a block.
 */
@Component
@EnableConfigurationProperties(OriginateVariables.Policy.class)
class OriginateVariables {

	/**
	 * {@code calltask.originate-variables.*}: the variable names a task may set (a trailing {@code *}
	 * makes a prefix: {@code sip_h_X-*} for custom SIP headers), and the applications the
	 * {@code execute_on_*} variables may start (the first word of their value).
	 */
	@ConfigurationProperties("calltask.originate-variables")
	record Policy(
			@DefaultValue({ "execute_on_media", "execute_on_answer", "execute_on_pre_answer", "absolute_codec_string",
					"codec_string", "origination_caller_id_name", "sip_h_X-*" }) List<String> allowedNames,
			@DefaultValue("start_da") List<String> allowedApps) {
	}

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

	private final Policy policy;

	OriginateVariables(Policy policy) {
		this.policy = policy;
	}

	/** Why {@code text} is not an acceptable block, or {@code null} if it is. */
	String problem(String text) {
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
		String broken = blockProblem(inner);
		if (broken != null) {
			return broken;
		}
		for (String pair : pairs(inner)) {
			String refused = pairProblem(pair);
			if (refused != null) {
				return refused;
			}
		}
		return null;
	}

	/**
	 * The pairs of {@code text} that {@link #problem} would accept, in order, as name → value: what
	 * the dialer sends, whatever was stored. A value is given as meant, not as written: without the
	 * single quotes around it and with {@code \\,} read as a comma. Empty if none.
	 */
	Map<String, String> allowedPairs(String text) {
		if (text == null || text.length() < 2 || !text.startsWith("{") || !text.endsWith("}")) {
			return Map.of();
		}
		String inner = text.substring(1, text.length() - 1);
		if (inner.isEmpty() || blockProblem(inner) != null) {
			return Map.of();
		}
		Map<String, String> kept = new LinkedHashMap<>();
		for (String pair : pairs(inner)) {
			if (pairProblem(pair) == null) {
				int eq = pair.indexOf('=');
				kept.put(pair.substring(0, eq), meant(pair.substring(eq + 1)));
			}
		}
		return Collections.unmodifiableMap(kept);
	}

	/** A value as meant: the single quotes around it dropped, escaped commas read as commas. */
	private static String meant(String written) {
		String value = written.length() >= 2 && written.startsWith("'") && written.endsWith("'")
				? written.substring(1, written.length() - 1) : written;
		return value.replace("\\,", ",");
	}

	/** What makes the whole block unsafe to splice into an originate, or null. */
	private static String blockProblem(String inner) {
		if (inner.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
			return "不能包含换行或其他控制字符";
		}
		if (inner.contains("{") || inner.contains("}") || inner.contains("$")) {
			return "变量值不能包含 {、} 或 $";
		}
		if (inner.contains(":_:")) {
			return "不能包含 :_:";
		}
		return null;
	}

	/** Why one {@code name=value} pair is refused, or null. */
	private String pairProblem(String pair) {
		int eq = pair.indexOf('=');
		if (eq <= 0) {
			return "每一项应为 变量名=值：" + pair;
		}
		String name = pair.substring(0, eq);
		if (!NAME.matcher(name).matches()) {
			return "变量名只能包含字母、数字、下划线、点和 -：" + name;
		}
		String value = pair.substring(eq + 1);
		if (value.chars().filter(c -> c == '\'').count() % 2 != 0) {
			return "单引号不成对：" + pair;
		}
		return refused(name, value);
	}

	/** The block's pairs: split on commas that are neither escaped ({@code \\,}) nor inside single quotes. */
	private static List<String> pairs(String inner) {
		List<String> pairs = new ArrayList<>();
		int start = 0;
		boolean quoted = false;
		for (int i = 0; i < inner.length(); i++) {
			char c = inner.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == '\'') {
				quoted = !quoted;
			}
			else if (c == ',' && !quoted) {
				pairs.add(inner.substring(start, i));
				start = i + 1;
			}
		}
		pairs.add(inner.substring(start));
		return pairs;
	}

	/** Why the policy refuses {@code name=value}, or null. */
	private String refused(String name, String value) {
		if (!nameAllowed(name)) {
			return "不允许设置变量 " + name + "（允许：" + String.join("、", policy.allowedNames()) + "）";
		}
		if (name.toLowerCase(Locale.ROOT).startsWith("execute_on_")) {
			String app = value.strip();
			if (app.startsWith("'") && app.endsWith("'") && app.length() >= 2) {
				app = app.substring(1, app.length() - 1).strip();
			}
			int end = 0;
			while (end < app.length() && !Character.isWhitespace(app.charAt(end)) && app.charAt(end) != ':') {
				end++;
			}
			if (!policy.allowedApps().contains(app.substring(0, end))) {
				return name + " 只能启动 " + String.join("、", policy.allowedApps());
			}
		}
		return null;
	}

	private boolean nameAllowed(String name) {
		for (String allowed : policy.allowedNames()) {
			if (allowed.endsWith("*") ? name.startsWith(allowed.substring(0, allowed.length() - 1)) : name.equals(allowed)) {
				return true;
			}
		}
		return false;
	}

}
