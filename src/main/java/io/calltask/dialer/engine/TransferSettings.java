package io.calltask.dialer.engine;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code calltask.seats.*} as the engine uses them (API.md section 8.2).
 *
 * @param holdAudio what a customer hears while waiting for a seat or while one rings, when the task
 *        names no background ({@code background_file_id})
 * @param emptyGrace {@code empty_seat_stop}: how long every seat of a group stays offline before the
 *        tasks using it pause
 */
@ConfigurationProperties("calltask.seats")
public record TransferSettings(@DefaultValue("local_stream://moh") String holdAudio,
		@DefaultValue("30s") Duration emptyGrace) {
}
