package io.calltask.notify.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,<base64 of HMAC-SHA256(key, id + "." + timestamp + "." + body)>},
 * the key being the base64-decoded part of a {@code whsec_…} secret; several separated by spaces.
 */
final class Signatures {

	static final String PREFIX = "whsec_";

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * One HMAC-SHA256 per thread, keyed anew for each signature: looking the algorithm up for each
	 * signature cost more than signing.
	 */
	private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
		try {
			return Mac.getInstance("HmacSHA256");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	});

	private Signatures() {
	}

	/** A new secret: {@code whsec_} and 32 random bytes in base64. */
	static String newSecret() {
		byte[] key = new byte[32];
		RANDOM.nextBytes(key);
		return PREFIX + Base64.getEncoder().encodeToString(key);
	}

	/** The {@code webhook-signature} header: one signature per secret, in order; {@code body} as sent (UTF-8). */
	static String header(List<String> secrets, String id, long timestamp, byte[] body) {
		StringBuilder header = new StringBuilder();
		for (String secret : secrets) {
			if (!header.isEmpty()) {
				header.append(' ');
			}
			header.append("v1,").append(sign(secret, id, timestamp, body));
		}
		return header.toString();
	}

	static String sign(String secret, String id, long timestamp, byte[] body) {
		try {
			Mac mac = MAC.get();
			mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
			mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
