package io.calltask.notify.internal;

/** Secrets for tests, made as the service makes them. */
public final class TestSecrets {

	private TestSecrets() {
	}

	public static String random() {
		return Signatures.newSecret();
	}

}
