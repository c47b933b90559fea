package io.calltask.contact;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The ways one callee's phone is written in imports (digits with an optional {@code +}, API.md section
 * 3): for {@code +8613800138000} with default region {@code CN}, {@code +8613800138000},
 * {@code 8613800138000}, {@code 008613800138000}, {@code 13800138000}, {@code 013800138000} and the
 * same with the trunk prefix after the country code. Each spelling is built from libphonenumber's
 * formats and metadata (E.164, national, the trunk prefix, the default region's international prefix)
 * and kept only if {@link CalleePhones#e164} reads it back as the same phone.
 * Lets a table keyed by the phone as written (a task's numbers) be searched for one person without
 * normalising every row.
 */
@Component
public class PhoneSpellings {

	private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

	private final CalleePhones callees;

	/** The default region's international prefix as digits ({@code 00} for CN), empty if none. */
	private final String internationalPrefix;

	public PhoneSpellings(CalleePhones callees, @Value("${calltask.contact.default-region:CN}") String defaultRegion) {
		this.callees = callees;
		this.internationalPrefix = internationalPrefix(defaultRegion);
	}

	/**
	 * The spellings of the phone whose E.164 is {@code e164} (as {@link CalleePhones#e164} answers),
	 * {@code e164} first. A phone libphonenumber cannot read has only itself.
	 */
	public List<String> of(String e164) {
		Set<String> spellings = new LinkedHashSet<>();
		spellings.add(e164);
		PhoneNumber parsed = parse(e164);
		if (parsed == null) {
			return List.copyOf(spellings);
		}
		String cc = Integer.toString(parsed.getCountryCode());
		String nsn = phones.getNationalSignificantNumber(parsed);
		String national = digits(phones.format(parsed, PhoneNumberFormat.NATIONAL));
		// The trunk prefix the national format leaves out for some numbers (a Chinese mobile's 0).
		String trunk = phones.getNddPrefixForRegion(phones.getRegionCodeForNumber(parsed), true);
		String prefixed = trunk == null ? nsn : trunk + nsn;
		List<String> candidates = new ArrayList<>();
		for (String rest : new String[] { nsn, national, prefixed }) {
			candidates.add("+" + cc + rest);
			candidates.add(cc + rest);
			if (!internationalPrefix.isEmpty()) {
				candidates.add(internationalPrefix + cc + rest);
			}
			candidates.add(rest);
		}
		for (String candidate : candidates) {
			int digits = candidate.length() - (candidate.startsWith("+") ? 1 : 0);
			if (digits >= 5 && digits <= 20 && e164.equals(callees.e164(candidate))) {
				spellings.add(candidate);
			}
		}
		return List.copyOf(spellings);
	}

	private PhoneNumber parse(String e164) {
		if (e164 == null || !e164.startsWith("+")) {
			return null;
		}
		try {
			return phones.parse(e164, "ZZ");
		}
		catch (NumberParseException ex) {
			return null;
		}
	}

	/**
	 * The digits a caller in {@code region} dials before a country code: read off libphonenumber's
	 * out-of-country format of an example number of another country.
	 */
	private String internationalPrefix(String region) {
		String abroad = phones.getCountryCodeForRegion(region) == 1 ? "GB" : "US";
		PhoneNumber example = phones.getExampleNumber(abroad);
		if (example == null) {
			return "";
		}
		String dialed = digits(phones.formatOutOfCountryCallingNumber(example, region));
		String international = example.getCountryCode() + phones.getNationalSignificantNumber(example);
		return dialed.endsWith(international) ? dialed.substring(0, dialed.length() - international.length()) : "";
	}

	private static String digits(String text) {
		StringBuilder kept = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				kept.append(c);
			}
		}
		return kept.toString();
	}

}
