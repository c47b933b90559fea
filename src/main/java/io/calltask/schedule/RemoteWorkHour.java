package io.calltask.schedule;

import com.fasterxml.jackson.annotation.JsonGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One interval of the compressed (remote) schedule: {@code wday} null stands for every day of the
 * work week and is written {@code "-1"} (a string, as the seed shows), otherwise an int.
 */
@JsonPropertyOrder({ "wday", "begin", "end" })
public record RemoteWorkHour(@JsonIgnore Integer wday, @JsonIgnore ClockTime begin, @JsonIgnore ClockTime end) {

	@JsonIgnore
	public boolean everyDay() {
		return wday == null;
	}

	@JsonGetter("wday")
	Object wdayValue() {
		return wday == null ? "-1" : wday;
	}

	@JsonGetter("begin")
	String beginText() {
		return begin.toString();
	}

	@JsonGetter("end")
	String endText() {
		return end.toString();
	}

}
