package io.calltask.freeswitch.esl;

/** A command that got no usable reply: not connected, connection lost, or timed out. */
public class EslException extends RuntimeException {

	public EslException(String message) {
		super(message, null, false, false);
	}

	/** The command was never written: FreeSWITCH cannot have run it. */
	public static final class NotSent extends EslException {

		public NotSent(String message) {
			super(message);
		}

	}

	/** The connection went after the command was written: FreeSWITCH may or may not have run it. */
	public static final class Lost extends EslException {

		public Lost(String message) {
			super(message);
		}

	}

	/**
	 * The reply did not come in time; the connection was closed, since replies are matched by order.
	 * FreeSWITCH may or may not have run the command.
	 */
	public static final class Timeout extends EslException {

		public Timeout(String message) {
			super(message);
		}

	}

}
