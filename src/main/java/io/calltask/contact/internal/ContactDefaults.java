package io.calltask.contact.internal;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

import io.calltask.contact.ContactPolicy;
import io.calltask.contact.ContactPolicy.CallWindow;
import io.calltask.contact.ContactPolicy.TimezoneSource;

/**
 * The deployment's policy ({@code calltask.contact.*}): what users that never set one get, and what
 * keys left out of a PUT take. Shipped: no limits, no window, {@code deployment}, {@code true}. A
 * bad value stops the start with a message naming the property.
 */
@Component
public class ContactDefaults {

	private final ContactPolicy policy;

	public ContactDefaults(@Value("${calltask.contact.max-per-day:}") String maxPerDay,
			@Value("${calltask.contact.max-per-week:}") String maxPerWeek,
			@Value("${calltask.contact.min-interval:0}") String minInterval,
			@Value("${calltask.contact.window:}") String window,
			@Value("${calltask.contact.timezone-source:deployment}") String timezoneSource,
			@Value("${calltask.contact.optout-to-blacklist:true}") boolean optoutToBlacklist) {
		TimezoneSource source = TimezoneSource.of(timezoneSource.strip());
		if (source == null) {
			throw new IllegalStateException("calltask.contact.timezone-source must be phone or deployment, not "
					+ timezoneSource);
		}
		this.policy = new ContactPolicy(limit("max-per-day", maxPerDay), limit("max-per-week", maxPerWeek),
				minutes(minInterval), window(window), source, optoutToBlacklist);
	}

	public ContactPolicy policy() {
		return policy;
	}

	private static Integer limit(String name, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			int value = Integer.parseInt(text.strip());
			if (value >= 1) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// below
		}
		throw new IllegalStateException("calltask.contact." + name + " must be a whole number of at least 1 or empty, not "
				+ text);
	}

	private static int minutes(String text) {
		if (text == null || text.isBlank()) {
			return 0;
		}
		try {
			Duration d = DurationStyle.detectAndParse(text.strip(), java.time.temporal.ChronoUnit.MINUTES);
			if (!d.isNegative() && d.toMinutes() <= ContactPolicyForm.MAX_INTERVAL_MINUTES) {
				return (int) d.toMinutes();
			}
		}
		catch (IllegalArgumentException ex) {
			// below
		}
		throw new IllegalStateException("calltask.contact.min-interval must be a duration such as 30m, not " + text);
	}

	private static CallWindow window(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String[] parts = text.strip().split("-");
		if (parts.length == 2) {
			int begin = CallWindow.minuteOf(parts[0].strip());
			int end = CallWindow.minuteOf(parts[1].strip());
			if (begin >= 0 && end > begin) {
				return new CallWindow(begin, end);
			}
		}
		throw new IllegalStateException("calltask.contact.window must be HH:mm-HH:mm with begin before end, not " + text);
	}

}
