package io.calltask.dialer.spi;

import java.util.Map;
import java.util.UUID;

/**
 * One call to place, in four parts read by name: which call it is ({@link Identity}), whom it rings
 * ({@link Callee}), how it goes out ({@link Route}) and where it goes once answered ({@link Destination}).
 */
public record OriginateRequest(Identity identity, Callee callee, Route route, Destination destination) {

	/**
	 * The call's identity: {@code callId} becomes the channel's {@code origination_uuid} and is the id of
	 * every {@link CallEvent} about it; {@code taskUuid} and {@code numberId} go with it for the bot.
	 */
	public record Identity(UUID callId, UUID taskUuid, long numberId) {
	}

	/**
	 * Whom the call rings: {@code phone} as imported; {@code dialString} the number as the trunk is to
	 * receive it (the task's {@code dial_format} applied). {@code variables} are the number's imported
	 * variables, name → value as text (numbers and booleans as written in the import), for the bot to
	 * read; never null, and not yet held to what a gateway can send (a gateway drops what it cannot carry).
	 */
	public record Callee(String phone, String dialString, Map<String, String> variables) {

		public Callee {
			variables = variables == null ? Map.of() : variables;
		}

	}

	/**
	 * How the call goes out: the line ({@code lineId}), its trunk ({@code gateway}) on FreeSWITCH node
	 * {@code nodeId}, the caller id shown ({@code callerIdNumber}, empty for the trunk's own), and how
	 * long it may ring.
	 */
	public record Route(UUID lineId, String gateway, String nodeId, String callerIdNumber, int timeoutSeconds) {
	}

	/**
	 * Where the answered call goes: the 话术组 {@code extension}, {@code dialplan} and {@code context};
	 * {@code originateVariables} are the task's channel variables, name → value as meant (not quoted or
	 * escaped for FreeSWITCH), in order, already held to the originate-variables policy; never null.
	 * {@code parkForSeat} (a task with {@code direct_bridge} 1): the answered call goes to no bot but waits,
	 * silent, for the engine's {@link CallGateway#ringSeat} (or {@link CallGateway#hold},
	 * {@link CallGateway#backToBot}, {@link CallGateway#cancel}); the extension, dialplan and context are
	 * then only where {@link CallGateway#backToBot} sends it.
	 */
	public record Destination(String extension, String dialplan, String context,
			Map<String, String> originateVariables, boolean parkForSeat) {

		public Destination {
			originateVariables = originateVariables == null ? Map.of() : originateVariables;
		}

		/** To the bot of {@code extension} (not parked for a seat). */
		public Destination(String extension, String dialplan, String context, Map<String, String> originateVariables) {
			this(extension, dialplan, context, originateVariables, false);
		}

	}

	/** The call's id ({@link Identity#callId}): what the dialer and every event key the call by. */
	public UUID callId() {
		return identity.callId();
	}

}
