package io.calltask.dialer.engine;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code calltask.pacing.*} (API.md section 9).
 *
 * @param abandonSeconds an answered call that asked for a seat and was not bridged within this long is
 *        abandoned (what {@code max_abandon_rate} caps)
 */
@ConfigurationProperties("calltask.pacing")
public record PacingSettings(@DefaultValue("2s") Duration abandonSeconds) {
}
