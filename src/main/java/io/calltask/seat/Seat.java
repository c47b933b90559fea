package io.calltask.seat;

import java.time.Instant;
import java.util.UUID;

/**
 * A seat as the dialer reads it: whom it rings ({@code contact}), how long it rests after a call
 * ({@code wrapUpSeconds}), after how many misses in a row it goes on break ({@code maxNoAnswer}),
 * what people set ({@code status}) and where it stands in a call ({@code callState} since
 * {@code callStateAt}, for the customer call {@code callId}, null when free), and its calls today.
 */
public record Seat(long id, UUID userId, String name, String contact, int wrapUpSeconds, int maxNoAnswer,
		SeatStatus status, SeatCallState callState, Instant callStateAt, UUID callId, int callsToday) {
}
