package io.calltask.seat;

import java.util.UUID;

/**
 * Published inside the transaction of every seat or bridge group write through the API (a seat
 * created, changed, deleted or its status set; a group created, changed or deleted), so the dialer
 * rereads seats and groups at once instead of at its next periodic read.
 */
public record SeatsChanged(UUID userId) {
}
