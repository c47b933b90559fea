package io.calltask.time;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DateTimesTests {

	@Test
	void formatsInTheDeploymentZoneExactlyAsDateTimeFormatterWould() {
		DateTimeFormatter reference = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
		Random random = new Random(7);
		for (String zone : new String[] { "Asia/Shanghai", "UTC", "America/New_York", "Asia/Kolkata", "Europe/Moscow",
				"Europe/Berlin" }) {
			DateTimes times = new DateTimes(zone, Clock.systemUTC());
			for (int i = 0; i < 20_000; i++) {
				OffsetDateTime t = OffsetDateTime.parse("1970-01-01T00:00:00Z")
					.plusSeconds((long) (random.nextDouble() * 4_000_000_000L));
				assertThat(times.format(t)).isEqualTo(reference.format(t.atZoneSameInstant(ZoneId.of(zone))));
			}
		}
	}

	@Test
	void parsesWhatItFormats() {
		DateTimes times = new DateTimes("Asia/Shanghai", Clock.systemUTC());
		assertThat(times.format(times.parseOrNull("2024-12-04 11:17:34"))).isEqualTo("2024-12-04 11:17:34");
		assertThat(times.parseOrNull("2024-02-30 00:00:00")).isNull();
		assertThat(times.parseOrNull("2024-12-04T11:17:34")).isNull();
		assertThat(times.format((java.time.OffsetDateTime) null)).isNull();
		assertThat(times.format((java.time.Instant) null)).isNull();
	}

}
