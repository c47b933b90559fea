package io.calltask.contact;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import io.calltask.contact.ContactPolicy.CallWindow;

/**
 * The policy's rules for one phone, pure: whether a call may start at an instant given the calls
 * counted so far, and if not, the earliest instant all rules allow it and the rule holding longest.
 */
final class ContactRules {

	/** Rounds of the search for an instant every rule allows; each round moves past one rule's hold. */
	private static final int ROUNDS = 16;

	private ContactRules() {
	}

	/**
	 * The calls counted for a phone: {@code day} and {@code week} (its Monday) in the zone the counts
	 * are kept in, and the start of the last one.
	 */
	record Counted(LocalDate day, int dayCalls, LocalDate week, int weekCalls, Instant lastCallAt) {

		static final Counted NONE = new Counted(null, 0, null, 0, null);

		/** The counts once a call started at {@code at} is counted. */
		Counted plus(Instant at, ZoneId zone) {
			LocalDate d = at.atZone(zone).toLocalDate();
			LocalDate w = monday(d);
			return new Counted(d, d.equals(day) ? dayCalls + 1 : 1, w, w.equals(week) ? weekCalls + 1 : 1, at);
		}

		int callsOn(LocalDate date) {
			return date.equals(day) ? dayCalls : 0;
		}

		int callsInWeekOf(LocalDate date) {
			return monday(date).equals(week) ? weekCalls : 0;
		}

	}

	/** Where a phone is: the zone its days are counted in and the zones its window must hold in (never empty). */
	record Zones(ZoneId counting, List<ZoneId> window) {

		static Zones of(ContactPolicy policy, List<ZoneId> phoneZones, ZoneId deployment) {
			if (policy.timezoneSource() == ContactPolicy.TimezoneSource.DEPLOYMENT || phoneZones.isEmpty()) {
				return new Zones(deployment, List.of(deployment));
			}
			return new Zones(phoneZones.get(0), phoneZones);
		}

	}

	/** Null if a call may start at {@code now}; else the hold. */
	static ContactHold hold(ContactPolicy policy, Zones zones, Counted counted, Instant now) {
		if (!policy.holdsAnything()) {
			return null;
		}
		Instant t = now;
		String reason = null;
		for (int round = 0; round < ROUNDS; round++) {
			boolean moved = false;
			Instant u = dayLimit(policy, zones.counting(), counted, t);
			if (u.isAfter(t)) {
				t = u;
				reason = ContactHold.LIMIT;
				moved = true;
			}
			u = weekLimit(policy, zones.counting(), counted, t);
			if (u.isAfter(t)) {
				t = u;
				reason = ContactHold.LIMIT;
				moved = true;
			}
			u = interval(policy, counted, t);
			if (u.isAfter(t)) {
				t = u;
				reason = ContactHold.INTERVAL;
				moved = true;
			}
			u = window(policy.window(), zones.window(), t);
			if (u.isAfter(t)) {
				t = u;
				reason = ContactHold.WINDOW;
				moved = true;
			}
			if (!moved) {
				break;
			}
		}
		return reason == null ? null : new ContactHold(t, reason);
	}

	private static Instant dayLimit(ContactPolicy policy, ZoneId zone, Counted counted, Instant t) {
		if (policy.maxPerDay() == null) {
			return t;
		}
		LocalDate day = t.atZone(zone).toLocalDate();
		return counted.callsOn(day) < policy.maxPerDay() ? t : day.plusDays(1).atStartOfDay(zone).toInstant();
	}

	private static Instant weekLimit(ContactPolicy policy, ZoneId zone, Counted counted, Instant t) {
		if (policy.maxPerWeek() == null) {
			return t;
		}
		LocalDate day = t.atZone(zone).toLocalDate();
		return counted.callsInWeekOf(day) < policy.maxPerWeek() ? t
				: monday(day).plusWeeks(1).atStartOfDay(zone).toInstant();
	}

	private static Instant interval(ContactPolicy policy, Counted counted, Instant t) {
		if (policy.minIntervalMinutes() <= 0 || counted.lastCallAt() == null) {
			return t;
		}
		Instant allowed = counted.lastCallAt().plusSeconds(60L * policy.minIntervalMinutes());
		return allowed.isAfter(t) ? allowed : t;
	}

	/**
	 * The earliest instant from {@code t} on when the window holds in every zone: {@code t} itself or a
	 * window's begin in one of the zones within the next days; a day later if the zones' windows never
	 * meet (looked at again then).
	 */
	static Instant window(CallWindow window, List<ZoneId> zones, Instant t) {
		if (window == null || holdsEverywhere(window, zones, t)) {
			return t;
		}
		List<Instant> begins = new ArrayList<>();
		for (ZoneId zone : zones) {
			LocalDate date = t.atZone(zone).toLocalDate();
			for (int days = 0; days <= 2; days++) {
				ZonedDateTime begin = date.plusDays(days).atStartOfDay(zone).plusMinutes(window.begin());
				if (begin.toInstant().isAfter(t)) {
					begins.add(begin.toInstant());
				}
			}
		}
		begins.sort(null);
		for (Instant begin : begins) {
			if (holdsEverywhere(window, zones, begin)) {
				return begin;
			}
		}
		return t.plusSeconds(86_400);
	}

	private static boolean holdsEverywhere(CallWindow window, List<ZoneId> zones, Instant t) {
		for (ZoneId zone : zones) {
			if (!window.holds(t.atZone(zone).toLocalTime())) {
				return false;
			}
		}
		return true;
	}

	static LocalDate monday(LocalDate date) {
		return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

}
