package io.calltask.seat.internal;

import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import io.calltask.api.JsonBody;

/**
 * Reads a seat's writable keys onto a base seat; on create, {@code name} and {@code extension} are
 * required. A {@code contact} not given (or null, or empty) is the deployment's template applied to the
 * extension; a seat whose contact is its template's follows a change of its extension.
 */
final class SeatInput {

	static final Pattern EXTENSION = Pattern.compile("[0-9]{1,20}");

	/**
	 * A FreeSWITCH dial string, {@code endpoint/target}: {@code user/1001}, {@code sofia/gateway/gw1/138…},
	 * {@code sofia/internal/1001@10.0.0.2:5060;transport=tcp}. Nothing that could end or split an originate
	 * (spaces, commas, pipes, braces, quotes) or expand a variable ({@code $}).
	 */
	static final Pattern CONTACT = Pattern.compile("[A-Za-z0-9_]{1,32}/[A-Za-z0-9_.@:;=+*#/%-]{1,300}");

	static final String CONTACT_RULE = "必须是 FreeSWITCH 呼叫串，如 user/1001（字母、数字和 _ . @ : ; = + * # / % -）";

	private SeatInput() {
	}

	static SeatSettings read(JsonBody body, SeatSettings base, boolean create, String contactTemplate) {
		String name = create || body.has("name") ? body.requiredName("name", 100) : base.name();
		String extension = create || body.has("extension") ? extension(body) : base.extension();
		Integer wrapUp = body.integer("wrap_up_seconds", 0, 3600);
		Integer maxNoAnswer = body.integer("max_no_answer", 1, 100);
		String contact = base.contact();
		JsonNode given = body.node("contact");
		if (given != null && !given.isNull() && !(given.isString() && given.stringValue().isEmpty())) {
			contact = body.string("contact", 310);
			if (contact != null && !CONTACT.matcher(contact).matches()) {
				body.errors().add("contact", CONTACT_RULE);
			}
		}
		else if (extension != null && (create || body.has("contact")
				|| fromTemplate(contactTemplate, base.extension()).equals(base.contact()))) {
			contact = fromTemplate(contactTemplate, extension);
			if (!CONTACT.matcher(contact).matches()) {
				body.errors().add("contact",
						"按 calltask.seats.contact-template 生成的 " + contact + " 不是合法的呼叫串，请提供 contact");
			}
		}
		body.throwIfInvalid();
		return new SeatSettings(name, extension, contact, wrapUp != null ? wrapUp : base.wrapUpSeconds(),
				maxNoAnswer != null ? maxNoAnswer : base.maxNoAnswer());
	}

	static String fromTemplate(String template, String extension) {
		return extension == null ? "" : template.replace("{extension}", extension);
	}

	/** Digits, as a string ("1001", leading zeros kept) or a non-negative integer. */
	private static String extension(JsonBody body) {
		JsonNode node = body.node("extension");
		if (node == null || node.isNull()) {
			body.errors().add("extension", "不能为空");
			return null;
		}
		String text = node.isIntegralNumber() ? node.bigIntegerValue().toString()
				: node.isString() ? node.stringValue() : null;
		if (text == null || !EXTENSION.matcher(text).matches()) {
			body.errors().add("extension", "必须是 1 到 20 位数字");
			return null;
		}
		return text;
	}

}
