package io.calltask.agent.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of an API key. Keys carry at least 128 random bits, so a fast unsalted hash is safe
 * (no dictionary to attack) and lets the key be looked up by its hash.
 */
public final class KeyHash {

	private KeyHash() {
	}

	public static String of(String key) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

}
