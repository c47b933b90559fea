package io.calltask.freeswitch.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.calltask.dialer.spi.OriginateRequest;

/**
 * The {@code originate} that places one call:
 * {@code {origination_uuid=…,origination_caller_id_number=…,originate_timeout=…,ignore_early_media=true,<task's
 * variables>,calltask_var_<name>=<value>…,<ours>}sofia/gateway/<gateway>/<number> <extension> <dialplan> <context>},
 * or {@code … &park()} for a call that is to wait for a seat once answered ({@code direct_bridge}).
 * <p>
 * Everything here ends up in one line that FreeSWITCH splits on spaces and commas, so every part is
 * checked again even though the API validated it: of the task's variables (name → value pairs the
 * task module read from its block), a pair that could close the block, expand {@code ${…}}, break
 * the line or override our own variables is dropped, values with spaces are single-quoted and commas
 * escaped, and the dial string and positional arguments must be plain tokens. The number's variables
 * go to the bot as {@code calltask_var_<name>} under the same value rules, bounded (see
 * {@link #numberVariables}).
 */
final class OriginateCommand {

	/** Variables we set ourselves: a task's own value for them is ignored. */
	static final Set<String> OURS = Set.of("origination_uuid", "origination_caller_id_number", "originate_timeout",
			"ignore_early_media", "calltask_call", "calltask_task", "calltask_number", "calltask_line", FreeSwitchNode.OWNER);

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

	/**
	 * Where an answered call of a {@code direct_bridge} task goes: parked, silent, until the engine rings
	 * a seat (its positional extension, dialplan and context are not sent).
	 */
	static final String PARK_FOR_SEAT = "&park()";

	/** What a number's variable is called on the channel: {@code calltask_var_<name>}. */
	static final String NUMBER_VARIABLE = "calltask_var_";

	/** At most this many of a number's variables go with its call (the first, in name order). */
	static final int MAX_NUMBER_VARIABLES = 32;

	/** A number's variable's value is cut to this many characters. */
	static final int MAX_NUMBER_VALUE = 256;

	/** A number's variable's name as the bot's dialplan reads it: letters, digits, {@code _}. */
	private static final Pattern NUMBER_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

	/** A sofia gateway's name: no {@code @} or {@code :}, which would make a SIP URI or split the originate. */
	private static final Pattern GATEWAY = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

	/** Extension, dialplan and context: one word each. */
	private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.+*#-]{1,128}");

	/**
	 * What a trunk dials: digits, {@code *}, {@code #}, a leading {@code +}. Nothing else: {@code @}
	 * would send the INVITE to another host, {@code ,} or {@code |} would ring several numbers.
	 */
	private static final Pattern DIAL = Pattern.compile("\\+?[0-9*#]{1,64}");

	/** A call that cannot be sent, and the hangup cause it ends with. */
	static final class Refused extends IllegalArgumentException {

		private final String cause;

		Refused(String cause, String message) {
			super(message);
			this.cause = cause;
		}

		String hangupCause() {
			return cause;
		}

	}

	private OriginateCommand() {
	}

	/**
	 * The command (without {@code bgapi}) for the dialer node whose tag is {@code owner}, or
	 * {@link Refused} saying which part cannot be sent.
	 */
	static String of(OriginateRequest call, String owner) {
		OriginateRequest.Identity identity = call.identity();
		OriginateRequest.Callee callee = call.callee();
		OriginateRequest.Route route = call.route();
		OriginateRequest.Destination destination = call.destination();
		if (route.gateway() == null || !GATEWAY.matcher(route.gateway()).matches()) {
			throw new Refused("INVALID_GATEWAY", "line gateway '" + route.gateway() + "' cannot be sent");
		}
		if (callee.dialString() == null || !DIAL.matcher(callee.dialString()).matches()) {
			throw new Refused("INVALID_NUMBER_FORMAT", "dial string '" + callee.dialString() + "' cannot be sent");
		}
		String answeredGoesTo = destination.parkForSeat() ? PARK_FOR_SEAT : dialplanTarget(destination);

		Map<String, String> vars = new LinkedHashMap<>();
		vars.put("origination_uuid", identity.callId().toString());
		if (route.callerIdNumber() != null && !route.callerIdNumber().isEmpty()) {
			vars.put("origination_caller_id_number", value(route.callerIdNumber()));
		}
		vars.put("originate_timeout", Integer.toString(Math.max(1, route.timeoutSeconds())));
		vars.put("ignore_early_media", "true");
		taskVariables(destination.originateVariables(), vars);
		numberVariables(callee.variables(), vars);
		if (destination.parkForSeat()) {
			vars.put("park_timeout", TransferCommand.UNATTENDED_PARK);
		}
		vars.put("calltask_call", identity.callId().toString());
		vars.put("calltask_task", identity.taskUuid().toString());
		vars.put("calltask_number", Long.toString(identity.numberId()));
		vars.put("calltask_line", route.lineId().toString());
		vars.put(FreeSwitchNode.OWNER, owner);

		StringBuilder line = new StringBuilder(400).append("originate {");
		boolean first = true;
		for (Map.Entry<String, String> v : vars.entrySet()) {
			if (v.getValue() == null) {
				continue;
			}
			if (!first) {
				line.append(',');
			}
			first = false;
			line.append(v.getKey()).append('=').append(v.getValue());
		}
		return line.append("}sofia/gateway/")
			.append(route.gateway())
			.append('/')
			.append(callee.dialString())
			.append(' ')
			.append(answeredGoesTo)
			.toString();
	}

