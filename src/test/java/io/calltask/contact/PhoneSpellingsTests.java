package io.calltask.contact;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneSpellingsTests {

	private final CalleePhones phones = new CalleePhones("CN");

	private final PhoneSpellings spellings = new PhoneSpellings(phones, "CN");

	@Test
	void aChineseMobileIsWrittenFiveWaysInImports() {
		assertThat(spellings.of("+8613800138000")).containsExactlyInAnyOrder("+8613800138000", "8613800138000",
				"008613800138000", "13800138000", "+86013800138000", "86013800138000", "0086013800138000",
				"013800138000");
	}

	@Test
	void aChineseLandlineIsAlsoWrittenWithItsTrunkPrefix() {
		assertThat(spellings.of("+861085551234")).contains("+861085551234", "01085551234", "1085551234",
				"00861085551234");
	}

	@Test
	void aForeignPhoneIsWrittenWithItsCountryCodeOnly() {
		// 12125550123 without + is a Chinese number to CN: not a spelling of the New York one.
		assertThat(spellings.of("+12125550123")).contains("+12125550123", "0012125550123")
			.doesNotContain("12125550123", "2125550123");
	}

	@Test
	void everySpellingReadsBackAsThePhone() {
		for (String e164 : new String[] { "+8613800138000", "+861085551234", "+12125550123", "+442079460000", "+8612345" }) {
			assertThat(spellings.of(e164)).first().isEqualTo(e164);
			spellings.of(e164).forEach(s -> assertThat(phones.e164(s)).as(s).isEqualTo(e164));
		}
	}

	@Test
	void aPhoneLibphonenumberCannotReadHasOnlyItself() {
		assertThat(spellings.of("12")).containsExactly("12");
		assertThat(spellings.of("+999")).containsExactly("+999");
	}

	@Test
	void theInternationalPrefixIsTheDefaultRegions() {
		PhoneSpellings fromUs = new PhoneSpellings(new CalleePhones("US"), "US");
		assertThat(fromUs.of("+8613800138000")).contains("+8613800138000", "0118613800138000")
			.doesNotContain("13800138000");
	}

}
