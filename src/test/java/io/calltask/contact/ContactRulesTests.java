package io.calltask.contact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.calltask.contact.ContactPolicy.CallWindow;
import io.calltask.contact.ContactPolicy.TimezoneSource;
import io.calltask.contact.ContactRules.Counted;
import io.calltask.contact.ContactRules.Zones;

import static org.assertj.core.api.Assertions.assertThat;

class ContactRulesTests {

	private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static final CallWindow NINE_TO_NINE = new CallWindow(8 * 60, 21 * 60);

	@Test
	void aNumberInSeveralZonesIsCalledOnlyWhenTheWindowHoldsInAll() {
		ContactPolicy policy = new ContactPolicy(null, null, 0, NINE_TO_NINE, TimezoneSource.PHONE, true);
		Zones zones = Zones.of(policy, List.of(NEW_YORK, CHICAGO), SHANGHAI);
		// 08:30 in New York is 07:30 in Chicago: held until Chicago's 08:00.
		Instant now = ZonedDateTime.of(2027, 1, 11, 8, 30, 0, 0, NEW_YORK).toInstant();
		ContactHold hold = ContactRules.hold(policy, zones, Counted.NONE, now);
		assertThat(hold.reason()).isEqualTo(ContactHold.WINDOW);
		assertThat(hold.until()).isEqualTo(ZonedDateTime.of(2027, 1, 11, 8, 0, 0, 0, CHICAGO).toInstant());
		// 20:30 in Chicago is 21:30 in New York: held until New York's next 08:00.
		Instant late = ZonedDateTime.of(2027, 1, 11, 20, 30, 0, 0, CHICAGO).toInstant();
		assertThat(ContactRules.hold(policy, zones, Counted.NONE, late).until())
			.isEqualTo(ZonedDateTime.of(2027, 1, 12, 9, 0, 0, 0, NEW_YORK).toInstant());
	}

	@Test
	void theReasonIsTheRuleWhoseHoldEndsLast() {
		ContactPolicy policy = new ContactPolicy(2, null, 0, NINE_TO_NINE, TimezoneSource.DEPLOYMENT, true);
		Zones zones = Zones.of(policy, List.of(), SHANGHAI);
		LocalDate today = LocalDate.of(2027, 1, 11);
		Instant evening = today.atTime(20, 0).atZone(SHANGHAI).toInstant();
		Counted full = new Counted(today, 2, ContactRules.monday(today), 2, evening.minusSeconds(600));
		// The day's limit ends at midnight, the window then holds until 08:00.
		ContactHold hold = ContactRules.hold(policy, zones, full, evening);
		assertThat(hold.reason()).isEqualTo(ContactHold.WINDOW);
		assertThat(hold.until()).isEqualTo(today.plusDays(1).atTime(8, 0).atZone(SHANGHAI).toInstant());
		// Without a window the limit alone holds, until midnight.
		ContactPolicy noWindow = new ContactPolicy(2, null, 0, null, TimezoneSource.DEPLOYMENT, true);
		Instant morning = today.atTime(10, 0).atZone(SHANGHAI).toInstant();
		ContactHold limit = ContactRules.hold(noWindow, zones, full, morning);
		assertThat(limit.reason()).isEqualTo(ContactHold.LIMIT);
		assertThat(limit.until()).isEqualTo(today.plusDays(1).atStartOfDay(SHANGHAI).toInstant());
	}

	@Test
	void aWeekStartsOnMondayInTheCalleesZone() {
		ContactPolicy policy = new ContactPolicy(null, 3, 0, null, TimezoneSource.PHONE, true);
		Zones zones = Zones.of(policy, List.of(NEW_YORK), SHANGHAI);
		LocalDate sunday = LocalDate.of(2027, 1, 17);
		Instant sundayNight = sunday.atTime(23, 0).atZone(NEW_YORK).toInstant();
		Counted week = new Counted(sunday, 1, ContactRules.monday(sunday), 3, sundayNight.minusSeconds(3600));
		ContactHold hold = ContactRules.hold(policy, zones, week, sundayNight);
		assertThat(hold.reason()).isEqualTo(ContactHold.LIMIT);
		assertThat(hold.until()).isEqualTo(sunday.plusDays(1).atStartOfDay(NEW_YORK).toInstant());
	}

	@Test
	void withoutRulesNothingIsHeld() {
		ContactPolicy none = new ContactPolicy(null, null, 0, null, TimezoneSource.DEPLOYMENT, true);
		assertThat(ContactRules.hold(none, Zones.of(none, List.of(), SHANGHAI),
				new Counted(LocalDate.now(), 100, null, 100, Instant.now()), Instant.now())).isNull();
	}

}
