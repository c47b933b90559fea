package io.calltask.schedule;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClockTimeTests {

	@Test
	void parsesAndPrintsHoursAndMinutes() {
		assertThat(ClockTime.parse("03:00").minuteOfDay()).isEqualTo(180);
		assertThat(ClockTime.parse("9:05")).hasToString("09:05");
		assertThat(ClockTime.parse("00:00").minuteOfDay()).isZero();
		assertThat(ClockTime.parse("23:59").minuteOfDay()).isEqualTo(1439);
		assertThat(ClockTime.parse("24:00")).hasToString("24:00");
		assertThat(ClockTime.parse("24:00").minuteOfDay()).isEqualTo(ClockTime.END_OF_DAY);
	}

	@Test
	void rejectsAnythingElse() {
		for (String bad : List.of("25:00", "12:60", "24:01", "1200", " 09:00", "09:00 ", "09:00:00", "9:5", "-1:00",
				"ab:cd", "", "٠٩:٠٠", "09：00")) {
			assertThatThrownBy(() -> ClockTime.parse(bad)).as(bad).isInstanceOf(InvalidScheduleException.class);
		}
		assertThatThrownBy(() -> ClockTime.parse(null)).isInstanceOf(InvalidScheduleException.class);
	}

}
