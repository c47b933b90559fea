package io.calltask.seat.internal;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import io.calltask.seat.BridgeGroup;
import io.calltask.seat.SeatActivity;

/** A bridge group as the API shows it, with its live {@link Stats}. */
public record GroupRow(long id, UUID userId, GroupSettings settings, Stats stats, OffsetDateTime createdAt,
		OffsetDateTime updatedAt) {

	public BridgeGroup group() {
		return new BridgeGroup(id, userId, settings.name(), settings.seatIds(), settings.strategy(),
				settings.ringTimeoutSeconds(), settings.maxWaitSeconds());
	}

	/** How many of the group's seats do what ({@link SeatActivity}: each seat once), and how many customers wait. */
	public record Stats(Map<SeatActivity, Integer> seats, int waiting) {

		public Stats {
			EnumMap<SeatActivity, Integer> all = new EnumMap<>(SeatActivity.class);
			for (SeatActivity activity : SeatActivity.values()) {
				all.put(activity, seats.getOrDefault(activity, 0));
			}
			seats = Map.copyOf(all);
		}

		public int count(SeatActivity activity) {
			return seats.get(activity);
		}

	}

}
