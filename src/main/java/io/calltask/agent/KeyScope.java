package io.calltask.agent;

/** What a key may do: {@code full} everything, {@code read} only {@code GET} (API.md §11). */
public enum KeyScope {

	FULL("full"), READ("read");

	private final String wire;

	KeyScope(String wire) {
		this.wire = wire;
	}

	/** The API's word for it. */
	public String wire() {
		return wire;
	}

	/** The scope of the API's word; null for anything else. */
	public static KeyScope ofWire(String text) {
		for (KeyScope scope : values()) {
			if (scope.wire.equals(text)) {
				return scope;
			}
		}
		return null;
	}

}
