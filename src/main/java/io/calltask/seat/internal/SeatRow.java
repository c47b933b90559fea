package io.calltask.seat.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.calltask.seat.SeatCallState;
import io.calltask.seat.SeatStatus;

/** A seat as the API shows it: its settings, what people set, where it stands in a call, its day and its groups. */
public record SeatRow(long id, UUID userId, SeatSettings settings, Presence presence, SeatCallState callState,
		DayCounts day, List<Long> groupIds, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

	public SeatRow {
		groupIds = List.copyOf(groupIds);
	}

	SeatRow withGroupIds(List<Long> ids) {
		return new SeatRow(id, userId, settings, presence, callState, day, ids, createdAt, updatedAt);
	}

	/** The status people set, why (null, or {@code no_answer}: the dialer put the seat on break), since when. */
	public record Presence(SeatStatus status, String reason, OffsetDateTime at) {
	}

	/** Bridged calls and their seconds counted on {@code day} (the service's zone); none on any other day. */
	public record DayCounts(LocalDate day, int calls, long talkSeconds) {

		public int callsOn(LocalDate today) {
			return today.equals(day) ? calls : 0;
		}

		public long talkSecondsOn(LocalDate today) {
			return today.equals(day) ? talkSeconds : 0;
		}

	}

}