	/**
	 * {@code <extension> <dialplan> <context>}, as {@code originate} and {@code uuid_transfer} take them, or
	 * {@link Refused} if one is not a plain word.
	 */
	static String dialplanTarget(OriginateRequest.Destination to) {
		return positional("destination_extension", to.extension()) + ' ' + positional("destination_dialplan", to.dialplan())
				+ ' ' + positional("destination_context", to.context());
	}

	private static String positional(String what, String value) {
		if (value == null || !TOKEN.matcher(value).matches()) {
			throw new Refused("NORMAL_TEMPORARY_FAILURE", what + " '" + value + "' cannot be sent");
		}
		return value;
	}

	/**
	 * Adds a task's channel variables to {@code vars}, each value as it is to be written; a name that is
	 * not a plain variable name or is one of ours, and a value that cannot be written safely, are left
	 * out. (The task module has already read the block and held it to the policy; this is the last
	 * guard before the text reaches the switch.)
	 */
	static void taskVariables(Map<String, String> pairs, Map<String, String> vars) {
		for (Map.Entry<String, String> pair : pairs.entrySet()) {
			String name = pair.getKey();
			if (name == null || pair.getValue() == null || !NAME.matcher(name).matches()
					|| OURS.contains(name.toLowerCase(Locale.ROOT))) {
				continue;
			}
			String value = value(pair.getValue());
			if (value != null) {
				vars.put(name, value);
			}
		}
	}

	/**
	 * Adds a number's variables to {@code vars} as {@code calltask_var_<name>}, each value as it is to
	 * be written: a name of anything but letters, digits and {@code _} is left out, a value is cut to
	 * {@value #MAX_NUMBER_VALUE} characters and left out if it cannot be written safely
	 * ({@link #value}), and after {@value #MAX_NUMBER_VARIABLES} written the rest are left out, so
	 * whatever was imported a number adds a bounded amount to the originate. The prefix keeps them
	 * clear of our variables and of FreeSWITCH's own.
	 */
	static void numberVariables(Map<String, String> pairs, Map<String, String> vars) {
		int written = 0;
		for (Map.Entry<String, String> pair : pairs.entrySet()) {
			if (written == MAX_NUMBER_VARIABLES) {
				return;
			}
			String name = pair.getKey();
			if (name == null || pair.getValue() == null || !NUMBER_NAME.matcher(name).matches()) {
				continue;
			}
			String value = value(cut(pair.getValue(), MAX_NUMBER_VALUE));
			if (value != null) {
				vars.put(NUMBER_VARIABLE + name, value);
				written++;
			}
		}
	}

	/** {@code text}'s first {@code max} characters, never splitting a surrogate pair. */
	private static String cut(String text, int max) {
		if (text.length() <= max) {
			return text;
		}
		int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
		return text.substring(0, end);
	}

	/**
	 * A value as written inside the block: commas escaped, single-quoted if it holds a space; null if
	 * it cannot be written safely (a line break or other control character, a quote, a brace, a {@code $},
	 * or {@code :_:}, which splits an originate into several).
	 */
	static String value(String raw) {
		if (raw.contains(":_:")) {
			return null;
		}
		boolean space = false;
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c < 0x20 || c == 0x7f || c == '\'' || c == '{' || c == '}' || c == '$' || c == '\\') {
				return null;
			}
			space |= c == ' ';
		}
		String escaped = raw.replace(",", "\\,");
		return space ? "'" + escaped + "'" : escaped;
	}

}
