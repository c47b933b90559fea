package io.calltask.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class CalleePhonesTests {

	private final CalleePhones phones = new CalleePhones("CN");

	@Test
	void oneChinesePhoneWrittenThreeWaysIsOnePhone() {
		assertThat(phones.e164("13800138000")).isEqualTo("+8613800138000");
		assertThat(phones.e164(" +86 138 0013 8000 ")).isEqualTo("+8613800138000");
		assertThat(phones.e164("008613800138000")).isEqualTo("+8613800138000");
	}

	@Test
	void aPhoneLibphonenumberCannotReadIsKeptAsItsDigits() {
		assertThat(phones.e164("12")).isEqualTo("12");
		assertThat(phones.e164("+999")).isEqualTo("+999");
	}

	@Test
	void zonesComeFromTheCountryAndArea() {
		assertThat(phones.zones("+12125551234")).containsExactly(ZoneId.of("America/New_York"));
		assertThat(phones.zones("+442079460000")).containsExactly(ZoneId.of("Europe/London"));
		assertThat(phones.zones("13800138000")).containsExactly(ZoneId.of("Asia/Shanghai"));
		assertThat(phones.zones("12")).isEmpty();
	}

	@Test
	void aCountryWithSeveralZonesAndNoAreaGivesThemAll() {
		// A US toll-free number has no area: every US zone.
		assertThat(phones.zones("+18005550100")).hasSizeGreaterThan(3);
	}

	@Test
	void theDefaultRegionReadsNationalNumbers() {
		CalleePhones us = new CalleePhones("US");
		assertThat(us.e164("(212) 555-1234")).isEqualTo("+12125551234");
	}

}
