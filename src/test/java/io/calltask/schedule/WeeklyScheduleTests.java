package io.calltask.schedule;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeeklyScheduleTests {

	private static final JsonMapper JSON = JsonMapper.builder().disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

	static WorkHour h(int wday, String begin, String end) {
		return new WorkHour(wday, ClockTime.parse(begin), ClockTime.parse(end));
	}

	static String remote(WeeklySchedule schedule) {
		return JSON.writeValueAsString(schedule.compress());
	}

	/** The customer document's own example: its local hours compress to exactly its remote hours. */
	@Test
	void theSeedExampleCompressesToTheSeedsRemoteHours() {
		WeeklySchedule seed = new WeeklySchedule(List.of(1, 2, 3, 4, 5, 6, 0),
				List.of(h(1, "03:00", "19:00"), h(1, "20:00", "23:30"), h(2, "03:00", "19:00"), h(3, "03:00", "19:00"),
						h(3, "20:00", "23:30"), h(4, "03:00", "19:00"), h(4, "20:00", "23:30"), h(5, "03:00", "19:00"),
						h(6, "03:00", "19:00"), h(0, "03:00", "19:00")));
		assertThat(remote(seed)).isEqualTo("[{\"wday\":\"-1\",\"begin\":\"03:00\",\"end\":\"19:00\"},"
				+ "{\"wday\":1,\"begin\":\"20:00\",\"end\":\"23:30\"},"
				+ "{\"wday\":3,\"begin\":\"20:00\",\"end\":\"23:30\"},"
				+ "{\"wday\":4,\"begin\":\"20:00\",\"end\":\"23:30\"}]");
		assertThat(JSON.writeValueAsString(seed.workHours().get(0)))
			.isEqualTo("{\"end\":\"19:00\",\"wday\":1,\"begin\":\"03:00\"}");
	}

	@Test
	void touchingOverlappingNestedAndUnorderedIntervalsMerge() {
		WeeklySchedule s = new WeeklySchedule(List.of(1),
				List.of(h(1, "12:00", "13:00"), h(1, "09:00", "12:00"), h(1, "09:30", "10:00"), h(1, "12:30", "14:00"),
						h(1, "16:00", "17:00")));
		assertThat(remote(s)).isEqualTo("[{\"wday\":\"-1\",\"begin\":\"09:00\",\"end\":\"14:00\"},"
				+ "{\"wday\":\"-1\",\"begin\":\"16:00\",\"end\":\"17:00\"}]");
	}

	@Test
	void aWorkDayWithoutHoursEmptiesTheCommonPartAndNeverDials() {
		WeeklySchedule s = new WeeklySchedule(List.of(1, 2), List.of(h(1, "09:00", "18:00")));
		assertThat(remote(s)).isEqualTo("[{\"wday\":1,\"begin\":\"09:00\",\"end\":\"18:00\"}]");
		assertThat(s.allows(2, 600)).isFalse();
		assertThat(s.allows(1, 600)).isTrue();
	}

	@Test
	void anEmptyWeekNeverDials() {
		WeeklySchedule s = new WeeklySchedule(List.of(), List.of(h(1, "09:00", "18:00")));
		assertThat(s.compress()).isEmpty();
		for (int d = 0; d < 7; d++) {
			assertThat(s.allows(d, 600)).isFalse();
		}
	}

	@Test
	void daysOutsideTheWorkWeekAreKeptButNeverDial() {
		WeeklySchedule s = new WeeklySchedule(List.of(1), List.of(h(1, "09:00", "10:00"), h(2, "09:00", "10:00")));
		assertThat(s.workHours()).hasSize(2);
		assertThat(remote(s)).isEqualTo("[{\"wday\":\"-1\",\"begin\":\"09:00\",\"end\":\"10:00\"}]");
		assertThat(s.allows(2, 9 * 60)).isFalse();
	}

	@Test
	void endOfDayAndHalfOpenBoundaries() {
		WeeklySchedule s = new WeeklySchedule(List.of(0, 6), List.of(h(0, "22:00", "24:00"), h(6, "00:00", "24:00")));
		assertThat(remote(s)).isEqualTo("[{\"wday\":\"-1\",\"begin\":\"22:00\",\"end\":\"24:00\"},"
				+ "{\"wday\":6,\"begin\":\"00:00\",\"end\":\"22:00\"}]");
		assertThat(s.allows(0, 1439)).isTrue();
		assertThat(s.allows(0, 22 * 60)).isTrue();
		assertThat(s.allows(0, 22 * 60 - 1)).isFalse();
		assertThat(s.allows(6, 0)).isTrue();
	}

	@Test
	void theCommonPartMayBeSplitAndDaysKeepTheirOwnRemainders() {
		WeeklySchedule s = new WeeklySchedule(List.of(3, 1),
				List.of(h(1, "08:00", "12:00"), h(1, "13:00", "20:00"), h(3, "09:00", "19:00")));
		assertThat(remote(s)).isEqualTo("[{\"wday\":\"-1\",\"begin\":\"09:00\",\"end\":\"12:00\"},"
				+ "{\"wday\":\"-1\",\"begin\":\"13:00\",\"end\":\"19:00\"},"
				+ "{\"wday\":3,\"begin\":\"12:00\",\"end\":\"13:00\"},"
				+ "{\"wday\":1,\"begin\":\"08:00\",\"end\":\"09:00\"},"
				+ "{\"wday\":1,\"begin\":\"19:00\",\"end\":\"20:00\"}]");
	}

	@Test
	void oneDayWeeksAreAllCommon() {
		WeeklySchedule s = new WeeklySchedule(List.of(5), List.of(h(5, "09:00", "10:00"), h(5, "11:00", "12:00")));
		assertThat(s.compress()).allMatch(RemoteWorkHour::everyDay).hasSize(2);
	}

	@Test
	void invalidSchedulesAreRefused() {
		assertThatThrownBy(() -> h(1, "10:00", "10:00")).isInstanceOf(InvalidScheduleException.class);
		assertThatThrownBy(() -> h(1, "11:00", "10:00")).isInstanceOf(InvalidScheduleException.class);
		assertThatThrownBy(() -> h(1, "24:00", "24:00")).isInstanceOf(InvalidScheduleException.class);
		assertThatThrownBy(() -> h(7, "09:00", "10:00")).isInstanceOf(InvalidScheduleException.class);
		assertThatThrownBy(() -> new WeeklySchedule(List.of(1, 1), List.of()))
			.isInstanceOf(InvalidScheduleException.class);
		assertThatThrownBy(() -> new WeeklySchedule(List.of(-1), List.of()))
			.isInstanceOf(InvalidScheduleException.class);
		List<Integer> withNull = new ArrayList<>();
		withNull.add(null);
		assertThatThrownBy(() -> new WeeklySchedule(withNull, List.of())).isInstanceOf(InvalidScheduleException.class);
	}

}
