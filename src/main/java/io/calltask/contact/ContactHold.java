package io.calltask.contact;

import java.time.Instant;

/**
 * Why and until when the contact policy holds a number back: {@code until} is the earliest instant
 * every rule allows it, {@code reason} the rule whose hold ends last ({@code contact_limit},
 * {@code contact_interval}, {@code callee_window}).
 */
public record ContactHold(Instant until, String reason) {

	public static final String LIMIT = "contact_limit";

	public static final String INTERVAL = "contact_interval";

	public static final String WINDOW = "callee_window";

}
