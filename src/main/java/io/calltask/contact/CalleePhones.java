package io.calltask.contact;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * A callee's phone as the contact policy sees it, through libphonenumber: the same person whether
 * imported as {@code 13800138000}, {@code +86 138 0013 8000} or {@code 008613800138000}, and the time
 * zones its country and area are in. Phones without {@code +} are read in
 * {@code calltask.contact.default-region} (default {@code CN}). Thread-safe; a parse costs a few
 * microseconds.
 */
@Component
public class CalleePhones {

	private static final String UNKNOWN_ZONE = PhoneNumberToTimeZonesMapper.getUnknownTimeZone();

	private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

	private final PhoneNumberToTimeZonesMapper zones = PhoneNumberToTimeZonesMapper.getInstance();

	private final String defaultRegion;

	/**
	 * The phones the dialer met lately, read once: a call's phone is read when its number is claimed
	 * and again when its start is written. Emptied when full; an import's phones do not go in.
	 */
	private final java.util.Map<String, Read> recent = new java.util.concurrent.ConcurrentHashMap<>();

	private static final int RECENT = 50_000;

	/** A phone read once: its E.164 form now, its zones when first asked (only the {@code phone} source needs them). */
	private final class Read {

		final String e164;

		private final PhoneNumber parsed;

		private volatile List<ZoneId> zones;

		Read(String phone) {
			this.parsed = parse(phone);
			this.e164 = parsed == null ? digits(phone) : phones.format(parsed, PhoneNumberFormat.E164);
		}

		List<ZoneId> zones() {
			List<ZoneId> z = zones;
			if (z == null) {
				z = zonesOf(parsed);
				zones = z;
			}
			return z;
		}

	}

	/** {@link ZoneId#getAvailableZoneIds()} copies the set on every call. */
	private static final java.util.Set<String> KNOWN_ZONES = ZoneId.getAvailableZoneIds();

	public CalleePhones(@Value("${calltask.contact.default-region:CN}") String defaultRegion) {
		this.defaultRegion = defaultRegion;
	}

	/**
	 * The phone in E.164 ({@code +8613800138000}); a phone libphonenumber cannot read (a short code,
	 * an internal extension) is kept as its digits, with a leading {@code +} if it had one, so that
	 * it still equals itself.
	 */
	public String e164(String phone) {
		PhoneNumber parsed = parse(phone);
		return parsed == null ? digits(phone) : phones.format(parsed, PhoneNumberFormat.E164);
	}

	/**
	 * The zones of the phone's country and area, the first one being libphonenumber's first; empty
	 * when it knows none (the caller then uses {@code calltask.timezone}).
	 */
	public List<ZoneId> zones(String phone) {
		return read(phone).zones();
	}

	/** {@link #e164} of a phone the dialer is about to call, remembered with its {@link #zones}. */
	public String e164Called(String phone) {
		return read(phone).e164;
	}

	private Read read(String phone) {
		String key = phone == null ? "" : phone;
		Read r = recent.get(key);
		if (r == null) {
			if (recent.size() >= RECENT) {
				recent.clear();
			}
			r = new Read(phone);
			recent.put(key, r);
		}
		return r;
	}

	private List<ZoneId> zonesOf(PhoneNumber parsed) {
		if (parsed == null) {
			return List.of();
		}
		List<ZoneId> found = new ArrayList<>();
		for (String zone : zones.getTimeZonesForNumber(parsed)) {
			if (!UNKNOWN_ZONE.equals(zone) && KNOWN_ZONES.contains(zone)) {
				found.add(ZoneId.of(zone));
			}
		}
		return List.copyOf(found);
	}

	private PhoneNumber parse(String phone) {
		if (phone == null || phone.isBlank()) {
			return null;
		}
		try {
			PhoneNumber parsed = phones.parse(phone.strip(), defaultRegion);
			return phones.isPossibleNumber(parsed) ? parsed : null;
		}
		catch (NumberParseException ex) {
			return null;
		}
	}

	private static String digits(String phone) {
		String stripped = phone == null ? "" : phone.strip();
		StringBuilder kept = new StringBuilder(stripped.length());
		for (int i = 0; i < stripped.length(); i++) {
			char c = stripped.charAt(i);
			if ((c >= '0' && c <= '9') || (c == '+' && kept.length() == 0)) {
				kept.append(c);
			}
		}
		return kept.toString();
	}

}
