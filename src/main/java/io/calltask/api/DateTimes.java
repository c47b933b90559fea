package io.calltask.api;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Datetimes as the API shows them, {@code yyyy-MM-dd HH:mm:ss} in the deployment's time zone
 * ({@code calltask.timezone}, default Asia/Shanghai), and the clock every module reads time from.
 */
@Component
public class DateTimes {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
		.withResolverStyle(ResolverStyle.STRICT);

	private final ZoneId zone;

	private final Clock clock;

	public DateTimes(@Value("${calltask.timezone:Asia/Shanghai}") String zone, Clock clock) {
		this.zone = ZoneId.of(zone);
		this.clock = clock;
	}

	public ZoneId zone() {
		return zone;
	}

	public Instant now() {
		return clock.instant();
	}

	/** Now, truncated to what the API can show, so a stored value reads back the same. */
	public OffsetDateTime nowForStorage() {
		return OffsetDateTime.ofInstant(clock.instant(), zone).withNano(0);
	}

	public String format(OffsetDateTime time) {
		return time == null ? null : FORMAT.format(time.atZoneSameInstant(zone));
	}

	/** Parses the API format in the deployment zone; {@code null} if the text is not a valid datetime. */
	public OffsetDateTime parseOrNull(String text) {
		if (text == null) {
			return null;
		}
		try {
			return LocalDateTime.parse(text, FORMAT).atZone(zone).toOffsetDateTime();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** Reads a datetime key of a request body; records an error for anything but the API format. */
	public OffsetDateTime read(JsonBody body, String key) {
		if (!body.hasValue(key)) {
			return null;
		}
		String text = body.string(key, 64);
		if (text == null) {
			return null;
		}
		OffsetDateTime value = parseOrNull(text);
		if (value == null) {
			body.errors().add(key, "时间格式应为 yyyy-MM-dd HH:mm:ss");
		}
		return value;
	}

}
