package io.calltask.schedule;

import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One dialable interval of one weekday, [begin, end), as the user gives it (the local task's
 * {@code work_hour} entry). Weekdays: 0 = Sunday … 6 = Saturday. Serialized in the seed's key
 * order {@code {"end","wday","begin"}}.
 */
@JsonPropertyOrder({ "end", "wday", "begin" })
public record WorkHour(@JsonIgnore int wday, @JsonIgnore ClockTime begin, @JsonIgnore ClockTime end) {

	public WorkHour {
		if (wday < 0 || wday > 6) {
			throw new InvalidScheduleException("星期取值为 0-6（0 为周日）");
		}
		if (begin == null || end == null || begin.compareTo(end) >= 0) {
			throw new InvalidScheduleException("开始时间必须早于结束时间");
		}
	}

	@JsonGetter("end")
	String endText() {
		return end.toString();
	}

	@JsonGetter("wday")
	int wdayValue() {
		return wday;
	}

	@JsonGetter("begin")
	String beginText() {
		return begin.toString();
	}

}
