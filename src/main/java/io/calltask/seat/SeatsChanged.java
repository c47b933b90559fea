package io.calltask.seat;

import java.util.UUID;

/**
 * Published inside the transaction of every seat or bridge group write through the API (a seat
 * created, changed, deleted or its status set; a group created, changed or deleted), so the dialer
 * rereads seats and groups at once instead of at its next periodic read: listen after the commit, as
 * the dialer does for {@code TaskChanged}. The dialer's own writes ({@link SeatBoardStore}) publish nothing.
 */
public record SeatsChanged(UUID userId) {
}
