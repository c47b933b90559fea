package io.calltask.line.internal;

import java.util.regex.Pattern;

import io.calltask.api.JsonBody;
import io.calltask.line.Line;

/** Reads a line's writable keys onto a base line; on create, name, gateway and node_id are required. */
public final class LineInput {

	/** Gateway and node names go into FreeSWITCH dial strings: nothing that could end or split one. */
	private static final Pattern GATEWAY = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

	private static final Pattern NODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final Pattern CALLER_NUMBER = Pattern.compile("\\+?[0-9]{0,31}");

	private LineInput() {
	}

	public static Line read(JsonBody body, Line base, boolean create) {
		String name = create || body.has("name") ? body.requiredName("name", 100) : base.name();
		String gateway = create || body.has("gateway")
				? matching(body, "gateway", GATEWAY, "只能包含字母、数字和 _ . -") : base.gateway();
		String node = create || body.has("node_id") ? matching(body, "node_id", NODE, "只能包含字母、数字和 _ . -")
				: base.nodeId();
		Integer cps = body.integer("cps", 1, 1000);
		Integer limit = body.integer("limit", 1, 10_000);
		String caller = body.has("caller_number") ? body.string("caller_number", 32) : base.callerNumber();
		if (caller != null && !CALLER_NUMBER.matcher(caller).matches()) {
			body.errors().add("caller_number", "只能是数字，可以 + 开头");
		}
		body.throwIfInvalid();
		return new Line(base.id(), base.userId(), name, gateway, node, cps != null ? cps : base.cps(),
				limit != null ? limit : base.limit(), caller != null ? caller : "", base.createdAt(), base.updatedAt());
	}

	private static String matching(JsonBody body, String key, Pattern pattern, String why) {
		if (!body.hasValue(key)) {
			body.errors().add(key, "不能为空");
			return null;
		}
		String value = body.string(key, 200);
		if (value != null && !pattern.matcher(value).matches()) {
			body.errors().add(key, why);
			return null;
		}
		return value;
	}

}
