package io.calltask.agent.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import io.calltask.time.DateTimes;

/**
 * Download tokens: a plain link (no header) may open one CSV export, once, within
 * {@link #LIFETIME}, as the key that asked for it. Kept in the database (as hashes), so the link
 * works on any instance.
 */
@Component
public class DownloadTokens {

	public static final Duration LIFETIME = Duration.ofSeconds(60);

	/** The query parameter that carries a token. */
	public static final String PARAMETER = "download_token";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final JdbcClient jdbc;

	private final DateTimes time;

	DownloadTokens(JdbcClient jdbc, DateTimes time) {
		this.jdbc = jdbc;
		this.time = time;
	}

	/** A token for {@code path} (path and query, as the link will send it), opened with the key of {@code keyHash}. */
	@Transactional
	public Issued issue(String keyHash, String path) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String token = "dt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		OffsetDateTime now = time.nowForStorage();
		jdbc.sql("DELETE FROM download_token WHERE expires_at < ?").param(now.minus(LIFETIME)).update();
		OffsetDateTime expires = now.plus(LIFETIME);
		jdbc.sql("INSERT INTO download_token (token_hash, key_hash, path, expires_at) VALUES (?, ?, ?, ?)")
			.params(KeyHash.of(token), keyHash, path, expires)
			.update();
		return new Issued(token, expires);
	}

	/** The hash of the key that asked for the token, if it opens {@code path} now; a token opens once. */
	@Transactional
	public Optional<String> redeem(String token, String path) {
		String hash = KeyHash.of(token);
		int used = jdbc.sql("""
				UPDATE download_token SET used_at = ?
				WHERE token_hash = ? AND path = ? AND used_at IS NULL AND expires_at > ?""")
			.params(time.nowForStorage(), hash, path, OffsetDateTime.ofInstant(time.now(), time.zone()))
			.update();
		if (used != 1) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT key_hash FROM download_token WHERE token_hash = ?").param(hash).query(String.class)
			.optional();
	}

	/** A token just made; it is shown once. */
	public record Issued(String token, OffsetDateTime expiresAt) {

		@Override
		public String toString() {
			return "Issued[expires " + expiresAt + "]";
		}

	}

}
